/**
 * Values that look like credentials but are documentation or templating. Reporting them
 * would teach users to ignore the tool, and they carry no secret, so every detector
 * consults this before reporting.
 */
// A reference is well formed: `${NAME}`, `${NAME:-default}`, `${#NAME}`, `{{ .Values.x }}`, `{% … %}`;
// `m{{h}o)p${e]nob(ody…` only looks like one and may be a password. A value read up to a blank may
// be the start of one: `<Openverse` of `<Openverse API token>`, `{base64(` of `{base64(user:pass)}`.
const TEMPLATE =
  /\$\{[#!]?[A-Za-z0-9_]{1,80}(?:[:=?+/%#^,.[-][^{}]{0,80})?\}|\$\{\{|\{\{[ \t]{0,4}[A-Za-z0-9_.$'"(|-][^{}]{0,120}\}\}|\{%|\{[A-Z_][A-Z0-9_]{0,40}\}|<[A-Za-z_ -]{1,40}>|^\$[A-Za-z_][A-Za-z0-9_]{0,64}$|^\$[0-9]$|^\[[A-Z][A-Z_ ]{1,40}\]$|^\$\(|^%[A-Za-z_][A-Za-z0-9_]{0,64}%$|^<[A-Za-z][A-Za-z0-9_-]{0,40}$|^\{[A-Za-z_][A-Za-z0-9_.]{0,40}\(/
const MASKED = /x{4}|X{4}|\*{3}|•{3}|#{4}|\.{3}|…/
const WORDS =
  /example|changeme|change_me|change-me|replace[_-]?(?:me|with)|placeholder|redacted|dummy|sample|your[_-]?[a-z_-]{0,24}(?:here|key|token|secret|password)|insert[_-]?(?:your|key)|\bfake\b|[_-]fake[_-]|somefake|\btodo\b|\bnull\b|undefined/i
/**
 * Runs typed by hand, not drawn at random: eight ascending letters or digits (`abcdefgh`,
 * `12345678`), eight of one character (`aaaaaaaa`), or a unit of 2 to 8 characters typed over
 * and over to 16 or more (`abcd1234abcd1234`): the catalogue's own placeholder rule. An issuer's
 * random body holds one by chance about once in 10^11 tokens, so a prefixed token with one is a
 * placeholder too. `A` is left out of the one-character run: it is base64 of zero bytes, which
 * binary tokens (macaroons, protobufs) hold.
 */
const SAME_CHAR_RUN = /([B-Za-z0-9])\1{7}/
const REPEATED_UNIT = /(.{2,8})\1{2,}/gi
const INDIRECT = /^(?:process\.env\.|os\.environ|getenv\(|env\(|secrets\.|vars\.|ENV\[)/

/** Whether a detector's match is a template, a mask, a placeholder word or a run typed by hand. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim()
  if (v.length === 0) return true
  if (v.includes('[REDACTED')) return true
  if (TEMPLATE.test(v) || MASKED.test(v) || WORDS.test(v) || INDIRECT.test(v)) return true
  if (isTypedRun(v)) return true
  return isSingleCharRun(v) || hasRepeatedTail(v)
}

function isTypedRun(v: string): boolean {
  if (SAME_CHAR_RUN.test(v) || hasAscendingRun(v, 8)) return true
  REPEATED_UNIT.lastIndex = 0
  for (let m = REPEATED_UNIT.exec(v); m !== null; m = REPEATED_UNIT.exec(v)) if (m[0].length >= 16) return true
  return false
}

const isAlnumCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** Whether `v` holds `length` letters or digits in a row, each one code above the one before. */
function hasAscendingRun(v: string, length: number): boolean {
  let run = 1
  for (let i = 1; i < v.length; i++) {
    const c = v.charCodeAt(i)
    run = isAlnumCode(c) && isAlnumCode(v.charCodeAt(i - 1)) && c === v.charCodeAt(i - 1) + 1 ? run + 1 : 1
    if (run >= length) return true
  }
  return false
}

const ALNUM = /[A-Za-z0-9]/

/** `AIzaaaaaaaaaaaaa…`, `GR1348941123123123…`: the value ends (before base64 padding) in one short unit typed over and over. */
function hasRepeatedTail(value: string): boolean {
  const v = value.replace(/=+$/, '')
  for (let unit = 1; unit <= 3; unit++) {
    let n = 0
    for (let i = v.length - 1 - unit; i >= 0 && v[i] === v[i + unit] && ALNUM.test(v[i]); i--) n++
    if (n + unit >= 16) return true
  }
  return false
}

/** `yyy`, `aaaaaaaa`, `sk_live_00000000` and the like: the part after the last separator is one repeated character. */
function isSingleCharRun(v: string): boolean {
  const segments = v.split(/[_.-]/)
  const body = segments[segments.length - 1].length >= 8 ? segments[segments.length - 1] : v
  if (body.length < 3) return false
  const first = body[0]
  for (let i = 1; i < body.length; i++) if (body[i] !== first) return false
  return true
}
