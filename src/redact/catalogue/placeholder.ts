/*
 * The rule that marks a scanner's positive as a placeholder, as fixtures/redaction/catalogue/
 * SOURCES.md states it. The extractor applies it when writing the catalogue; the catalogue test
 * checks every stored mark against this function, so the rule stays the one documented.
 */

export type PlaceholderReason = 'word' | 'masked-run' | 'few-distinct' | 'repeated-unit' | 'ascending-run'

const WORDS = /example|sample|dummy|placeholder|changeme|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)/i
const EXAMPLE_HOST = /[\w.-]*\bexample\.(?:com|net|org)\b/g

function hasAscendingRun(s: string, length: number): boolean {
  for (let i = 0; i + length <= s.length; i++) {
    const seg = s.slice(i, i + length)
    if (!/^[A-Za-z0-9]+$/.test(seg)) continue
    let ok = true
    for (let k = 0; k + 1 < seg.length && ok; k++) ok = seg.charCodeAt(k + 1) - seg.charCodeAt(k) === 1
    if (ok) return true
  }
  return false
}

/** Why a positive's secret is a placeholder by the scanner's own admission, or null. */
export function placeholderReason(secret: string): PlaceholderReason | null {
  if (WORDS.test(secret.replace(EXAMPLE_HOST, ''))) return 'word'
  if (/([xX*])\1{5,}/.test(secret) || (!secret.includes('\n') && /([A-Za-z0-9])\1{7,}/.test(secret))) return 'masked-run'
  const flat = secret.replace(/\n/g, '')
  if (flat.length >= 8 && new Set(flat).size <= 3) return 'few-distinct'
  if (!secret.includes('\n') && [...secret.matchAll(/(.{2,8})\1{2,}/gi)].some((m) => m[0].length >= 16)) return 'repeated-unit'
  if (hasAscendingRun(flat, 8)) return 'ascending-run'
  return null
}
