import { createHash, createHmac } from 'node:crypto'
import type { ReportMode } from '../config/choices.js'
import type { Config } from '../config/schema.js'
import type { SessionReport } from '../select/report.js'
import { withSelectedTurns } from '../select/select.js'
import { isStoredText, SessionSink, sessionTexts, type SessionTexts, type StoredText } from '../select/spill.js'
import { releaseBuffer } from '../release-buffer.js'
import type { Db } from '../store/db.js'
import { FULL_SESSION_MAX_CHARS, FullSessionsStore } from '../store/full-sessions.js'
import { KEEP_RUNS } from '../store/redaction-cache.js'
import { SessionCacheStore } from '../store/session-cache.js'
import { cacheFingerprint, type RedactionCache } from './cached-findings.js'
import { includesTexts, mergedUses, notesOf, sessionCodeFingerprint } from './cached-sessions.js'
import { redactionKey } from './hash.js'
import type { SessionNotes } from './policy.js'

/**
 * Bump when what a session's entry holds, or how it is made, changes without the package version
 * or the hashed sources below changing: every entry made before then must miss.
 */
export const FULL_SESSIONS_VERSION = 3

/**
 * Sessions met in the cache, sessions selected with their turns and redacted, and found sessions'
 * JSON read back from the store (by a reader of their turns), since last reset (tests read them).
 */
export const fullSessionCounts = { hits: 0, misses: 0, jsonReads: 0 }

let codeHash: string | undefined

/** The code an entry depends on beyond the comment cache's: the turns' selection for a mode and the spill's JSON. */
function fullCodeFingerprint(): string {
  codeHash ??= createHash('sha256')
    .update(`${sessionCodeFingerprint()}\0${FULL_SESSIONS_VERSION}\0${String(withSelectedTurns)}\0${String(SessionSink)}\0${String(sessionTexts)}`)
    .digest('base64')
  return codeHash
}

/** A session's entry read back: its texts as the report's sink writes them, its notes, its comment capture. */
export interface FullSessionEntry extends SessionTexts {
  notes: SessionNotes
  /** What the comment built from the files' sessions held of its turns (`CommentFromFiles.add`), if kept. */
  capture: string | undefined
}

/**
 * An entry's notes column: the redaction's notes, then how its body is laid out and checked.
 * The body is two parts (`entryBody`): first, as it is, the UTF-8 of the session's head, prompts
 * and comment capture, one after the other, then its redaction cache keys as 32-byte digests;
 * second, compressed, the UTF-8 of its JSON, read only when a reader of its turns asks. `parts` are
 * their byte lengths (the JSON's first, the keys' count last), `digest` the SHA-256 of the JSON
 * (the sink's digest), `rest` the SHA-256 of the first part, `turnChars` the session's
 * `turnChars`, `keysRun` the redaction cache's run that last renewed the keys.
 */
interface EntryMeta extends SessionNotes {
  parts: [json: number, head: number, prompts: number, capture: number, keys: number]
  digest: string
  rest: string
  turnChars: number
  keysRun: number
}

const KEY_BYTES = 32
const count = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

