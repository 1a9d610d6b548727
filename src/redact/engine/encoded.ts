/* Encoded runs: base64 and percent-encoding, found in a view and decoded for a recursive scan. */

const MIN_BASE64_RUN = 24
const MAX_ENCODED_RUN = 1 << 20

export const URL_RUN = /(?<![^\s"'<>&?#`])[^\s"'<>&?#`]{3,8192}/g
export const PERCENT = /%[0-9A-Fa-f]{2}/

/** Decoded text only counts when it is mostly printable; random tokens decode to noise. */
function printable(s: string): boolean {
  if (s.length < 8) return false
  let bad = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++
  }
  return bad / s.length <= 0.05
}

/** Bytes that decode to one control character each, whatever surrounds them. */
function controlBytes(bytes: Uint8Array): number {
  let n = 0
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) n++
  return n
}

export function decodeBase64(run: string): string | undefined {
  if (/^[0-9a-fA-F]+$/.test(run) || run.length > MAX_ENCODED_RUN) return undefined
  const body = run.replace(/=+$/, '')
  if (body.length % 4 === 1) return undefined
  const bytes = Buffer.from(body, 'base64')
  // Most runs (paths, identifiers) decode to noise. A text has no more characters than bytes and
  // at least one unprintable character per control byte, so this rejects only what printable()
  // would, without making the string.
  if (controlBytes(bytes) / bytes.length > 0.05) return undefined
  const decoded = bytes.toString('utf8')
  return printable(decoded) ? decoded : undefined
}

export function decodePercent(run: string): string | undefined {
  if (!PERCENT.test(run)) return undefined
  try {
    return decodeURIComponent(run)
  } catch {
    // Malformed UTF-8 sequences: fall back to byte-per-character so nothing is skipped.
    return run.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
  }
}

export interface Run {
  index: number
  text: string
}

/** All matches of a shared global regex, collected before any recursive scan can reuse it. */
export function runs(text: string, re: RegExp): Run[] {
  const out: Run[] = []
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) out.push({ index: m.index, text: m[0] })
  return out
}

/** 1 at the codes of [A-Za-z0-9+/_-]: standard and URL-safe base64. */
const BASE64_CHARS = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') BASE64_CHARS[c.charCodeAt(0)] = 1
const isBase64Char = (c: number): boolean => c < 128 && BASE64_CHARS[c] === 1

/**
 * Whole runs of base64 characters of at least MIN_BASE64_RUN, with up to two `=` of padding:
 * what `(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}` matches, at a fraction of the cost.
 * Each window is read from its right end, as Boyer-Moore does: a non-base64 character at `j`
 * rules out a long run starting anywhere up to `j`, so prose is mostly skipped.
 */
export function base64Runs(text: string): Run[] {
  const out: Run[] = []
  // Invariant: no run straddles `start` (it is 0, or it or the character before is not base64).
  let start = 0
  while (start + MIN_BASE64_RUN <= text.length) {
    let j = start + MIN_BASE64_RUN - 1
    while (j >= start && isBase64Char(text.charCodeAt(j))) j--
    if (j >= start) {
      start = j + 1
      continue
    }
    let runEnd = start + MIN_BASE64_RUN
    while (runEnd < text.length && isBase64Char(text.charCodeAt(runEnd))) runEnd++
    let end = runEnd
    while (end < runEnd + 2 && text.charCodeAt(end) === 61) end++
    out.push({ index: start, text: text.slice(start, end) })
    start = end
  }
  return out
}
