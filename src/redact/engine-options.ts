import type { Config } from '../config/schema.js'
import { IdentifierTags, redactionKey } from './hash.js'
import { allowByDetector, allowPatterns, detectorsFor } from './rules.js'
import type { FieldKind } from '../config/choices.js'
import type { AllowList, EngineOptions } from './types.js'

const HASHED = { email: 'emails', 'home-path': 'home_users' } as const

/** The kinds of tag a detector's finding can get (the `hash` policy's are given whole fields, never findings). */
export const FINDING_TAG_KINDS: readonly string[] = Object.keys(HASHED)

/**
 * The markers of a config: a rule's own replacement, else `[REDACTED:<id>]`, with a tag from
 * `tags` for the identifiers the config hashes.
 */
export function identifierMarker(config: Config, tags: IdentifierTags): (id: string, value: string) => string {
  const replacements = new Map(config.rules.filter((r) => r.replacement !== undefined).map((r) => [r.id, r.replacement as string]))
  return (id, value) => {
    const custom = replacements.get(id)
    if (custom !== undefined) return custom
    const key = HASHED[id as keyof typeof HASHED]
    if (key && config.hash_identifiers[key]) return `[REDACTED:${id}${tags.suffix(id, value.toLowerCase())}]`
    return `[REDACTED:${id}]`
  }
}

/**
 * Engine options for a config: its detectors for a field kind, its allowlists, and its markers
 * (a rule's own replacement, tagged identifiers where the config asks for them). One call serves
 * one report: without a redaction key, its tags number identifiers within it.
 */
export function engineOptions(config: Config, tags = new IdentifierTags(redactionKey())): (kind: FieldKind) => EngineOptions {
  const detectors = detectorsFor(config)
  const byDetector = allowByDetector(config)
  const allow: AllowList = {
    literals: [...config.allow.literals, ...config.allow.placeholders],
    patterns: allowPatterns(config),
    ...(byDetector ? { byDetector } : {})
  }
  const marker = identifierMarker(config, tags)
  const cache = new Map<FieldKind, EngineOptions>()
  return (kind) => {
    let o = cache.get(kind)
    if (!o) {
      o = { detectors: detectors.forField(kind), allow, marker }
      cache.set(kind, o)
    }
    return o
  }
}
