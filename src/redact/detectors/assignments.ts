import type { Detector, Finding } from '../types.js'
import { isPlaceholder } from './placeholders.js'
import { NON_SECRET_VALUES, isSecretKeyName } from './key-names.js'

/*
 * `secret-assignment`: a value assigned to a secret-like name, in whatever syntax writes it —
 * dotenv and shell, YAML (block scalars too), TOML/INI/HCL/properties, JSON, Makefile (`:=`,
 * `::=`, `?=`, `+=`), Go (`:=`, `var k T = …`), PHP (`$k = …`, `.=`), Kotlin/TypeScript/Python
 * type annotations, C#/Python/Ruby index assignments (`ENV['K'] = …`), setter calls
 * (`System.setProperty("K", …)`), XML elements and `key`/`value` attribute pairs, and query
 * strings. The name decides: a quoted value under a secret-like name is a secret whatever
 * characters it holds, unless it is a reference or a placeholder; an unquoted one is too,
 * unless it reads as code (an identifier path, a call, a number).
 */

const notDefault = (s: string): boolean => !NON_SECRET_VALUES.has(s.toLowerCase())
const PATHLIKE = /^(?:\.{0,2}\/|~\/|[A-Za-z]:[\\/])/

const KEBAB_WORDS = /^[A-Za-z]{1,40}(?:-[A-Za-z]{1,40}){1,10}$/

/** Values that are code, references or prose rather than a literal credential. */
export function looksLikeCode(v: string): boolean {
  if (/[()[\]{}<>]|=>/.test(v)) return true
  if (PATHLIKE.test(v)) return true
  if (/^[0-9.,_-]+$/.test(v)) return true
  // kebab-case names (`api-key`, `my-secrets-manager-secret`): a reference to a key, a subcommand.
  if (KEBAB_WORDS.test(v)) return true
  // Identifiers and dotted member access (`response.data.token`) without any digit.
  return /^[A-Za-z_$][A-Za-z0-9_$]{0,200}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,200}){0,20}$/.test(v) && !/[0-9]/.test(v)
}

/**
 * Quoted values that only point at the secret: command substitution, interpolation and
 * format directives (`"$(cat f)"`, `"#{token}"`, `"%s"`, `"{}"`, `"{password}"`). `${…}`,
 * `{{…}}` and `$VAR` are placeholders for every detector already.
 */
