/**
 * Values that look like credentials but are documentation or templating. Reporting them
 * would teach users to ignore the tool, and they carry no secret, so every detector
 * consults this before reporting.
 */
// A reference is well formed: `${NAME}`, `${NAME:-default}`, `${#NAME}`, `{{ .Values.x }}`, `{% … %}`;
// `m{{h}o)p${e]nob(ody…` only looks like one and may be a password.
const TEMPLATE =
  /\$\{[#!]?[A-Za-z0-9_]{1,80}(?:[:=?+/%#^,.[-][^{}]{0,80})?\}|\$\{\{|\{\{[ \t]{0,4}[A-Za-z0-9_.$'"(|-][^{}]{0,120}\}\}|\{%|\{[A-Z_][A-Z0-9_]{0,40}\}|<[A-Za-z_ -]{1,40}>|^\$[A-Za-z_][A-Za-z0-9_]{0,64}$|^\$[0-9]$|^\[[A-Z][A-Z_ ]{1,40}\]$|^\$\(|^%[A-Za-z_][A-Za-z0-9_]{0,64}%$/
const MASKED = /x{4}|X{4}|\*{3}|•{3}|#{4}|\.{3}|…/
const WORDS =
  /example|changeme|change_me|change-me|replace[_-]?(?:me|with)|placeholder|redacted|dummy|sample|your[_-]?[a-z_-]{0,24}(?:here|key|token|secret|password)|insert[_-]?(?:your|key)|\bfake\b|[_-]fake[_-]|somefake|\btodo\b|\bnull\b|undefined/i
/** A run typed by hand, not drawn at random: a placeholder for a generic shape, but a prefixed token with this body is still one. */
const SEQUENTIAL = /abcdefgh|12345678|01234567/i
const INDIRECT = /^(?:process\.env\.|os\.environ|getenv\(|env\(|secrets\.|vars\.|ENV\[)/

/**
 * `prefixed` is for values that begin with a provider's literal prefix (`ghp_`, `sk_live_`):
 * the prefix is evidence enough, so only templates, masks and placeholder words excuse them.
 */
export function isPlaceholder(value: string, shape: 'generic' | 'prefixed' = 'generic'): boolean {
  const v = value.trim()
  if (v.length === 0) return true
  if (v.includes('[REDACTED')) return true
  if (TEMPLATE.test(v) || MASKED.test(v) || WORDS.test(v) || INDIRECT.test(v)) return true
  if (shape === 'generic' && SEQUENTIAL.test(v)) return true
  return isSingleCharRun(v) || hasRepeatedTail(v)
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

/** `aaaaaaaa`, `sk_live_00000000` and the like: the part after the last separator is one repeated character. */
function isSingleCharRun(v: string): boolean {
  const segments = v.split(/[_.-]/)
  const body = segments[segments.length - 1].length >= 8 ? segments[segments.length - 1] : v
  if (body.length < 4) return false
  const first = body[0]
  for (let i = 1; i < body.length; i++) if (body[i] !== first) return false
  return true
}
