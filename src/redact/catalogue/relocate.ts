import { placeholderReason } from './placeholder.js'
import { caseSecret, caseValue, type CatalogueCase } from './schema.js'

/*
 * Positives whose secret the extraction heuristic (SOURCES.md: the longest run of 8 or more
 * token characters) took from the wrong place: a header name or a registry URL instead of the
 * token after it. The measurement judges them on the token their scanner's own pattern reads;
 * the stored case is left as extracted. Each is listed with its reason in the report.
 */
interface Relocation {
  scanner: string
  rule: string
  /** Group 1 is the secret, as the scanner's pattern reads it. */
  pattern: RegExp
  reason: string
}

export const RELOCATIONS: readonly Relocation[] = [
  {
    scanner: 'detect-secrets',
    rule: 'artifactory/test_analyze_line',
    pattern: /^X-JFrog-Art-Api:\s*(\S+)$/,
    reason: 'the heuristic took the header name; detect-secrets reads the token after it'
  },
  {
    scanner: 'detect-secrets',
    rule: 'npm/test_analyze',
    pattern: /:_authToken=(\S+)$/,
    reason: 'the heuristic took the registry URL; detect-secrets reads the token after _authToken='
  }
]

export interface Relocated {
  secret: string
  /** Whether the secret, so located, is a placeholder by SOURCES.md's rule. */
  placeholder: boolean
  reason: string
}

/** The secret a heuristic positive is judged on, when the heuristic missed the token; else undefined. */
export function relocatedSecret(c: CatalogueCase): Relocated | undefined {
  if (c.polarity !== 'positive' || c.secret_from !== 'heuristic') return undefined
  const r = RELOCATIONS.find((x) => x.scanner === c.scanner && x.rule === c.rule)
  const secret = r?.pattern.exec(caseValue(c))?.[1]
  if (!r || !secret || secret.includes(caseSecret(c))) return undefined
  return { secret, placeholder: placeholderReason(secret) !== null, reason: r.reason }
}