const QUOTED_REFERENCE = /^\$\(|#\{|^%(?:\([A-Za-z_][A-Za-z0-9_]{0,40}\))?[sdvr]$|^\{[A-Za-z0-9_.:]{0,40}\}$|^<%=/

/**
 * An unquoted letters-only word is a secret only where code cannot be: env style
 * (`UPPER_NAME=word`, no spaces) and query or connection strings (`?password=word`).
 */
const ENV_KEY = /^[A-Z][A-Z0-9_]{0,80}$/
const WORD = /^[A-Za-z]{4,}$|^[A-Za-z]{1,40}(?:-[A-Za-z]{1,40}){1,10}$/

/** Values shorter than these are flags and enum values (`"ok"`, `1`, `v2`), not credentials. */
const MIN_QUOTED = 3
const MIN_UNQUOTED = 4

export interface AssignmentShape {
  key: string
  value: string
  /** The value was written between quotes (or as an XML element's text or attribute). */
  quoted: boolean
  /** The text between key and value as written (`=`, `: "`, ` := \``), for the rules on its shape. */
  joiner: string
  /** The key follows `?`, `&` or `;`: a query string or connection string, data rather than code. */
  inQuery?: boolean
}

/*
 * A URL with neither user info nor query names a server (`MONGO_NO_AUTH="mongodb://localhost/db"`);
 * credentials in a URL are url-credentials' and query pairs are judged on their own.
 */
const BARE_URL = /^[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s@/?#]{1,256}(?:\/[^\s@?#]{0,512})?$/
/** The same with user info whose password is the user name (`postgres://postgres:postgres@db`): a default, not a secret. */
const SAME_USER_AND_PASSWORD_URL = /^[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/([^\s@/?#:]{1,128}):\1@[^\s@/?#]{1,256}(?:\/[^\s@?#]{0,512})?$/

/**
 * A quoted value whose last word is a name and an operator (`"telegram_api_token = "`,
 * `"<xsd:element name="`, `"token:"`): its quote closed early, and it is the start of another
 * assignment, not a value.
 */
const CUT_AT_OPERATOR = /(?:^|\s)[A-Za-z_][A-Za-z0-9_.:-]{0,80}\s{0,3}[=:]\s*$/

/** A redaction marker the engine wrote, with its tag if any. */
const MARKER = /\[REDACTED:[A-Za-z0-9_.-]{1,64}(?::[0-9a-f]{10}|#[0-9]{1,9})?\]/gi

/**
 * A marker's detector id (`url-credentials`, `aws-secret-access-key`) is no key name: the ids are
 * blanked, length kept so offsets hold, before the text is read for assignments.
 */
function hideMarkerIds(text: string): string {
  return text.replace(MARKER, (m) => m.replace(/(?<=\[REDACTED:)[^\]]+/i, (id) => '_'.repeat(id.length)))
}

/** The letters after the `[` of `[redacted:`, before its `:`. */
const MARKER_WORD = 'redacted'

/**
 * Whether `text` holds `[redacted:` in any ASCII case, as `/\[redacted:/i` finds it (which
 * folds no character beyond ASCII into a letter), read from each `[` only.
 */
export function holdsMarkerStart(text: string): boolean {
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    const colon = i + 1 + MARKER_WORD.length
    if (colon >= text.length) return false
    let k = 0
    // `| 0x20` lower-cases an ASCII letter and turns no other character into one.
    while (k < MARKER_WORD.length && (text.charCodeAt(i + 1 + k) | 0x20) === MARKER_WORD.charCodeAt(k)) k++
    if (k === MARKER_WORD.length && text.charCodeAt(colon) === 58) return true
  }
  return false
}

export function acceptAssignment(shape: AssignmentShape): boolean {
  // What a marker replaced was judged already (the last check reads published text): only what is
  // left beside it is judged, so `URL=postgres://[REDACTED:url-credentials]:5432/app` is a URL again.
  if (!holdsMarkerStart(shape.value)) return acceptValue(shape)
  const rest = shape.value.replace(MARKER, '')
  return rest.trim().length > 0 && acceptValue({ ...shape, value: rest })
}

function acceptValue({ key, value, quoted, joiner, inQuery }: AssignmentShape): boolean {
  if (!isSecretKeyName(key)) return false
  if (isPlaceholder(value) || !notDefault(value.trim()) || BARE_URL.test(value) || SAME_USER_AND_PASSWORD_URL.test(value)) return false
  if (quoted) {
    if (value.length < MIN_QUOTED || QUOTED_REFERENCE.test(value) || CUT_AT_OPERATOR.test(value)) return false
    // A backquoted value with a space is a shell command (`TOKEN=\`gh auth token\``).
    return !(joiner === '=`' && value.includes(' '))
  }
  // `token == x` compares with a variable; a quoted literal on the right is still taken.
  if (/[=!]=/.test(joiner)) return false
  // `io.jsonwebtoken:jjwt-jackson`, `host.token:8080`: a dotted name glued to `:` is a coordinate.
  if (joiner === ':' && key.includes('.')) return false
  if (value.length < MIN_UNQUOTED) return false
  if (!looksLikeCode(value)) return true
  return joiner === '=' && WORD.test(value) && (ENV_KEY.test(key) || inQuery === true)
}

/*
 * The main pattern. After the key: an optional closing quote and `]` (index assignments),
 * an optional type annotation (`k string =`, `k: String =`, `k: Optional[str] =`) and the
 * operator; comparisons (`==`, `!=`) are matched so their quoted literals are seen too.
 * The key must contain a secret-ish fragment: non-matching starts cost a few steps, while
 * every match allocates, and logs are full of harmless `x: y` pairs. Sticky: it is only tried
 * where `assignmentStarts` says a match can start.
 */
export const ASSIGNMENT =
  /(?<![A-Za-z0-9_.-])(?<k>[A-Za-z0-9_.-]{0,40}(?:pass|pwd|secret|token|key|auth|dsn|cookie|cred|pat|otp|pin|bearer)[A-Za-z0-9_.-]{0,40})["'\x60]?\]?(?:(?:[ \t]{0,3}:[ \t]{0,3}|[ \t]{1,3})[A-Za-z_&*][A-Za-z0-9_.&*<>[\]?]{0,40}(?=[ \t]{0,3}=[^=]))?(?:\s{0,3}|[ \t]{4,32})(?:=>|[:?+.|!]{0,3}={1,3}|:)[ \t]{0,3}(?:(?<b>[|>][1-9]?[-+]?[1-9]?)(?=[ \t]{0,40}(?:\r?\n|$))|"(?<s>[^"\n]{1,512})"|'(?<s2>[^'\n]{1,512})'|\x60(?<s3>[^\x60\n]{1,512})\x60|(?<s4>[^\s"'\x60;,&)}\]<>\\]{1,512}))/diy

/** 1 at the codes of [A-Za-z0-9_.-], the key characters of ASSIGNMENT. */
const KEY_CHARS = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') KEY_CHARS[c.charCodeAt(0)] = 1
/** 1 at the codes of the type annotation's characters. */
const TYPE_CHARS = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.&*<>[]?') TYPE_CHARS[c.charCodeAt(0)] = 1
/** 1 at the codes of the characters an operator may hold before its first `:` or `=`. */
const OP_PREFIX = new Uint8Array(128)
for (const c of '?+.|!') OP_PREFIX[c.charCodeAt(0)] = 1
const isKeyChar = (c: number): boolean => c < 128 && KEY_CHARS[c] === 1
const isTypeChar = (c: number): boolean => c < 128 && TYPE_CHARS[c] === 1
const isOpPrefix = (c: number): boolean => c < 128 && OP_PREFIX[c] === 1
const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96
const isBlank = (c: number): boolean => c === 32 || c === 9
/** `\s`: ASCII by code, the few other spaces by the regex itself. */
const isSpace = (c: number): boolean => (c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(String.fromCharCode(c)))

/** ASSIGNMENT's key fragments by first letter, for `hasFragment`. */
const FRAGMENTS_BY_FIRST = new Map<number, string[]>()
for (const f of ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'dsn', 'cookie', 'cred', 'pat', 'otp', 'pin', 'bearer']) {
  const first = f.charCodeAt(0)
  FRAGMENTS_BY_FIRST.set(first, [...(FRAGMENTS_BY_FIRST.get(first) ?? []), f])
}

