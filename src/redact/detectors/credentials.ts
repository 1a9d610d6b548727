import type { Detector, Finding } from '../types.js'
import { shannonEntropy } from '../entropy.js'
import { isPlaceholder } from './placeholders.js'
import { NON_SECRET_VALUES, isSecretKeyName } from './key-names.js'
import { multiPatternDetector, patternDetector } from './util.js'

const notDefault = (s: string): boolean => !NON_SECRET_VALUES.has(s.toLowerCase())
const PATHLIKE = /^(?:\.{0,2}\/|~\/|[A-Za-z]:[\\/])/

export const urlCredentialsDetector: Detector = patternDetector({
  id: 'url-credentials',
  pack: 'secrets',
  description: 'User name and password or token in URL userinfo (scheme://USER:PASS@host); the user name goes too, it names a person',
  keywords: ['://'],
  pattern:
    /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<s>[^\s/:@"'<>\\]{0,128}:[^\s/@"'<>\\]{1,256})@[A-Za-z0-9[]/,
  validate: (s) => notDefault(s.slice(s.indexOf(':') + 1))
})

export const connectionStringDetector: Detector = patternDetector({
  id: 'connection-string-password',
  pack: 'secrets',
  description: 'Password in a connection string (Password=…; Pwd=…)',
  keywords: ['password', 'pwd'],
  pattern: /(?<![A-Za-z0-9_])(?:Password|Pwd)\s{0,2}=\s{0,2}(?<s>[^;"'\s\\]{1,512})/i,
  validate: (s) => notDefault(s) && !looksLikeCode(s)
})

export const authorizationHeaderDetector: Detector = multiPatternDetector(
  {
    id: 'authorization-header',
    pack: 'secrets',
    description: 'Credential in an Authorization header or after a Bearer scheme',
    validate: notDefault
  },
  [
    {
      pattern:
        /(?:Proxy-)?Authorization["'\x60]?\s{0,4}[:=]\s{0,4}["'\x60]?(?:(?:Bearer|Basic|Token|Bot|Digest|ApiKey|SSWS|Negotiate|NTLM|AWS4-HMAC-SHA256)\s{1,4})?(?<s>[^\s"'\x60\\]{6,4096})/i,
      keywords: ['authorization']
    },
    { pattern: /(?<![A-Za-z0-9])Bearer\s{1,4}(?<s>[A-Za-z0-9._~+/=-]{16,4096})/, keywords: ['bearer'] }
  ]
)

export const apiKeyHeaderDetector: Detector = patternDetector({
  id: 'api-key-header',
  pack: 'secrets',
  description: 'API key HTTP header (X-Api-Key, Private-Token, X-Auth-Token, …)',
  keywords: ['api-key', 'x-auth-token', 'private-token', 'x-access-token', 'ocp-apim-subscription-key', 'x-functions-key', 'x-vault-token'],
  pattern:
    /(?<![A-Za-z0-9-])(?:x-api-key|api-key|x-auth-token|private-token|x-access-token|x-goog-api-key|ocp-apim-subscription-key|x-functions-key|x-vault-token)["'\x60]?\s{0,4}:\s{0,4}["'\x60]?(?<s>[^\s"'\x60,;\\]{8,512})/i,
  validate: notDefault
})

const FLAG_NAMES =
  'password|passwd|pass|token|api-key|apikey|api_key|secret|client-secret|auth-token|access-token|refresh-token|key-password|storepass|keypass|db-password|private-key|otp'

export const cliSecretFlagDetector: Detector = multiPatternDetector(
  {
    id: 'cli-secret-flag',
    pack: 'secrets',
    description: 'Secret passed on a command line (--token X, --password=X, -u user:pass, mysql -pX)',
    validate: (s) => notDefault(s) && !s.startsWith('-') && !PATHLIKE.test(s)
  },
  [
    {
      pattern: new RegExp(
        String.raw`(?<![A-Za-z0-9-])--?(?:${FLAG_NAMES})(?:=|\s{1,4})(?:"(?<s>[^"\n]{1,512})"|'(?<s2>[^'\n]{1,512})'|(?<s3>[^\s"'\x60;|&\\]{1,512}))`,
        'i'
      ),
      // Every FLAG_NAMES entry holds one of these.
      keywords: ['pass', 'token', 'api', 'secret', 'private', 'otp']
    },
    { pattern: /(?<![A-Za-z0-9-])(?:-u|--user)(?:\s{1,4}|=)["']?[^\s:"'@]{1,128}:(?<s>[^\s"'@]{1,256})/, keywords: ['-u'] },
    {
      pattern: /(?<![A-Za-z0-9])(?:mysql|mysqldump|mysqladmin|mariadb)\s[^\n|;&]{0,200}?\s-p(?<s>[^\s"'\x60;|&-][^\s"'\x60;|&]{2,128})/,
      keywords: ['mysql', 'mariadb']
    },
    { pattern: /(?<![A-Za-z0-9])sshpass\s{1,4}-p\s{0,4}(?<s>[^\s"'\x60;|&]{1,128})/, keywords: ['sshpass'] }
  ]
)

/** Values that are code, references or prose rather than a literal credential. */
function looksLikeCode(v: string): boolean {
  if (/[()[\]{}<>]|=>/.test(v)) return true
  if (PATHLIKE.test(v)) return true
  if (/^[0-9.,_-]+$/.test(v)) return true
  // Identifiers and dotted member access (`response.data.token`) without any digit.
  return /^[A-Za-z_$][A-Za-z0-9_$]{0,200}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,200}){0,20}$/.test(v) && !/[0-9]/.test(v)
}

function isPasswordKey(key: string): boolean {
  return /pass|pwd|pin/i.test(key)
}

/** The text rule is gated by entropy because prose and code are full of `token: …`. */
function acceptAssignment(key: string, value: string): boolean {
  if (!isSecretKeyName(key)) return false
  if (isPlaceholder(value) || !notDefault(value) || looksLikeCode(value)) return false
  const pw = isPasswordKey(key)
  if (value.length < (pw ? 6 : 8)) return false
  return shannonEntropy(value) >= (pw ? 2.5 : 3.0)
}

// The key must contain a secret-ish fragment: non-matching starts cost a few steps, while
// every match allocates, and logs are full of harmless `x: y` pairs. Sticky: it is only tried
// where `assignmentStarts` says a match can start.
export const ASSIGNMENT =
  /(?<![A-Za-z0-9_.$-])(?<k>[A-Za-z0-9_.-]{0,40}(?:pass|pwd|secret|token|key|auth|dsn|cookie|cred|pat|otp|pin|bearer)[A-Za-z0-9_.-]{0,40})["'\x60]?\s{0,3}(?::=|=>|[:=])[ \t]{0,3}(?:"(?<s>[^"\n]{1,512})"|'(?<s2>[^'\n]{1,512})'|\x60(?<s3>[^\x60\n]{1,512})\x60|(?<s4>[^\s"'\x60;,&)}\]<>\\]{1,512}))/dyi

