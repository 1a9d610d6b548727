import { RE2 } from 're2-wasm'
import { builtinDetectors } from './detectors/index.js'
import { ipDetectors } from './detectors/pii.js'
import type { Config, Rule } from './config-schema.js'
import type { Detector, FieldKind, Finding } from './types.js'

export class RuleError extends Error {}

/** Longest value a user pattern is run on at once; longer values are scanned in overlapping windows. */
const WINDOW = 256 * 1024
const OVERLAP = 4096

function escapeRe2(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}

/**
 * A user rule as a detector. Patterns run on RE2 (linear time, compiled to WebAssembly), so no
 * rule in a committed config can hang a run; a pattern RE2 cannot run (backreferences,
 * lookaround) is rejected with the reason.
 */
export function ruleDetector(rule: Rule): Detector {
  let source: string
  let flags = 'gu'
  if (rule.pattern !== undefined) {
    source = rule.pattern
    flags += (rule.flags ?? '').replace(/[gu]/g, '')
  } else if (rule.literals) {
    source = rule.literals.map(escapeRe2).join('|')
    flags += 'i'
  } else {
    source = `\\b(?:${(rule.words ?? []).map(escapeRe2).join('|')})\\b`
    flags += 'i'
  }
  let re: RE2
  try {
    re = new RE2(source, flags)
  } catch (e) {
    throw new RuleError(`rule "${rule.id}": ${(e as Error).message.replace(/^Invalid regular expression: /, '')} (patterns use RE2 syntax: no backreferences or lookaround)`)
  }
  if (re.test('')) throw new RuleError(`rule "${rule.id}": the pattern matches the empty string, so it would match everywhere`)
  return {
    id: rule.id,
    pack: 'secrets',
    description: rule.description ?? `rule ${rule.id}`,
    find(text: string): Finding[] {
      const out: Finding[] = []
      for (let base = 0; base < text.length; base += WINDOW) {
        const start = Math.max(0, base - (base ? OVERLAP : 0))
        const chunk = text.slice(start, base + WINDOW)
        re.lastIndex = 0
        for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
          const hit = m[0] ?? ''
          if (hit.length === 0) {
            re.lastIndex++
            continue
          }
          out.push({ detector: rule.id, start: start + m.index, end: start + m.index + hit.length })
        }
      }
      return out
    }
  }
}

/** Extra secret key names from the config: `key=value`, `key: value`, `--key value`, `"key": "value"`. */
function keyDetector(keys: string[]): Detector | null {
  if (keys.length === 0) return null
  const names = new Set(keys.map((k) => k.toLowerCase()))
  const alt = keys.map(escapeRe2).join('|')
  const re = new RE2(`(?i)(?:--|\\b)(?:${alt})["']?\\s*(?:[=:]|\\s)\\s*["']?([^\\s"',;}]{1,512})`, 'gu')
  return {
    id: 'config-key',
    pack: 'secrets',
    description: 'values of the key names listed under keys:',
    find(text: string): Finding[] {
      const out: Finding[] = []
      re.lastIndex = 0
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const value = m[1] ?? ''
        const end = m.index + (m[0] ?? '').length
        out.push({ detector: 'config-key', start: end - value.length, end })
      }
      return out
    },
    findInField(key: string, value: string): Finding[] {
      return names.has(key.toLowerCase()) && value.length > 0 ? [{ detector: 'config-key', start: 0, end: value.length }] : []
    }
  }
}

function packEnabled(config: Config, pack: 'secrets' | 'pii' | 'paths', id: string): boolean {
  const p = config.packs[pack]
  if (p === false) return false
  if (p === true) return true
  return p.enabled && !p.disable.includes(id)
}

export interface DetectorSet {
  forField(kind: FieldKind): Detector[]
  /** Every detector id the config can produce, for reports and `rules check`. */
  ids: string[]
}

/** The detectors a config turns on, per field kind (user rules may name the fields they apply to). */
export function detectorsFor(config: Config): DetectorSet {
  const withPrivate = config.pii.private_ips ? new Map(ipDetectors(true).map((d) => [d.id, d])) : undefined
  const builtins = builtinDetectors.filter((d) => packEnabled(config, d.pack, d.id)).map((d) => withPrivate?.get(d.id) ?? d)
  const rules = config.rules.map((r) => ({ rule: r, detector: ruleDetector(r) }))
  const keys = keyDetector(config.keys)
  const cache = new Map<FieldKind, Detector[]>()
  return {
    ids: [...builtins.map((d) => d.id), ...rules.map((r) => r.rule.id), ...(keys ? [keys.id] : [])],
    forField(kind) {
      let list = cache.get(kind)
      if (!list) {
        // User rules first: on an overlap of equal length, the team's own label wins.
        list = [...rules.filter((r) => !r.rule.fields || r.rule.fields.includes(kind as never)).map((r) => r.detector), ...(keys ? [keys] : []), ...builtins]
        cache.set(kind, list)
      }
      return list
    }
  }
}

export function builtinIds(): string[] {
  return builtinDetectors.map((d) => d.id)
}