/** Whether text[start, end) holds a key fragment in any ASCII case: what ASSIGNMENT's key needs. */
function hasFragment(text: string, start: number, end: number): boolean {
  for (let i = start; i + 3 <= end; i++) {
    const candidates = FRAGMENTS_BY_FIRST.get(text.charCodeAt(i) | 0x20)
    if (!candidates) continue
    for (const f of candidates) {
      if (i + f.length > end) continue
      let k = 1
      while (k < f.length && (text.charCodeAt(i + k) | 0x20) === f.charCodeAt(k)) k++
      if (k === f.length) return true
    }
  }
  return false
}
/** ASSIGNMENT's key: at most 40 characters on either side of a fragment. */
const MAX_KEY = 40 + 'bearer'.length + 40

/**
 * Start of the key run ending at `i`, read back over an optional `]` and quote; -1 when none
 * or when the run cannot be ASSIGNMENT's key (too long, or without a fragment): most runs
 * (`const`, `x`, `i`) are not, and the regex would try every split of them.
 */
function keyStartBefore(text: string, i: number): number {
  if (i >= 0 && text.charCodeAt(i) === 93) i--
  if (i >= 0 && isQuote(text.charCodeAt(i))) i--
  if (i < 0 || !isKeyChar(text.charCodeAt(i))) return -1
  const end = i + 1
  while (i > 0 && isKeyChar(text.charCodeAt(i - 1))) i--
  return end - i <= MAX_KEY && hasFragment(text, i, end) ? i : -1
}