/** 1 at the codes of [A-Za-z0-9_.-], the key characters of ASSIGNMENT. */
const KEY_CHARS = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') KEY_CHARS[c.charCodeAt(0)] = 1
const isKeyChar = (c: number): boolean => c < 128 && KEY_CHARS[c] === 1
const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96
/** `\s`: ASCII by code, the few other spaces by the regex itself. */
const isSpace = (c: number): boolean => (c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(String.fromCharCode(c)))

/**
 * Where an ASSIGNMENT match can start, ascending. Its key is a whole run of key characters
 * (the lookbehind excludes them all), followed by an optional quote, at most three spaces and
 * `:` or `=`; so reading back from each `:` and `=` finds every start, and the regex is not
 * tried at every word of the text.
 */
export function assignmentStarts(text: string): number[] {
  const starts: number[] = []
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
    for (let spaces = 0; spaces < 3 && i >= 0 && isSpace(text.charCodeAt(i)); spaces++) i--
    if (i >= 0 && isQuote(text.charCodeAt(i))) i--
    if (i < 0 || !isKeyChar(text.charCodeAt(i))) continue
    while (i > 0 && isKeyChar(text.charCodeAt(i - 1))) i--
    starts.push(i)
  }
  return starts
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

const SCHEME = /^(Bearer|Basic|Token|Bot|Digest|ApiKey)\s+/i

export const secretAssignmentDetector: Detector = {
  id: 'secret-assignment',
  pack: 'secrets',
  description: 'Value assigned to a secret-like key (.env KEY=value, YAML, JSON "api_key": …, query ?token=)',
  // The key fragments of ASSIGNMENT; `findInField` is not prefiltered.
  keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'dsn', 'cookie', 'cred', 'pat', 'otp', 'pin', 'bearer'],
  find(text: string): Finding[] {
    const out: Finding[] = []
    const starts = assignmentStarts(text)
    let from = 0
    let noRescanBefore = 0
    let m: RegExpExecArray | null
    while ((m = nextAssignment(text, starts, from)) !== null) {
      from = m.index + m[0].length
      const g = m.indices?.groups
      const span = g?.s ?? g?.s2 ?? g?.s3 ?? g?.s4
      const key = m.groups?.k ?? ''
      if (!span) continue
      const value = text.slice(span[0], span[1])
      if (acceptAssignment(key, value)) {
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

export const credentialDetectors: Detector[] = [
  urlCredentialsDetector,
  connectionStringDetector,
  authorizationHeaderDetector,
  apiKeyHeaderDetector,
  cliSecretFlagDetector,
  secretAssignmentDetector
]
