import { createHash, hash } from 'node:crypto'
import { version } from '../cli/version.js'
import type { FieldKind } from '../config/choices.js'
import type { Config } from '../config/schema.js'
import type { Db } from '../store/db.js'
import { RedactionCacheStore } from '../store/redaction-cache.js'
import { builtinDetectors } from './detectors/index.js'
import { mergeFindings } from './engine/merge.js'
import { scan } from './engine/scan.js'
import { freshFindings, type FindingsOf, type RedactTextResult } from './engine.js'
import { Generations } from './generations.js'
import type { Detector, Finding } from './types.js'

/**
 * Bump when what the detectors or the engine find in a text changes without the package version
 * or the source the fingerprint reads changing: a helper a detector's functions call (not their
 * own source), a view, the engine's other code. A change to a built-in detector's own properties
 * (its functions, pattern, keywords, parts) needs no bump: `codeFingerprint` reads them all.
 * 2: home-path no longer takes a segment that is only an ellipsis (`/home/…`) for a user name.
 */
export const DETECTION_VERSION = 2

let codeHash: string | undefined

/**
 * What the findings of a text depend on besides the text: the package version, DETECTION_VERSION,
 * the source of the scan and merge, and every property of every built-in detector and of its
 * parts (so a detector edited without a bump misses in the common case of its own code changing).
 * `detectors` other than the built-in ones are for tests; the built-in fingerprint is made once.
 */
export function codeFingerprint(detectors?: readonly Detector[]): string {
  if (detectors) return fingerprintOf(detectors)
  codeHash ??= fingerprintOf(builtinDetectors)
  return codeHash
}

function fingerprintOf(detectors: readonly Detector[]): string {
  const h = createHash('sha256').update(`${version()}\0${DETECTION_VERSION}\0${String(scan)}\0${String(mergeFindings)}`)
  for (const d of detectors) h.update(`\0${sourceOf(d)}`)
  return h.digest('base64')
}

/** A detector's properties that describe it to people and change nothing it finds. */
const DOCUMENTATION = new Set(['description', 'examples'])

/**
 * A value as the fingerprint reads it: a function by its source, a regex by its source and flags,
 * an object (a detector, its parts) by each own property sorted by name, so a property added to
 * detectors later is read without anyone listing it here.
 */
function sourceOf(v: unknown, depth = 0): string {
  if (typeof v === 'function' || v instanceof RegExp) return String(v)
  if (v === null || typeof v !== 'object' || depth > 8) return JSON.stringify(v) ?? 'undefined'
  if (v instanceof Set || v instanceof Map) return sourceOf([...v], depth)
  if (Array.isArray(v)) return `[${v.map((x) => sourceOf(x, depth + 1)).join('\0')}]`
  const o = v as Record<string, unknown>
  const names = Object.keys(o)
    .filter((k) => !DOCUMENTATION.has(k))
    .sort()
  return `{${names.map((k) => `${k}:${sourceOf(o[k], depth + 1)}`).join('\0')}}`
}

/**
 * The fingerprint a cached result is valid under: the code's and the config's (rules, allow
 * entries, overrides, private entries, packs, keys, field policies, identifier hashing). Left out:
 * the CLI defaults and prices, which choose what is reported, not what a text holds; and the
 * redaction key, as identifier tags are made afresh each run from the replayed findings.
 */
export function cacheFingerprint(config: Config, code = codeFingerprint()): string {
  const { defaults: _defaults, pricing: _pricing, ...redacting } = config
  return createHash('sha256').update(code).update('\0').update(JSON.stringify(redacting)).digest('base64')
}

/**
 * The merged findings of each string one field's redaction scanned, by the order of the scans:
 * `calls` scans in all, those with findings listed as [scan number, [[detector, start, end], …]].
 */
interface Trace {
  calls: number
  found: [number, [string, number, number][]][]
}

const count = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

/**
 * A stored trace read back, or undefined when it is not one. Checked by hand rather than with a
 * zod schema: a warm run reads thousands, and the schema's parse cost more than the rest of a hit.
 */
function parseTrace(json: string): Trace | undefined {
  let t: unknown
  try {
    t = JSON.parse(json)
  } catch {
    return undefined
  }
  if (typeof t !== 'object' || t === null || Object.keys(t).length !== 2) return undefined
  const { calls, found } = t as Record<string, unknown>
  if (!count(calls) || calls === 0 || !Array.isArray(found)) return undefined
  for (const call of found) {
    if (!Array.isArray(call) || call.length !== 2 || !count(call[0]) || !Array.isArray(call[1]) || call[1].length === 0) return undefined
    for (const f of call[1] as unknown[])
      if (!Array.isArray(f) || f.length !== 3 || typeof f[0] !== 'string' || f[0] === '' || !count(f[1]) || !count(f[2])) return undefined
  }
  return t as Trace
}

/** A text with no findings, as the memo of traces holds it. */
const NO_FINDINGS = 0
/** Traces the memo of one run holds at most (a key and, for the few texts with findings, positions). */
const KNOWN_TRACES = 20_000

/** A stored trace that does not fit the text it is replayed on: the row is not trusted. */
class TraceMismatch extends Error {}