/** The key start of a typed declaration whose type ends at `i` (`k string`, `k: T`); -1 when none. */
function typedKeyStart(text: string, i: number): number {
  if (i < 0 || !isTypeChar(text.charCodeAt(i))) return -1
  const stop = Math.max(-1, i - 42)
  while (i > stop && isTypeChar(text.charCodeAt(i))) i--
  if (i <= stop) return -1
  let blanks = 0
  while (i >= 0 && blanks < 3 && isBlank(text.charCodeAt(i))) {
    i--
    blanks++
  }
  if (i >= 0 && text.charCodeAt(i) === 58) {
    i--
    for (let b = 0; b < 3 && i >= 0 && isBlank(text.charCodeAt(i)); b++) i--
  } else if (blanks === 0) {
    return -1
  }
  return keyStartBefore(text, i)
}

/**
 * The key starts an operator whose blanks end at `c` can have, in ascending order; a type
 * annotation comes only before a `=`.
 */
function pushKeysBefore(text: string, c: number, equals: boolean, push: (start: number) => void): void {
  // Up to 3 spaces of any kind, or 4 to 32 blanks (`password       = …`, aligned as HCL and INI are).
  let blanks = 0
  while (blanks <= 32 && c - blanks >= 0 && isBlank(text.charCodeAt(c - blanks))) blanks++
  if (blanks >= 4 && blanks <= 32) c -= blanks
  else for (let spaces = 0; spaces < 3 && c >= 0 && isSpace(text.charCodeAt(c)); spaces++) c--
  const typed = equals ? typedKeyStart(text, c) : -1
  const plain = keyStartBefore(text, c)
  if (typed >= 0 && typed < plain) push(typed)
  push(plain)
  if (typed > plain) push(typed)
}

/**
 * Where an ASSIGNMENT match can start, ascending. Its key is a whole run of key characters
 * (the lookbehind excludes them all), followed by what ASSIGNMENT allows before its operator,
 * and every operator holds a `:` or `=`; so reading back from each `:` and `=` finds every
 * start, and the regex is not tried at every word of the text.
 */
export function assignmentStarts(text: string): number[] {
  const starts: number[] = []
  let sorted = true
  const push = (s: number): void => {
    if (s < 0) return
    const last = starts.length > 0 ? starts[starts.length - 1] : -1
    if (s === last) return
    if (s < last) sorted = false
    starts.push(s)
  }
  let colon = text.indexOf(':')
  let equals = text.indexOf('=')
  while (colon >= 0 || equals >= 0) {
    let op: number
    if (equals < 0 || (colon >= 0 && colon < equals)) {
      op = colon
      colon = text.indexOf(':', op + 1)
    } else {
      op = equals
      equals = text.indexOf('=', op + 1)
    }
    let i = op - 1
    for (let n = 0; n < 3 && i >= 0 && isOpPrefix(text.charCodeAt(i)); n++) i--
    // With and without the operator prefix: a `.` is both a key character and `.=`'s prefix.
    const isEquals = text.charCodeAt(op) === 61
    if (i !== op - 1) pushKeysBefore(text, op - 1, isEquals, push)
    pushKeysBefore(text, i, isEquals, push)
  }
  return sorted ? starts : [...new Set(starts)].sort((a, b) => a - b)
}

/** The first ASSIGNMENT match starting at or after `from`, as a global scan from there finds it. */
export function nextAssignment(text: string, starts: readonly number[], from: number): RegExpExecArray | null {
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (starts[mid] < from) lo = mid + 1
    else hi = mid
  }
  for (let k = lo; k < starts.length; k++) {
    ASSIGNMENT.lastIndex = starts[k]
    const m = ASSIGNMENT.exec(text)
    if (m) return m
  }
  return null
}

