import { createHmac } from 'node:crypto'

/** Where the CLI and the Action find the per-repository redaction key. */
export const REDACTION_KEY_ENV = 'AI_LOG_TRAIL_REDACTION_KEY'

/** The redaction key in force, if any (the Action sets it from its `redaction-key` input). */
export function redactionKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[REDACTION_KEY_ENV]
  return key === undefined || key.trim() === '' ? undefined : key
}

const TAG_HEX = 10

/**
 * Tags that let a reader tell two redacted identifiers apart without learning either. A plain
 * hash of an e-mail address confirms any guess of it, so a tag is either a keyed hash (HMAC-SHA-256
 * under the repository's secret key: the same value gets the same tag in every report) or,
 * without a key, a number in order of first appearance (`#1`, `#2`, …) that means nothing outside
 * the report. Numbers depend only on the order values are met, so the same input numbers the same.
 */
export class IdentifierTags {
  private readonly numbers = new Map<string, Map<string, number>>()

  constructor(private readonly key?: string) {}

  /** `:<hex>` with a key, `#<n>` without; `kind` keeps e-mails, paths and hashed fields apart. */
  suffix(kind: string, value: string): string {
    if (this.key !== undefined) return `:${createHmac('sha256', this.key).update(`${kind}\0${value}`).digest('hex').slice(0, TAG_HEX)}`
    let byValue = this.numbers.get(kind)
    if (!byValue) {
      byValue = new Map()
      this.numbers.set(kind, byValue)
    }
    let n = byValue.get(value)
    if (n === undefined) {
      n = byValue.size + 1
      byValue.set(value, n)
    }
    return `#${n}`
  }

  /** A field replaced whole by the `hash` policy or the metadata-only preset. */
  hashed(value: string): string {
    return `[hash${this.suffix('hash', value)}]`
  }
}