function recorder(): { findingsOf: FindingsOf; trace(): Trace } {
  let calls = 0
  const found: Trace['found'] = []
  return {
    findingsOf(text, opts, key) {
      const merged = freshFindings(text, opts, key)
      if (merged.length) found.push([calls, merged.map((f) => [f.detector, f.start, f.end])])
      calls++
      return merged
    },
    trace: () => ({ calls, found })
  }
}

function replayer(trace: Trace): { findingsOf: FindingsOf; done(): boolean } {
  const byCall = new Map(trace.found)
  let calls = 0
  return {
    findingsOf(text) {
      if (calls >= trace.calls) throw new TraceMismatch()
      const stored = byCall.get(calls++) ?? []
      const out: Finding[] = []
      let end = 0
      for (const [detector, start, stop] of stored) {
        // Merged findings are ordered and apart; anything else would splice the text wrongly.
        if (start < end || stop < start || stop > text.length) throw new TraceMismatch()
        out.push({ detector, start, end: stop })
        end = stop
      }
      return out
    },
    done: () => calls === trace.calls
  }
}

/**
 * Findings of field texts kept across runs in the local store (`RedactionCacheStore`), so a run
 * over unchanged logs scans only what it has not met under the same fingerprint. An entry holds
 * positions and detector ids, never the text nor what was found in it; replaying it applies the
 * markers afresh, so output, counts and identifier tags are those of a fresh scan. An entry is
 * used only when its digest binds it to its text's hash and to the fingerprint in force, and its
 * positions fit the strings they are replayed on; otherwise the text is scanned again.
 */
export class RedactionCache {
  readonly fingerprint: string
  private readonly known = new Generations<string, Trace | typeof NO_FINDINGS>(KNOWN_TRACES)
  private keys: Set<string> | null = null

  constructor(private readonly store: RedactionCacheStore) {
    this.fingerprint = store.fingerprint
  }

  /** `redact` (one field's plain or JSON redaction) with its scans replayed when the cache holds the text. */
  redact(kind: FieldKind, json: boolean, text: string, redact: (findingsOf: FindingsOf) => RedactTextResult): RedactTextResult {
    const key = hash('sha256', `${kind}\0${json ? 1 : 0}\0${text}`, 'base64')
    this.keys?.add(key)
    const known = this.known.get(key) ?? this.stored(key)
    if (known === NO_FINDINGS) return { text, findings: [] }
    if (known) {
      const replay = replayer(known)
      try {
        const r = redact(replay.findingsOf)
        if (replay.done()) return r
      } catch (e) {
        if (!(e instanceof TraceMismatch)) throw e
      }
      this.known.delete(key)
    }
    const rec = recorder()
    const r = redact(rec.findingsOf)
    const trace = rec.trace()
    const findings = trace.found.length ? JSON.stringify(trace) : null
    this.store.put(key, { findings, digest: this.digest(key, findings) })
    this.remember(key, findings === null ? NO_FINDINGS : trace)
    return r
  }

  /** The store's row for a key as a trace (NO_FINDINGS: none), when its digest binds it and it reads as one. */
  private stored(key: string): Trace | typeof NO_FINDINGS | undefined {
    const row = this.store.get(key)
    if (!row || !row.digest.equals(this.digest(key, row.findings))) return undefined
    const trace = row.findings === null ? NO_FINDINGS : parseTrace(row.findings)
    if (trace !== undefined) this.remember(key, trace)
    return trace
  }

  /**
   * Keeps a trace this run read or made, for the same text met again (a path under many sessions,
   * a command run often): the store's lookup and the digest's check are most of a hit. The least
   * recently used half goes when the memo is full, so memory is bounded whatever the logs' size.
   */
  private remember(key: string, trace: Trace | typeof NO_FINDINGS): void {
    this.known.set(key, trace)
  }

  save(): void {
    this.store.save()
  }

  /** The store's run: entries unused for `KEEP_RUNS` of them are evicted. */
  get run(): number {
    return this.store.run
  }

  /** Starts noting the keys of the texts redacted, until `takeKeys`. */
  collectKeys(): void {
    this.keys = new Set()
  }

  /** The keys of the texts redacted since `collectKeys` (base64 SHA-256 digests), once. */
  takeKeys(): string[] {
    const keys = this.keys ? [...this.keys] : []
    this.keys = null
    return keys
  }

  /**
   * Marks entries used this run, as a lookup of their texts would: a session replayed from the
   * full report's cache reads none of its texts, and its entries would otherwise be evicted.
   */
  renew(keys: readonly string[]): void {
    for (const k of keys) this.store.touch(k)
  }

  private digest(key: string, findings: string | null): Buffer {
    return hash('sha256', `${this.fingerprint}\0${key}\0${findings ?? ''}`, 'buffer')
  }
}

const open = new WeakMap<Db, RedactionCache>()

/**
 * The store's redaction cache under the config's fingerprint, one per connection (a job's report
 * and comment share it), or null when the store cannot keep one (read-only, or not migrated).
 */
export function redactionCache(db: Db, config: Config, fingerprint = cacheFingerprint(config)): RedactionCache | null {
  const held = open.get(db)
  if (held?.fingerprint === fingerprint) return held
  const store = RedactionCacheStore.open(db, fingerprint)
  if (!store) return null
  const cache = new RedactionCache(store)
  open.set(db, cache)
  return cache
}