/** An entry's meta read back, when it has the shape and its parts add up to the body's parts' bytes. */
function parseMeta(text: string, bytes: number, jsonBytes: number): EntryMeta | undefined {
  let m: unknown
  try {
    m = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!notesOf(m)) return undefined
  const { parts, digest, rest, turnChars, keysRun } = m as Record<string, unknown>
  if (!Array.isArray(parts) || parts.length !== 5 || !parts.every(count) || typeof digest !== 'string' || typeof rest !== 'string') return undefined
  if (!count(turnChars) || !count(keysRun)) return undefined
  const p = parts as EntryMeta['parts']
  return p[0] === jsonBytes && p[1] + p[2] + p[3] + p[4] * KEY_BYTES === bytes ? (m as EntryMeta) : undefined
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('base64')

/**
 * What the files' report made of each session (its redacted texts as the sink writes them, what
 * the comment built from the files held of its turns, its redaction's notes and the redaction
 * cache keys it read), kept across runs in the local store (`FullSessionsStore`, migration 23),
 * so a run over unchanged sessions neither selects their turns nor redacts them, nor parses or
 * stringifies them again. An entry holds redacted text and digests only; it is used only when
 * its bytes have the digests its notes give. Its key is the SHA-256 of everything the redacted session depends on: the session's
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
    private readonly base: string,
    private readonly findings: RedactionCache | null
  ) {}

  /** Keys of the entries found whose redaction cache keys are due to be renewed, with the keys. */
  private readonly due = new Map<FullSessionEntry, { key: string; meta: EntryMeta; keys: Buffer }>()

  /**
   * The store's cache for a report in `mode`, or null: a store that cannot keep one, a config
   * that publishes some texts as written, or AI_LOG_TRAIL_FULL_SESSIONS=0.
   */
  static open(
    db: Db,
    config: Config,
    mode: ReportMode,
    maxFieldChars: number | undefined,
    findings: RedactionCache | null,
    env: NodeJS.ProcessEnv = process.env
  ): FullSessionCache | null {
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
    return new FullSessionCache(store, rows, base, findings)
  }

  /**
   * The session's key now, and its entry if one was made under that key and its first part reads
   * back whole: its notes and layout parse and its bytes have their digest. Its JSON stays in the
   * store, read and checked against its digest only when a reader asks (`json`). Nothing of the
   * session is parsed.
   */
  lookup(s: SessionReport): { key: string; entry: FullSessionEntry | undefined } {
    const key = createHash('sha256')
      .update(`${this.base}\0${JSON.stringify(this.rows.rowsFacts(s.id))}\0${JSON.stringify(s)}`)
      .digest('base64')
    const row = this.store.get(s.id, key)
    if (!row) return { key, entry: undefined }
    const { raw } = row
    try {
      const meta = parseMeta(row.notes, raw.length, row.secondBytes)
      const [, headBytes, promptsBytes, captureBytes] = meta?.parts ?? [0, 0, 0, 0]
      if (!meta || sha256(raw) !== meta.rest) {
        this.store.forget(s.id)
        releaseBuffer(raw)
        return { key, entry: undefined }
      }
      let at = 0
      // The texts stay the entry's bytes: the sink writes them as they are, and gives them back.
      const next = (bytes: number) => raw.subarray(at, (at += bytes))
      const head = next(headBytes)
      const prompts = next(promptsBytes)
      const capture = captureBytes ? next(captureBytes).toString() : undefined
      const json = this.json(s.id, key, meta.digest)
      const entry: FullSessionEntry = {
        texts: true,
        id: s.id,
        json,
        head,
        prompts,
        digest: meta.digest,
        turnChars: meta.turnChars,
        session: () => JSON.parse(json.read()) as SessionReport,
        release: () => releaseBuffer(raw),
        notes: meta,
        capture
      }
      const run = this.findings?.run
      if (run !== undefined && (run - meta.keysRun >= KEEP_RUNS / 2 || meta.keysRun > run))
        this.due.set(entry, { key, meta, keys: Buffer.from(raw.subarray(at)) })
      return { key, entry }
    } catch (e) {
      releaseBuffer(raw)
      throw e
    }
  }

  /**
   * A found session's JSON as a text read from its entry when asked, and checked then: an entry
   * gone, made again or altered since it was found is dropped, and the run fails, as its files
   * would be wrong; the next run redacts the session afresh.
   */
  private json(id: string, key: string, digest: string): StoredText {
    return {
      stored: true,
      read: () => {
        const bytes = this.store.second(id, key)
        if (!bytes || sha256(bytes) !== digest) {
          this.store.forget(id)
          throw new Error(
            `The full report’s kept session ${id} changed in the store after this run found it; its entry was dropped. Run the report again: it redacts that session afresh.`
          )
        }
        fullSessionCounts.jsonReads++
        const text = bytes.toString()
        releaseBuffer(bytes)
        return text
      }
    }
  }

  /**
   * A found entry used: its session's redaction cache entries are renewed as a redaction of it
   * would have (every few runs, by the entry's `keysRun`), so they are still there when it changes.
   */
  used(entry: FullSessionEntry): void {
    const due = this.due.get(entry)
    this.due.clear()
    if (!due || !this.findings) return
    const keys: string[] = []
    for (let at = 0; at < due.keys.length; at += KEY_BYTES) keys.push(due.keys.toString('base64', at, at + KEY_BYTES))
    this.findings.renew(keys)
    this.store.renewNotes(entry.id, due.key, JSON.stringify({ ...due.meta, keysRun: this.findings.run }))
  }

  /** Starts noting the redaction cache keys the next session's redaction reads (for `put`). */
  note(): void {
    this.due.clear()
    this.findings?.collectKeys()
  }

  /**
   * Keeps a session's texts, the notes of its redaction, the comment's capture of it and the
   * redaction cache keys its redaction read (renewed now, so the entry's `keysRun` is this run's).
   * Written between sessions; a JSON past `FULL_SESSION_MAX_CHARS` is not kept.
   */
  put(s: SessionReport, key: string, texts: SessionTexts, notes: SessionNotes, capture: string | undefined): void {
    const keys = this.findings?.takeKeys() ?? []
    // A found session's JSON is its entry's already.
    if (isStoredText(texts.json) || texts.json.length > FULL_SESSION_MAX_CHARS) return
    this.findings?.renew(keys)
    const cap = capture ?? ''
    const parts: EntryMeta['parts'] = [
      Buffer.byteLength(texts.json),
      Buffer.byteLength(texts.head),
      Buffer.byteLength(texts.prompts),
      Buffer.byteLength(cap),
      keys.length
    ]
    const json = typeof texts.json === 'string' ? Buffer.from(texts.json) : Buffer.from(texts.json)
    const raw = Buffer.allocUnsafeSlow(parts[1] + parts[2] + parts[3] + parts[4] * KEY_BYTES)
    let at = 0
    for (const t of [texts.head, texts.prompts, cap]) at += typeof t === 'string' ? raw.write(t, at, 'utf8') : t.copy(raw, at)
    for (const k of keys) at += raw.write(k, at, 'base64')
    if (at !== raw.length || json.length !== parts[0]) throw new Error('a full session entry’s parts do not fill it')
    const meta: EntryMeta = {
      records: mergedUses(notes.records),
      tags: notes.tags,
      parts,
      digest: texts.digest,
      rest: sha256(raw),
      turnChars: texts.turnChars,
      // Told a little older than they are, by the session's key: the sessions made in one run
      // renew their keys over the next few runs rather than all in one.
      keysRun: Math.max(0, (this.findings?.run ?? 0) - (key.charCodeAt(0) % (KEEP_RUNS / 2)))
    }
    this.store.put(s.id, key, raw, json, JSON.stringify(meta))
  }

  /** Writes what is pending; call between sessions. */
  write(): void {
    this.store.write()
  }

  save(): void {
    this.store.save()
  }

  /** Lets go of what the found sessions' JSON is read from (call once nothing reads it). */
  close(): void {
    this.store.close()
  }
}