/** The other patterns' key: its fragment is checked by `isSecretKeyName`, not by backtracking here. */
const KEY = String.raw`[A-Za-z0-9_.:-]{1,86}`

/** `<password>v</password>`, the value possibly on its own line between them. */
const XML_ELEMENT = new RegExp(String.raw`<(?<k>${KEY})(?:\s[^<>]{0,200})?>(?<s>[^<]{1,1024})</\k<k>\s{0,3}>`, 'dgi')
/** `<add key="ApiKey" value="…"/>`, `<property name="password" value="…">`, and the same as JSON text. */
const KEY_VALUE_PAIR = new RegExp(
  String.raw`(?<![A-Za-z0-9_])["']?(?:key|name)["']?\s{0,3}[=:]\s{0,3}(?<q>["'])(?<k>${KEY})\k<q>[\s,/<>]{0,40}["']?value["']?\s{0,3}[=:]\s{0,3}(?:"(?<s>[^"\n]{1,512})"|'(?<s2>[^'\n]{1,512})')`,
  'dgi'
)
/** What every KEY_VALUE_PAIR match holds, found fast from its literal: most texts have none. */
const QUOTED_VALUE_ATTRIBUTE = /value["']?\s{0,3}[=:]\s{0,3}["']/i
/**
 * `System.setProperty("API_TOKEN", "…")`, `os.Setenv(…)`, `map.put(…)`, `os.environ.setdefault(…)`,
 * and the default of a lookup (`os.getenv("API_TOKEN", "…")`, `GetEnvOrDefault(…)`, `ENV.fetch(…)`):
 * found from their `(`, which the regex engine finds fast, then the callee is checked.
 */
const SETTER =
  /(?:setProperty|setenv|putenv|put|set|setdefault|setItem|setHeader|header|SetEnvironmentVariable|add|append|getenv|get_?env_?or_?default|getOrDefault|get|fetch|env)$/i
const SETTER_CALL = new RegExp(
  String.raw`\(\s{0,3}(?<q>["'\x60])(?<k>${KEY})\k<q>\s{0,3},\s{0,3}(?:"(?<s>[^"\n]{1,512})"|'(?<s2>[^'\n]{1,512})'|\x60(?<s3>[^\x60\n]{1,512})\x60)`,
  'dgi'
)

/** C++ `std::string secret("…")` and `secret.assign("…", n)`: a string built from a literal. */
const STRING_CONSTRUCTION = new RegExp(
  String.raw`(?:(?<![A-Za-z0-9_])(?:(?:std::)?w?string|String|QString|CString)\s{1,4}(?<k>${KEY})\s{0,3}[({]|(?<![A-Za-z0-9_])(?<k2>${KEY})\s{0,3}\.\s{0,3}assign\()\s{0,3}"(?<s>[^"\n]{1,512})"`,
  'dgi'
)

/** The indented lines after the line holding `from`, as a YAML block scalar's body, or undefined. */
function blockScalarBody(text: string, from: number): { span: [number, number]; quoted: boolean } | undefined {
  const nl = text.indexOf('\n', from)
  if (nl < 0) return undefined
  const lineStart = text.lastIndexOf('\n', from - 1) + 1
  let keyIndent = 0
  while (isBlank(text.charCodeAt(lineStart + keyIndent))) keyIndent++
  let end = nl
  let start = -1
  for (let s = nl + 1; s < text.length && s - nl < 8192;) {
    const e = text.indexOf('\n', s) < 0 ? text.length : text.indexOf('\n', s)
    let indent = 0
    while (s + indent < e && isBlank(text.charCodeAt(s + indent))) indent++
    if (s + indent < e) {
      if (indent <= keyIndent) break
      if (start < 0) start = s + indent
      end = e
    }
    s = e + 1
  }
  // The body is the value whatever it holds, as a quoted one.
  return start < 0 ? undefined : { span: [start, end], quoted: true }
}

/** A value's span with surrounding blanks and line breaks left out (XML text, block scalars). */
function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && isSpace(text.charCodeAt(start))) start++
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  return [start, end]
}

