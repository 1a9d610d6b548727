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

/** By character code, the six bits a base64 character (standard or URL-safe) stands for; -1 for others. */
const SEXTET = new Int8Array(128).fill(-1)
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (SEXTET[c.charCodeAt(0)] = i))
SEXTET['-'.charCodeAt(0)] = 62
SEXTET['_'.charCodeAt(0)] = 63

/** Above this share of control bytes, or of unprintable characters, a run decodes to noise. */
const MAX_UNPRINTABLE = 0.05

const isControlByte = (b: number): boolean => (b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f
/** Bytes no UTF-8 sequence holds anywhere: each decodes to a U+FFFD of its own. */
const isInvalidLead = (b: number): boolean => b === 0xc0 || b === 0xc1 || b >= 0xf5
const isContinuation = (b: number): boolean => b >= 0x80 && b < 0xc0

/**
 * Whether `decodeBase64` certainly rejects the bytes `body` decodes to, read straight from the
 * characters and stopped as soon as it is certain: most runs (paths, identifiers) are noise, and
 * this spares a buffer and a string for each. Counted are bytes each of which becomes an
 * unprintable character of its own: control bytes, bytes no UTF-8 sequence holds, and a
 * continuation byte after an ASCII byte or after one of those, which the decoder can only
 * replace. A text has no more characters than bytes, so when these exceed MAX_UNPRINTABLE of the
 * bytes, `controlBytes` or `printable` rejects. `body` is base64 characters of a length that is
 * not 4k + 1; on any other character the answer is false, and Buffer.from decides.
 */
export function certainlyNoise(body: string): boolean {
  if ((body.length & 3) === 1) return false
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    if (c >= 128 || SEXTET[c] < 0) return false
  }
  const length = (body.length >> 2) * 3 + ((body.length & 3) === 0 ? 0 : (body.length & 3) - 1)
  let n = 0
  let bits = 0
  let held = 0
  // Whether the byte before was ASCII or no sequence's (0 or an invalid lead): then a continuation is stray.
  let afterBreak = true
  for (let i = 0; i < body.length; i++) {
    bits = ((bits << 6) | SEXTET[body.charCodeAt(i)]) & 0xffffff
    held += 6
    if (held < 8) continue
    held -= 8
    const b = (bits >> held) & 0xff
    const stray: boolean = isContinuation(b) && afterBreak
    if (stray || isControlByte(b) || isInvalidLead(b)) {
      n++
      if (n / length > MAX_UNPRINTABLE) return true
    }
    afterBreak = b < 0x80 || isInvalidLead(b) || stray
  }
  return false
}

/** 1 at the codes of [0-9A-Fa-f]. */
const HEX_CHARS = new Uint8Array(128)
for (const c of '0123456789abcdefABCDEF') HEX_CHARS[c.charCodeAt(0)] = 1

/** `/^[0-9a-fA-F]+$/.test(run)` for a non-empty run. */
function allHex(run: string): boolean {
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i)
    if (c >= 128 || HEX_CHARS[c] === 0) return false
  }
  return true
}

/** `run` is what `base64Runs` finds: base64 characters, then up to two `=`. */
export function decodeBase64(run: string): string | undefined {
  if (run.length === 0 || allHex(run) || run.length > MAX_ENCODED_RUN) return undefined
  let bodyEnd = run.length
  while (bodyEnd > 0 && run.charCodeAt(bodyEnd - 1) === 61) bodyEnd--
  const body = run.slice(0, bodyEnd)
  if (body.length % 4 === 1) return undefined
  if (certainlyNoise(body)) return undefined
  const bytes = Buffer.from(body, 'base64')
  // A text has no more characters than bytes and at least one unprintable character per control
  // byte, so this rejects only what printable() would, without making the string.
  if (controlBytes(bytes) / bytes.length > MAX_UNPRINTABLE) return undefined
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
