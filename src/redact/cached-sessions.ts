import { createHash, createHmac } from 'node:crypto'
import type { Config } from '../config/schema.js'
import { CAPTURE_SOURCE, KEPT, TurnsCapture, type Kept, type TurnFacts } from '../render/comment/window.js'
import type { SessionReport, Turn } from '../select/report.js'
import { selectTurns } from '../select/select.js'
import type { Db } from '../store/db.js'
import { SessionCacheStore } from '../store/session-cache.js'
import { sessionCount } from '../store/sessions.js'
import { readTurnEvents } from '../store/turn-events.js'
import { cacheFingerprint, codeFingerprint } from './cached-findings.js'
import { redactionKey } from './hash.js'
import { reportRedactor, type RecordUse, type SessionNotes } from './policy.js'

/**
 * Bump when what a session's entry holds, or how it is made, changes without the package version
 * or the hashed sources below changing: every entry made before then must miss.
 */
export const SESSION_CACHE_VERSION = 1

/** A session's capture past this many characters or turns is not kept (see `TurnsCapture`). */
const CAPTURE_CHARS = 2 * 1024 * 1024
const CAPTURE_TURNS = 20_000

/** What the comment's report keeps of one session once redacted. */
export interface SessionEntry {
  /** The redacted session, its turns left empty. */
  fields: SessionReport
  /** The records and numbered tags its redaction made. */
  notes: SessionNotes
  /** The comment window's level when the session was captured; the entry serves a window at it or past it. */
  level: Kept
  turns: [TurnFacts, Turn | null][]
}

let codeHash: string | undefined

/** The code an entry depends on beyond the detectors': the redactor, the turns' reading and the window's capture. */
export function sessionCodeFingerprint(): string {
  codeHash ??= createHash('sha256')
    .update(`${codeFingerprint()}\0${SESSION_CACHE_VERSION}\0${String(reportRedactor)}\0${String(selectTurns)}\0${String(readTurnEvents)}\0${CAPTURE_SOURCE}`)
    .digest('base64')
  return codeHash
}

/** An entry read back, or undefined when it does not have an entry's shape. */
function parseEntry(json: string): SessionEntry | undefined {
  let e: unknown
  try {
    e = JSON.parse(json)
  } catch {
    return undefined
  }
  if (typeof e !== 'object' || e === null) return undefined
  const { fields, notes, level, turns } = e as Record<string, unknown>
  if (typeof fields !== 'object' || fields === null || !KEPT.includes(level as Kept) || !Array.isArray(turns)) return undefined
  return notesOf(notes) ? (e as SessionEntry) : undefined
}

/** A session's redaction notes read back, or undefined when they do not have the notes' shape. */
export function notesOf(n: unknown): SessionNotes | undefined {
  if (typeof n !== 'object' || n === null) return undefined
  const { records, tags } = n as Record<string, unknown>
  return Array.isArray(records) && Array.isArray(tags) ? (n as SessionNotes) : undefined
}

/** The comment's window an entry is made for. */
export interface CacheWindow {
  maxFieldChars: number | undefined
  budget: number
}

/** Everything an entry depends on but the session itself: config, code, redaction key, schema, window. */
function baseOf(store: SessionCacheStore, config: Config, window: CacheWindow): string {
  const key = redactionKey()
  return JSON.stringify([
    sessionCodeFingerprint(),
    cacheFingerprint(config),
    key === undefined ? null : createHmac('sha256', key).update('ai-log-trail session cache').digest('base64'),
    store.schemaVersion,
    window.maxFieldChars ?? null,
    window.budget
  ])
}

/** Whether the config publishes some texts as written: their text goes to the last check's allow list, which a cached session could not give back. */
export function includesTexts(config: Config): boolean {
  return Object.values(config.fields).some((p) => p === 'include')
}

/** The store's session cache, unless the store keeps none or the config publishes some texts as written. */
function storeFor(db: Db, config: Config): SessionCacheStore | null {
  return includesTexts(config) ? null : SessionCacheStore.open(db)
}

/** A short digest of `baseOf`, the prefix of every key made under it. */
function generationOf(base: string): string {
  return createHash('sha256').update(base).digest('base64url').slice(0, 16)
}