function valueSpan(m: RegExpExecArray): { span: [number, number]; quoted: boolean } | undefined {
  const g = m.indices?.groups
  if (!g) return undefined
  const quotedSpan = g.s ?? g.s2 ?? g.s3
  if (quotedSpan) return { span: quotedSpan, quoted: true }
  return g.s4 ? { span: g.s4, quoted: false } : undefined
}

/** Findings of a secondary pattern whose values are quoted (or XML text). */
function findQuotedPairs(text: string, re: RegExp, out: Finding[], callee?: RegExp): void {
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    if (callee && !callee.test(text.slice(Math.max(0, m.index - 30), m.index))) continue
    const v = valueSpan(m)
    const key = m.groups?.k ?? m.groups?.k2 ?? ''
    if (!v) continue
    const [start, end] = trimmed(text, v.span[0], v.span[1])
    if (end <= start) continue
    if (acceptAssignment({ key, value: text.slice(start, end), quoted: true, joiner: '' })) {
      out.push({ detector: 'secret-assignment', start, end })
    }
  }
}

const QUERY_SEPARATORS = '?&;'
const SCHEME = /^(Bearer|Basic|Token|Bot|Digest|ApiKey)\s+/i

export const secretAssignmentDetector: Detector = {
  id: 'secret-assignment',
  pack: 'secrets',
  description:
    'Value assigned to a secret-like name in any common syntax (.env, shell, YAML, TOML, INI, JSON, XML, Makefile, Go, PHP, Python, Ruby, JS, Java/Kotlin, C#, query strings)',
  // The key fragments of every pattern; `findInField` is not prefiltered.
  keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'dsn', 'cookie', 'cred', 'pat', 'otp', 'pin', 'bearer'],
  find(written: string): Finding[] {
    const text = holdsMarkerStart(written) ? hideMarkerIds(written) : written
    const out: Finding[] = []
    const starts = assignmentStarts(text)
    let from = 0
    let noRescanBefore = 0
    let m: RegExpExecArray | null
    while ((m = nextAssignment(text, starts, from)) !== null) {
      from = m.index + m[0].length
      const key = m.groups?.k ?? ''
      const block = m.indices?.groups?.b
      const v = block ? blockScalarBody(text, block[1]) : valueSpan(m)
      if (!v) continue
      const span = v.span
      const value = text.slice(span[0], span[1])
      const joiner = block ? '' : text.slice(m.index + key.length, span[0])
      const inQuery = m.index > 0 && QUERY_SEPARATORS.includes(text[m.index - 1])
      if (acceptAssignment({ key, value, quoted: v.quoted, joiner, inQuery })) {
        out.push({ detector: 'secret-assignment', start: span[0], end: span[1] })
      } else {
        // A rejected URL value may hold a query assignment (`state=https://…?access_token=…`).
        // Rescan from its `?`, but never re-enter a region already rescanned: stays linear.
        const q = value.indexOf('?')
        if (q >= 0 && span[0] + q >= noRescanBefore) {
          from = span[0] + q
          noRescanBefore = span[1]
        }
      }
    }
    if (text.includes('</')) findQuotedPairs(text, XML_ELEMENT, out)
    if (QUOTED_VALUE_ATTRIBUTE.test(text)) findQuotedPairs(text, KEY_VALUE_PAIR, out)
    if (text.includes('(')) findQuotedPairs(text, SETTER_CALL, out, SETTER)
    if (text.includes('("')) findQuotedPairs(text, STRING_CONSTRUCTION, out)
    return out
  },
  findInField(key: string, value: string): Finding[] {
    if (!isSecretKeyName(key)) return []
    const scheme = SCHEME.exec(value)
    const start = scheme ? scheme[0].length : 0
    const v = value.slice(start).trim()
    if (v.length === 0 || isPlaceholder(v) || !notDefault(v)) return []
    // A structured field leaves no doubt about intent, so any non-placeholder shape is redacted.
    return [{ detector: 'secret-assignment', start, end: value.length }]
  }
}
