import { createHash } from 'node:crypto'
import type { Config } from '../config/schema.js'
import { version } from '../cli/version.js'
import { redactionKey } from '../redact/hash.js'

/** A config that is read only when a copy has to be made: what it is made from, and how to make it. */
export interface LazyConfig {
  /** What decides the config (the rules file's text, or that there is none). */
  source: string
  load(): Promise<Config>
}

/**
 * One digest of everything a copy's bytes depend on besides its log: the rules, this version's
 * detectors, and the redaction key that tags identifiers (hashed in, never stored).
 */
export function rulesDigest(config: Config | LazyConfig, env: NodeJS.ProcessEnv = process.env): string {
  const source = 'load' in config ? `file\0${config.source}` : `config\0${JSON.stringify(config)}`
  const key = redactionKey(env)
  const keyDigest = key === undefined ? '' : createHash('sha256').update(key).digest('hex')
  return createHash('sha256').update(`${version()}\0${keyDigest}\0${source}`).digest('hex')
}
