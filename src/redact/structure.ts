import type { Detector, EngineOptions } from './types.js'

/*
 * Structural fields: the identifiers that chain a session log together (a Claude Code line's
 * `uuid` and `parentUuid`, a Codex `call_id`). A marker in one of them breaks the chain in every
 * sanitized copy, and an identifier carries no personal data, so only detectors whose matches
 * start with a fixed, issuer-specific prefix may fire there: a real `ghp_…` token pasted into a
 * `call_id` is still redacted, a digit run of a UUID that happens to pass Luhn is not.
 */

/** Keys whose string value is an identifier when it is shaped like one. */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  'uuid',
  'parentUuid',
  'leafUuid',
  'sessionId',
  'session_id',
  'call_id',
  'tool_use_id',
  'toolUseID',
  'requestId',
  'id'
])

/**
 * What an identifier looks like: one token of letters, digits, `_` and `-` (UUIDs, hex digests,
 * `toolu_…`, `call_…`, `msg_…`). No `@`, `.`, `/`, `:` or space, so no e-mail, path, URL,
 * address or sentence passes for one; a run of digits alone is not treated as one either.
 */
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,255}$/
const ALL_DIGITS = /^[0-9]+$/

export function isStructuralValue(key: string | undefined, value: string): boolean {
  return key !== undefined && STRUCTURAL_KEYS.has(key) && ID_SHAPE.test(value) && !ALL_DIGITS.test(value)
}

/**
 * Built-in detectors whose every match begins with a literal prefix that names its issuer
 * (`ghp_`, `sk-ant-`, `AKIA`, `eyJ`, `-----BEGIN`). Hash-shaped and context-keyed detectors
 * (bare 32-hex keys, `AccountKey=`) are left out: an identifier can look like them.
 */
export const PREFIXED_TOKEN_DETECTORS: ReadonlySet<string> = new Set([
  'private-key',
  'putty-private-key',
  'aws-access-key-id',
  'github-token',
  'github-fine-grained-pat',
  'gitlab-token',
  'slack-token',
  'stripe-key',
  'anthropic-key',
  'openai-key',
  'google-api-key',
  'google-oauth-secret',
  'npm-token',
  'pypi-token',
  'huggingface-token',
  'twilio-key',
  'sendgrid-key',
  'digitalocean-token',
  'shopify-token',
  'doppler-token',
  'vercel-token',
  'linear-key',
  'notion-token',
  'atlassian-token',
  'grafana-token',
  'newrelic-key',
  'postman-key',
  'databricks-token',
  'groq-key',
  'replicate-token',
  'hashicorp-vault-token',
  'age-secret-key',
  'square-token',
  'mapbox-token',
  'pulumi-token',
  'jwt'
])

// Keyed by the detector list too: the prefilter (and its scan memo) is cached per list.
const prefixedLists = new WeakMap<readonly Detector[], Detector[]>()
const structuralCache = new WeakMap<EngineOptions, EngineOptions>()

/** The options a structural value is scanned with: the same, with only prefixed-token detectors. */
export function structuralOptions(opts: EngineOptions): EngineOptions {
  let o = structuralCache.get(opts)
  if (!o) {
    let detectors = prefixedLists.get(opts.detectors)
    if (!detectors) {
      detectors = opts.detectors.filter((d) => PREFIXED_TOKEN_DETECTORS.has(d.id))
      prefixedLists.set(opts.detectors, detectors)
    }
    o = { ...opts, detectors }
    structuralCache.set(opts, o)
  }
  return o
}
