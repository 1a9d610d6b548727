import { createHash, createHmac } from 'node:crypto'
import type { ReportMode } from '../config/choices.js'
import type { Config } from '../config/schema.js'
import type { SessionReport } from '../select/report.js'
import { withSelectedTurns } from '../select/select.js'
import { SessionSink } from '../select/spill.js'
import type { Db } from '../store/db.js'
import { FullSessionsStore } from '../store/full-sessions.js'
import { SessionCacheStore } from '../store/session-cache.js'
import { cacheFingerprint } from './cached-findings.js'
import { includesTexts, mergedUses, notesOf, sessionCodeFingerprint } from './cached-sessions.js'
import { redactionKey } from './hash.js'
import type { SessionNotes } from './policy.js'

/**
 * Bump when what a session's entry holds, or how it is made, changes without the package version
 * or the hashed sources below changing: every entry made before then must miss.
 */
export const FULL_SESSIONS_VERSION = 1

/** Sessions met in the cache and sessions selected with their turns and redacted, since last reset (tests read them). */
export const fullSessionCounts = { hits: 0, misses: 0 }

let codeHash: string | undefined

/** The code an entry depends on beyond the comment cache's: the turns' selection for a mode and the spill's JSON. */
function fullCodeFingerprint(): string {
  codeHash ??= createHash('sha256')
    .update(`${sessionCodeFingerprint()}\0${FULL_SESSIONS_VERSION}\0${String(withSelectedTurns)}\0${String(SessionSink)}`)
    .digest('base64')
  return codeHash
}

/** A session's entry read back. */
export interface FullSessionEntry {
  /** The redacted session's JSON, exactly as the report's sink writes it. */
  json: string
  /** The same, parsed. */
  session: SessionReport
  notes: SessionNotes
}

function parseSession(json: string, id: string): SessionReport | undefined {
  try {
    const s = JSON.parse(json) as unknown
    return typeof s === 'object' && s !== null && (s as SessionReport).id === id && Array.isArray((s as SessionReport).turns) ? (s as SessionReport) : undefined
  } catch {
    return undefined
  }
}

function parseNotes(text: string): SessionNotes | undefined {
  try {
    return notesOf(JSON.parse(text))
  } catch {
    return undefined
  }
}

/**
 * What the files' report made of each session (its redacted JSON and its redaction's notes),
 * kept across runs in the local store (`FullSessionsStore`, migration 23), so a run over
 * unchanged sessions neither selects their turns nor redacts them. An entry holds redacted text
 * only. Its key is the SHA-256 of everything the redacted session depends on: the session's
 * stored rows (`rowsFacts`: count and last id of its records; a record changed in place drops the
 * entry by trigger) and its unredacted fields as framed, the config and code, the redaction key
 * (as a keyed digest), the schema version, the mode and the field window. Identifier tags
 * numbered across the report are replayed only when they get the same numbers
 * (`ReportRedactor.replay`); otherwise the session is redacted afresh.
 */
export class FullSessionCache {
  private constructor(
    private readonly store: FullSessionsStore,
    private readonly rows: SessionCacheStore,
    private readonly base: string
  ) {}

  /**
   * The store's cache for a report in `mode`, or null: a store that cannot keep one, a config
   * that publishes some texts as written, or AI_LOG_TRAIL_FULL_SESSIONS=0.
   */
  static open(db: Db, config: Config, mode: ReportMode, maxFieldChars: number | undefined, env: NodeJS.ProcessEnv = process.env): FullSessionCache | null {
    if (env.AI_LOG_TRAIL_FULL_SESSIONS === '0' || includesTexts(config)) return null
    const store = FullSessionsStore.open(db)
    const rows = store && SessionCacheStore.open(db)
    if (!store || !rows) return null
    const key = redactionKey()
    const base = JSON.stringify([
      fullCodeFingerprint(),
      cacheFingerprint(config),
      key === undefined ? null : createHmac('sha256', key).update('ai-log-trail full sessions').digest('base64'),
      store.schemaVersion,
      mode,
      maxFieldChars ?? null
    ])
    return new FullSessionCache(store, rows, base)
  }

  /** The session's key now, and its entry if one was made under that key and reads back. */
  lookup(s: SessionReport): { key: string; entry: FullSessionEntry | undefined } {
    const key = createHash('sha256')
      .update(`${this.base}\0${JSON.stringify(this.rows.rowsFacts(s.id))}\0${JSON.stringify(s)}`)
      .digest('base64')
    const row = this.store.get(s.id, key)
    if (!row) return { key, entry: undefined }
    const notes = parseNotes(row.notes)
    const session = notes && parseSession(row.json, s.id)
    if (!notes || !session) {
      this.store.forget(s.id)
      return { key, entry: undefined }
    }
    return { key, entry: { json: row.json, session, notes } }
  }

  /** Keeps a session's redacted JSON and the notes of its redaction (written between sessions). */
  put(s: SessionReport, key: string, json: string, notes: SessionNotes): void {
    this.store.put(s.id, key, json, JSON.stringify({ records: mergedUses(notes.records), tags: notes.tags }))
  }

  /** Writes what is pending; call between sessions. */
  write(): void {
    this.store.write()
  }

  save(): void {
    this.store.save()
  }
}
