/*
 * Key-name heuristics shared by the `.env`-style text rule and the JSON field rule.
 * Word parts rather than substrings, so `author`, `max_tokens` or `tokenizer` do not count.
 */
const STRONG = /password|passwd|passphrase|secret|apikey|privatekey|accesskey|credential|authorization|authtoken|accesstoken|refreshtoken|sessiontoken|bearer/
const SECRET_PARTS = new Set(['pass', 'pwd', 'token', 'auth', 'dsn', 'cookie', 'creds', 'pat', 'otp', 'pin'])
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'account',
  'signing',
  'encryption',
  'master',
  'session',
  'client',
  'app',
  'license',
  'service',
  'deploy',
  'ssh',
  'storage',
  'admin',
  'shared',
  'subscription',
  'webhook',
  'auth',
  'sas',
  'x'
])
/** Last parts that make the key describe a secret rather than hold one. */
const META_SUFFIXES = new Set([
  'id',
  'ids',
  'type',
  'types',
  'count',
  'counts',
  'usage',
  'limit',
  'limits',
  'length',
  'len',
  'size',
  'name',
  'names',
  'url',
  'uri',
  'urls',
  'path',
  'paths',
  'file',
  'files',
  'dir',
  'endpoint',
  'header',
  'headers',
  'prefix',
  'suffix',
  'field',
  'fields',
  'env',
  'var',
  'hint',
  'required',
  'enabled',
  'kind',
  'mode',
  'expiry',
  'expires',
  'expiration',
  'ttl',
  'at',
  'in',
  'format',
  'method',
  'policy',
  'scope',
  'scopes',
  'provider',
  'source',
  'location',
  'helper',
  'command',
  'cmd',
  'budget',
  'index',
  'version',
  'label',
  'description',
  'desc',
  'schema',
  'status',
  'state',
  'valid',
  'validated',
  'set',
  'present',
  'exists',
  'strategy',
  'timeout',
  'ref',
  'refs',
  'key_id',
  'arn',
  'region',
  'user',
  'username',
  'login',
  'email',
  'owner',
  'issuer',
  'audience',
  'algorithm',
  'alg',
  'store',
  'manager',
  'rotation',
  'pattern',
  'regex',
  'policy',
  'rules',
  'rule',
  'config',
  'option',
  'options',
  'flag',
  'flags',
  'error',
  'errors'
])
/** Cheap pre-check: every secret-like key contains one of these fragments. */
const QUICK = /pass|pwd|secret|token|key|auth|dsn|cookie|cred|pat|otp|pin|bearer/i
const NOT_SECRET_PARTS = new Set(['csrf', 'xsrf', 'authenticity', 'public', 'publishable'])
const IGNORE_KEYS = new Set(['signature', 'encrypted_content', 'thinking_signature', 'sha', 'hash', 'integrity', 'checksum'])

export function keyParts(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p.length > 0)
}

export function isSecretKeyName(key: string): boolean {
  if (key.length === 0 || key.length > 80) return false
  if (!QUICK.test(key)) return false
  const parts = keyParts(key)
  if (parts.length === 0) return false
  if (IGNORE_KEYS.has(parts.join('_'))) return false
  // Anti-forgery tokens are bound to a page, and a public or publishable key is published by design.
  if (parts.some((p) => NOT_SECRET_PARTS.has(p))) return false
  const last = parts[parts.length - 1]
  if (META_SUFFIXES.has(last)) return false
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    if (STRONG.test(p)) return true
    if (SECRET_PARTS.has(p)) return true
    if (p === 'key' && i > 0 && KEY_QUALIFIERS.has(parts[i - 1])) return true
    // Concatenated forms: `ghtoken`, `npmtoken`; `tokens`/`tokenizer` do not end in `token`.
    if (p.endsWith('token')) return true
  }
  return false
}

/** Exact values that are defaults, type names or prose, not credentials. */
export const NON_SECRET_VALUES = new Set([
  'password',
  'passwd',
  'pass',
  'secret',
  'postgres',
  'root',
  'admin',
  'user',
  'username',
  'test',
  'guest',
  'mysql',
  'changeit',
  'none',
  'null',
  'nil',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'string',
  'str',
  'int',
  'number',
  'boolean',
  'bool',
  'required',
  'optional',
  'undefined',
  'redacted',
  'hidden',
  'token',
  'apikey',
  'api_key',
  'bearer',
  'basic',
  'oauth',
  'oauth2',
  'env',
  'keychain',
  'secret_key',
  'your_password',
  'empty',
  'default',
  'auto',
  'unset',
  'masked',
  'private',
  'public',
  'any',
  'unknown',
  'object',
  'bytes',
  'text',
  'value'
])
