import type { Detector } from '../types.js'
import { looksLikeCode, secretAssignmentDetector } from './assignments.js'
import { NON_SECRET_VALUES, isSecretKeyName } from './key-names.js'
import { isPlaceholder } from './placeholders.js'
import { multiPatternDetector, patternDetector } from './util.js'

export { ASSIGNMENT, assignmentStarts, nextAssignment, secretAssignmentDetector } from './assignments.js'

const notDefault = (s: string): boolean => !NON_SECRET_VALUES.has(s.toLowerCase())
const PATHLIKE = /^(?:\.{0,2}\/|~\/|[A-Za-z]:[\\/])/

export const urlCredentialsDetector: Detector = patternDetector({
  id: 'url-credentials',
  pack: 'secrets',
  description: 'User name and password or token in URL userinfo (scheme://USER:PASS@host); the user name goes too, it names a person',
  keywords: ['://'],
  pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<s>[^\s/:@"'<>\\]{0,128}:[^\s/@"'<>\\]{1,256})@[A-Za-z0-9[]/,
  // The password alone may be a placeholder (`user:1111@`, `user:{PASS}@`) where the pair is not. A
  // word such as `pass` or `password` is still taken (`https://user:pass@host`): the URL carries
  // credentials, and the user name goes with them. A password equal to the user name is a default
  // (`postgres://postgres:postgres@localhost`), and so is a default word for a server on this
  // machine (`mysql://root:password@localhost`): it opens nothing that a reader can reach.
  validate: (s, m) => {
    const colon = s.indexOf(':')
    const password = s.slice(colon + 1)
    if (password === s.slice(0, colon) || isPlaceholder(password)) return false
    return !(NON_SECRET_VALUES.has(password.toLowerCase()) && LOCAL_HOST.test(m.input.slice(m.index + m[0].length - 1, m.index + m[0].length + 64)))
  },
  examples: {
    match: [
      'https://user:pass@example.com',
      'https://username:password@yelp.com',
      'postgres://app:' + 'k3Vq9Tz@db.internal:5432/app',
      'postgres://app:' + 'k3Vq9Tz@localhost:5432/app',
      'mysql://root:password@localhost.evil.example/db'
    ],
    miss: [
      'postgres://postgres:postgres@localhost:5432/db',
      'jdbc:mysql://admin:pass@localhost:3306/mydb',
      'https://dbuser:password@127.0.0.1:3000/',
      'https://user:{PASS}@host',
      'https://user:1111@host',
      'https://host.example/path'
    ]
  }
})

/** A host on this machine: `localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`, `0.0.0.0`, then a port, path or end. */
const LOCAL_HOST = /^(?:(?:[A-Za-z0-9-]{1,63}\.)*localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?![A-Za-z0-9.-])/i

export const connectionStringDetector: Detector = patternDetector({
  id: 'connection-string-password',
  pack: 'secrets',
  description: 'Password in a connection string (Password=…; Pwd=…)',
  keywords: ['password', 'pwd'],
  pattern: /(?<![A-Za-z0-9_])(?:Password|Pwd)[ \t]{0,2}=[ \t]{0,2}(?<s>[^;"'\s\\]{1,512})/i,
  // Between `;` the value is data, so a word is a password there; elsewhere it may be code.
  validate: (s, m) => notDefault(s) && (!looksLikeCode(s) || inConnectionString(m))
})

function inConnectionString(m: RegExpExecArray): boolean {
  const end = m.index + m[0].length
  return (m.index > 0 && m.input[m.index - 1] === ';') || m.input[end] === ';'
}

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
        /(?:Proxy-)?Authorization["'\x60]?\s{0,4}[:=]\s{0,4}["'\x60]?(?:(?:Bearer|Basic|Token|Bot|Digest|ApiKey|Api-?Key|Api-?Token|Key|OAuth|SharedKey|Splunk|GenieKey|SSWS|Negotiate|NTLM|AWS4-HMAC-SHA256)\s{1,4})?(?<s>[^\s"'\x60\\]{6,4096})/i,
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

/** The generic flag pattern also needs a secret-like name, and an unquoted value that is not code. */
function genericFlagAccepts(value: string, m: RegExpExecArray): boolean {
  const name = m.groups?.gf
  if (name === undefined) return true
  return isSecretKeyName(name) && (m.groups?.s3 === undefined || !looksLikeCode(value))
}

const GENERIC_FLAG_WORDS = 'password|passwd|passphrase|pass|pwd|token|secret|api-?key|apikey|key|credentials?|otp|pin'

export const cliSecretFlagDetector: Detector = multiPatternDetector(
  {
    id: 'cli-secret-flag',
    pack: 'secrets',
    description: 'Secret passed on a command line (--token X, --password=X, --github-token X, -u user:pass, mysql -pX)',
    validate: (s, m) => notDefault(s) && !s.startsWith('-') && !PATHLIKE.test(s) && genericFlagAccepts(s, m)
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
    {
      // Any other flag whose last word names a secret (`--github-token X`, `--registry-password=X`);
      // its unquoted word values may be positional arguments after a boolean flag, so code-like ones are left.
      pattern: new RegExp(
        String.raw`(?<![A-Za-z0-9-])--(?<gf>[A-Za-z0-9][A-Za-z0-9_-]{0,40}[-_](?:${GENERIC_FLAG_WORDS}))(?:=|\s{1,4})(?:"(?<s>[^"\n]{1,512})"|'(?<s2>[^'\n]{1,512})'|(?<s3>[^\s"'\x60;|&\\]{1,512}))`,
        'i'
      ),
      keywords: ['pass', 'pwd', 'token', 'secret', 'key', 'cred', 'otp', 'pin']
    },
    // `-u user:pass`, `-u ":pass"`, `--user kevin:'pass'`, `--user "{id}":"{secret}"`; and a token
    // given as the user with an empty password (`-u "token:"`).
    {
      pattern: /(?<![A-Za-z0-9-])(?:-u|--user)(?:\s{1,4}|=)(?:["']?(?!<)[^\s:"'@]{0,128}["']?:["']?(?<s>[^\s"'@]{1,256})|["'](?<s2>[^\s:"'@]{8,256}):["'])/,
      keywords: ['-u']
    },
    {
      pattern: /(?<![A-Za-z0-9])(?:mysql|mysqldump|mysqladmin|mariadb)\s[^\n|;&]{0,200}?\s-p(?<s>[^\s"'\x60;|&-][^\s"'\x60;|&]{2,128})/,
      keywords: ['mysql', 'mariadb']
    },
    { pattern: /(?<![A-Za-z0-9])sshpass\s{1,4}-p\s{0,4}(?<s>[^\s"'\x60;|&]{1,128})/, keywords: ['sshpass'] }
  ]
)

export const credentialDetectors: Detector[] = [
  urlCredentialsDetector,
  connectionStringDetector,
  authorizationHeaderDetector,
  apiKeyHeaderDetector,
  cliSecretFlagDetector,
  secretAssignmentDetector
]
