import { caseSecret, caseValue, type CatalogueCase } from './schema.js'

export type Form = 'as-written' | 'assignment' | 'bare'

export interface PlantedText {
  form: Form
  text: string
}

/** A case is bare when the scanner wrote the secret alone, with no key or sentence around it. */
export function isBare(c: CatalogueCase): boolean {
  const value = caseValue(c)
  return caseSecret(c) === value && !/[\s=:]/.test(value)
}

/** The environment variable a person would put the family's secret in (`GITHUB_TOKEN`). */
export function assignmentKey(family: string): string {
  const base = family
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase()
    .replace(/_(KEY|TOKEN|SECRET)$/, '')
  return `${base || 'APP'}_TOKEN`
}

/**
 * The texts a case is planted as: as the scanner wrote it; a bare value also behind the key a
 * person would assign it to, since a value alone often carries no sign of being secret; and a
 * secret the scanner wrote behind a key also alone, to see what its shape is found by.
 */
export function plantedTexts(c: CatalogueCase): PlantedText[] {
  const value = caseValue(c)
  const out: PlantedText[] = [{ form: 'as-written', text: value }]
  if (isBare(c)) out.push({ form: 'assignment', text: `export ${assignmentKey(c.family)}=${value}` })
  else if (c.polarity === 'positive' && c.secret_parts) out.push({ form: 'bare', text: caseSecret(c) })
  return out
}