/**
 * What the comment's report made of each session, kept across runs in the local store
 * (`SessionCacheStore`), so a run over unchanged sessions neither reads their turns nor redacts
 * them. An entry holds redacted text only. Its key is the SHA-256 of everything the entry depends
 * on: the session's stored rows (`rowsFacts`) and its unredacted fields, the config and code (as
 * the findings cache's fingerprint, plus the redactor's, the turns' reader's and the window's
 * code), the redaction key (as a keyed digest), the schema version, the field window and the
 * comment's budget. Identifier tags numbered across the report are replayed only when they get
 * the same numbers (`ReportRedactor.replay`); otherwise the session is redacted afresh.
 */
export class SessionCache {
  /** The key's prefix that names the rules, code and window the entry was made under. */
  private readonly generation: string

  private constructor(
    private readonly store: SessionCacheStore,
    private readonly base: string
  ) {
    this.generation = generationOf(base)
  }

  /**
   * The store's session cache for a comment's report, or null when the store cannot keep one or
   * the config publishes some texts as written (their text goes to the last check's allow list,
   * which a cached session could not give back).
   */
  static open(db: Db, config: Config, window: CacheWindow): SessionCache | null {
    const store = storeFor(db, config)
    if (!store) return null
    return new SessionCache(store, baseOf(store, config, window))
  }

  /**
   * How many of the store's sessions a comment's report under `config` and `window` would not
   * find in the cache as it is: every session when the store or the config keeps no cache. An
   * entry made under other rules, code or window counts as missing, so a run after an upgrade or a
   * changed config is known to redact afresh before it starts.
   */
  static sessionsToRedact(db: Db, config: Config, window: CacheWindow): number {
    const store = storeFor(db, config)
    return store ? store.sessionsWithoutEntryOf(generationOf(baseOf(store, config, window))) : sessionCount(db)
  }

  /** The session's key now, and its entry if one was made under that key. */
  lookup(s: SessionReport): { key: string; entry: SessionEntry | undefined } {
    const digest = createHash('sha256')
      .update(`${this.base}\0${JSON.stringify(this.store.rowsFacts(s.id))}\0${JSON.stringify(s)}`)
      .digest('base64')
    const key = `${this.generation}.${digest}`
    const json = this.store.get(s.id, key)
    return { key, entry: json === undefined ? undefined : parseEntry(json) }
  }

  /** A capture of a session's turns for a window now at `level`. */
  capture(level: Kept): TurnsCapture {
    return new TurnsCapture(level, CAPTURE_CHARS, CAPTURE_TURNS)
  }

  put(s: SessionReport, key: string, redacted: SessionReport, notes: SessionNotes, capture: TurnsCapture): void {
    if (capture.full) return
    const entry: SessionEntry = {
      fields: { ...redacted, turns: [] },
      notes: { ...notes, records: mergedUses(notes.records) },
      level: capture.level,
      turns: capture.turns
    }
    this.store.put(s.id, key, JSON.stringify(entry))
  }

  /** Writes what is pending; call between sessions. */
  write(): void {
    this.store.write()
  }

  save(): void {
    this.store.save()
  }
}

/**
 * A session's record uses with those of one event, field and detector merged into the first, its
 * count the sum: replayed, they make the same records (a record keeps its first use's actor and
 * reason and adds the later counts, `reportRedactor`) and the same counts by detector. A session's
 * entry held one use per value redacted, and reading them back was most of a warm run's parse.
 */
export function mergedUses(uses: readonly RecordUse[]): RecordUse[] {
  const byKey = new Map<string, RecordUse>()
  const out: RecordUse[] = []
  for (const u of uses) {
    const key = `${u[0]}\0${u[1]}\0${u[2]}`
    const first = byKey.get(key)
    if (first) first[3] += u[3]
    else {
      const copy: RecordUse = [...u]
      byKey.set(key, copy)
      out.push(copy)
    }
  }
  return out
}

/** A cached session with the turns its window holds, its fields where the redacted session had them. */
export function withTurns(entry: SessionEntry, turns: Turn[]): SessionReport {
  const s = entry.fields
  s.turns = turns
  return s
}
