import { RE2 } from 're2-wasm'
import { builtinDetectors } from './detectors/index.js'
import { ipDetectors } from './detectors/pii.js'
import type { Config, HashedLiteral, Rule } from '../config/schema.js'
import { findHashed } from './hashed-literal.js'
import type { FieldKind } from '../config/choices.js'
import type { AllowList, Detector, Finding } from './types.js'

/** A user pattern that cannot run: `what` names the rule or allow pattern, `reason` says why. */
export class RuleError extends Error {
  constructor(
    readonly what: string,
    readonly reason: string
  ) {
    super(`${what}: ${reason}`)
  }
}

/** Longest value a user pattern is run on at once; longer values are scanned in overlapping windows. */
const WINDOW = 256 * 1024
const OVERLAP = 4096

function escapeRe2(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}

/**
 * Compiles a pattern from the rules file, the one way every run and `rules check` do: on RE2
 * (linear time, compiled to WebAssembly), so no pattern in a committed config can hang a run.
 * A pattern RE2 cannot run (backreferences, lookaround) or one that matches the empty string
 * (it would match every value) is a RuleError naming `what` and the reason.
 */
export function compileUserPattern(source: string, flags: string, what: string): RE2 {
  let re: RE2
  try {
    // re2-wasm refuses to compile without the `u` flag.
    re = new RE2(source, 'u' + flags.replace(/u/g, ''))
  } catch (e) {
    throw new RuleError(what, `${(e as Error).message.replace(/^Invalid regular expression: /, '')} (patterns use RE2 syntax: no backreferences or lookaround)`)
  }
  if (re.test('')) throw new RuleError(what, 'the pattern matches the empty string, so it would match everywhere')
  re.lastIndex = 0
  return re
}

/**
 * A user rule as a detector. Patterns run on RE2 (linear time, compiled to WebAssembly), so no
 * rule in a committed config can hang a run; a pattern RE2 cannot run (backreferences,
 * lookaround) is rejected with the reason.
 */
export function ruleDetector(rule: Rule): Detector {
  if (rule.hashed) return hashedDetector(rule.id, rule.description, rule.hashed)
  let source: string
  let flags = 'g'
  if (rule.pattern !== undefined) {
    source = rule.pattern
    flags += (rule.flags ?? '').replace(/g/g, '')
  } else if (rule.literals) {
    source = rule.literals.map(escapeRe2).join('|')
    flags += 'i'
  } else {
    source = `\\b(?:${(rule.words ?? []).map(escapeRe2).join('|')})\\b`
    flags += 'i'
  }
  const re = compileUserPattern(source, flags, `rule "${rule.id}"`)
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

/**
 * A rule of hashed literals: each value is looked for by hashing the runs of its length that
 * start and end on a token boundary (see `hashed-literal.ts`), so the rules file never holds it.
 * It costs a hash per candidate run, so it is only built for a rule that has such values.
 */
function hashedDetector(id: string, description: string | undefined, hashed: HashedLiteral[]): Detector {
  return {
    id,
    pack: 'secrets',
    description: description ?? `rule ${id} (hashed values)`,
    find(text: string): Finding[] {
      const out: Finding[] = []
      for (const h of hashed) for (const [start, end] of findHashed(text, h)) out.push({ detector: id, start, end })
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

/** The config's allow patterns, compiled as user patterns; a value any of them matches is kept. */
export function allowPatterns(config: Config): RE2[] {
  return config.allow.patterns.map((p, i) => compileUserPattern(p, '', `allow.patterns[${i}]`))
}

/** The config's per-detector allow entries by detector id; undefined when there are none. */
export function allowByDetector(config: Config): AllowList['byDetector'] {
  if (config.allow.entries.length === 0) return undefined
  const map = new Map<string, { literals: string[]; patterns: RE2[] }>()
  config.allow.entries.forEach((e, i) => {
    let own = map.get(e.detector)
    if (!own) map.set(e.detector, (own = { literals: [], patterns: [] }))
    if (e.value !== undefined) own.literals.push(e.value)
    else own.patterns.push(compileUserPattern(e.pattern ?? '', '', `allow.entries[${i}].pattern`))
  })
  return map
}

/** A user pattern that cannot run, with the config path of the value that holds it. */
export interface PatternProblem {
  path: (string | number)[]
  message: string
}

/** Compiles every user pattern of a config as a run will, and lists the ones that fail. */
export function patternProblems(config: Config): PatternProblem[] {
  const problems: PatternProblem[] = []
  // The path already names an allow pattern; a rule is also named by its id.
  const attempt = (path: (string | number)[], compile: () => unknown) => {
    try {
      compile()
    } catch (e) {
      if (!(e instanceof RuleError)) throw e
      problems.push({ path, message: path[0] === 'rules' ? e.message : e.reason })
    }
  }
  config.rules.forEach((r, i) =>
    attempt(['rules', i, r.pattern !== undefined ? 'pattern' : r.literals ? 'literals' : r.hashed ? 'hashed' : 'words'], () => ruleDetector(r))
  )
  config.allow.patterns.forEach((p, i) => attempt(['allow', 'patterns', i], () => compileUserPattern(p, '', `allow.patterns[${i}]`)))
  config.allow.entries.forEach((e, i) => {
    if (e.pattern !== undefined) attempt(['allow', 'entries', i, 'pattern'], () => compileUserPattern(e.pattern ?? '', '', `allow.entries[${i}].pattern`))
  })
  return problems
}

export function builtinIds(): string[] {
  return builtinDetectors.map((d) => d.id)
}
