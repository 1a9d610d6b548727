import { caseSecret, caseValue, type CatalogueCase } from './schema.js'

/*
 * A negative that holds what a real-looking positive of the catalogue must have redacted:
 *
 * - `secret`: the very secret of a positive, as a whole token (gitleaks tests each Cloudflare rule
 *   against the other rules' positives; detect-secrets writes the same npm token as a positive
 *   after `/:_authToken=` and as a negative after `:_authToken=`), or the positive's whole value;
 * - `format`: a token in a positive's format: the same first four characters and length, and no
 *   kind of character (upper, lower, digit, each symbol) that the positives of that format lack
 *   (gitleaks allows Google API keys published by Google by their value: each is `AIza` and 35
 *   characters, as its positives are).
 *
 * No redactor can pass the positive and leave such a negative whole, so it is reported apart,
 * with the positive named. Only tokens of 16 characters or more count, so a short word or a
 * sentence shared by two cases never does.
 */
const MIN_TOKEN = 16
const TOKEN = /[A-Za-z0-9_.+/=-]{16,}/g
const TOKEN_CHAR = /[A-Za-z0-9_-]/

export interface HeldPositive {
  how: 'secret' | 'format'
  /** `scanner rule` of the positive. */
  of: string
}

const kind = (ch: string): string => (/[A-Z]/.test(ch) ? 'A' : /[a-z]/.test(ch) ? 'a' : /[0-9]/.test(ch) ? '0' : ch)
const formatKey = (token: string): string => `${token.slice(0, 4)}/${token.length}`

function holdsAsToken(value: string, secret: string): boolean {
  for (let at = value.indexOf(secret); at >= 0; at = value.indexOf(secret, at + 1)) {
    const before = at > 0 ? value[at - 1] : ''
    const after = value[at + secret.length] ?? ''
    if (!TOKEN_CHAR.test(before) && !TOKEN_CHAR.test(after)) return true
  }
  return false
}

/** A test that says which positive a negative holds the secret or the format of, if any. */
export function positiveHeldBy(cases: readonly CatalogueCase[]): (negative: CatalogueCase) => HeldPositive | undefined {
  const positives = cases.filter((c) => c.polarity === 'positive' && !c.placeholder)
  const name = (c: CatalogueCase): string => `${c.scanner} ${c.rule}`
  const values = new Map(positives.map((c) => [caseValue(c), name(c)]))
  const secrets = positives.map((c) => [caseSecret(c), name(c)] as const).filter(([s]) => s.length >= MIN_TOKEN && !/\s/.test(s))
  const formats = new Map<string, { kinds: Set<string>; of: string }>()
  for (const [s, of] of secrets) {
    if (!/^[A-Za-z0-9_.+/=-]+$/.test(s)) continue
    const f = formats.get(formatKey(s)) ?? { kinds: new Set<string>(), of }
    for (const ch of s.slice(4)) f.kinds.add(kind(ch))
    formats.set(formatKey(s), f)
  }
  return (negative) => {
    const value = caseValue(negative)
    const same = values.get(value)
    if (same) return { how: 'secret', of: same }
    const held = secrets.find(([s]) => holdsAsToken(value, s))
    if (held) return { how: 'secret', of: held[1] }
    for (const m of value.matchAll(TOKEN)) {
      const f = formats.get(formatKey(m[0]))
      if (f && [...m[0].slice(4)].every((ch) => f.kinds.has(kind(ch)))) return { how: 'format', of: f.of }
    }
    return undefined
  }
}
