import type { NormalizedEvent } from '../model/events.js'
import type { SessionPatch } from '../model/session.js'
import type { Db } from './db.js'
import { generationMover } from './generation.js'
import { KeyFilter } from './key-filter.js'
import { RawBlockWriter } from './raw-blocks.js'
import { SessionIdentity } from './session-identity.js'

/** The most sessions (and files' log ids) the writer's caches hold; see `StoreWriter.boundCaches`. */
export const CACHED_SESSIONS = 4096

/**
 * Writes parsed records. Every insert is idempotent (`INSERT OR IGNORE` on the event's file,
 * line and position in the line), so two ingests of the same file, in turn or at once, store
 * each event once; totals are computed from these rows at query time and never accumulated.
 */
export class StoreWriter {
  private turnCounters = new Map<string, number>()
  /** Sessions known to have a row, so the per-event insert of one runs once per session. */
  private ensured = new Set<string>()
  private lastTs = new Map<string, string>()
  private identity: SessionIdentity
  private rawBlocks: RawBlockWriter
  /**
   * Every dedupe key this writer has written, while it is known that no other row holds a key:
   * set at the first batch when the store holds no keyed row, dropped for good once another
   * connection has committed (its rows are not in it). Null: every key is looked up.
   */
  private keys: KeyFilter | null = null
  private keysDecided = false
  /** `PRAGMA data_version` at the last batch: it changes only when another connection commits. */
  private dataVersion = -1
  private s

  private moveGeneration: () => void

  constructor(private db: Db) {
    this.moveGeneration = generationMover(db)
    this.identity = new SessionIdentity(db)
    this.rawBlocks = new RawBlockWriter(db)
    const p = (sql: string) => db.prepare(sql)
    this.s = {
      session:
        p(`INSERT INTO sessions (id, agent, agent_version, originator, source, started_at, ended_at, cwd, repository_url, branch, commit_sha, parent_id, parent_relation, title, reported_cost_usd, first_file_id)
        VALUES (@id, @agent, @agent_version, @originator, @source, @started_at, @ended_at, @cwd, @repository_url, @branch, @commit_sha, @parent_id, @parent_relation, @title, @reported_cost_usd, @file_id)
        ON CONFLICT(id) DO UPDATE SET
          agent_version = COALESCE(sessions.agent_version, excluded.agent_version),
          originator = COALESCE(sessions.originator, excluded.originator),
          source = COALESCE(sessions.source, excluded.source),
          started_at = CASE WHEN sessions.started_at IS NULL OR excluded.started_at < sessions.started_at THEN COALESCE(excluded.started_at, sessions.started_at) ELSE sessions.started_at END,
          ended_at = CASE WHEN sessions.ended_at IS NULL OR excluded.ended_at > sessions.ended_at THEN COALESCE(excluded.ended_at, sessions.ended_at) ELSE sessions.ended_at END,
          cwd = COALESCE(sessions.cwd, excluded.cwd),
          repository_url = COALESCE(sessions.repository_url, excluded.repository_url),
          branch = COALESCE(sessions.branch, excluded.branch),
          commit_sha = COALESCE(sessions.commit_sha, excluded.commit_sha),
          parent_id = COALESCE(sessions.parent_id, excluded.parent_id),
          parent_relation = COALESCE(sessions.parent_relation, excluded.parent_relation),
          title = COALESCE(sessions.title, excluded.title),
          reported_cost_usd = COALESCE(excluded.reported_cost_usd, sessions.reported_cost_usd),
          first_file_id = COALESCE(sessions.first_file_id, excluded.first_file_id)`),
      ensureSession: p(`INSERT OR IGNORE INTO sessions (id, agent, first_file_id) VALUES (?, ?, ?)`),
      endedAt: p(`UPDATE sessions SET ended_at = ? WHERE id = ? AND (ended_at IS NULL OR ended_at < ?)`),
      startedAt: p(`UPDATE sessions SET started_at = ? WHERE id = ? AND started_at IS NULL`),
      maxTurn: p(`SELECT COALESCE(MAX(ordinal), 0) AS n FROM turns WHERE session_id = ?`),
      event: p(`INSERT OR IGNORE INTO events (file_id, line, seq, session_id, turn, ts, kind, payload, raw_block, raw_item, replayed, dedupe_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      // Two ranges of the (dedupe_key, replayed, file_id) index, not "file_id <> ?": a key the file
      // itself holds many times (identical lines) would otherwise be scanned on every insert.
      seenKeyBefore: p(`SELECT 1 FROM events WHERE dedupe_key = ? AND replayed = 0 AND file_id < ? LIMIT 1`),
      seenKeyAfter: p(`SELECT 1 FROM events WHERE dedupe_key = ? AND replayed = 0 AND file_id > ? LIMIT 1`),
      anyKey: p(`SELECT 1 FROM events WHERE dedupe_key IS NOT NULL LIMIT 1`),
      turn: p(`INSERT OR IGNORE INTO turns (session_id, ordinal, started_at, prompt_event_id, model) VALUES (?, ?, ?, ?, ?)`),
      prompt: p(`INSERT OR IGNORE INTO prompts (event_id, session_id, ordinal, ts, text, by_agent, replayed) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      tokens:
        p(`INSERT OR IGNORE INTO token_messages (event_id, session_id, ts, model, input, cached_input, cache_write, output, reasoning_output, total, cum_total, counted, reason, replayed)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      turnContext: p(
        `INSERT OR IGNORE INTO turn_context_messages (event_id, session_id, ts, model, cwd, approval_policy, sandbox_policy, effort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      ),
      reasoning: p(`INSERT OR IGNORE INTO agent_reasoning_messages (event_id, session_id, ts, text, encrypted, encrypted_bytes) VALUES (?, ?, ?, ?, ?, ?)`),
      plan: p(`INSERT OR IGNORE INTO function_plan_messages (event_id, session_id, ts, explanation, steps) VALUES (?, ?, ?, ?, ?)`),
      call: p(
        `INSERT OR IGNORE INTO function_calls (event_id, session_id, ts, call_id, name, tool_type, arguments, command, replayed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
      ),
      result: p(
        `INSERT OR IGNORE INTO function_results (event_id, session_id, ts, call_id, output, exit_code, duration_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      ),
      touched: p(`INSERT OR IGNORE INTO files_touched (event_id, session_id, path, change) VALUES (?, ?, ?, ?)`),
      rateLimit: p(`INSERT OR IGNORE INTO rate_limit_messages (event_id, session_id, ts, windows, plan_type) VALUES (?, ?, ?, ?, ?)`),
      snapshot: p(
        `INSERT OR IGNORE INTO status_snapshots (event_id, session_id, ts, form, model, input, cached_input, output, reasoning_output, total, blended_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      ),
      // UNIQUE (path, line, reason) lets NULL lines repeat: a file-wide problem seen again by each
      // re-run is checked for explicitly.
      error: p(`INSERT OR IGNORE INTO ingest_errors (file_id, path, line, reason, at) SELECT @file_id, @path, @line, @reason, @at
        WHERE NOT EXISTS (SELECT 1 FROM ingest_errors WHERE path = @path AND line IS @line AND reason = @reason)`)
    }
  }

  /** Before each batch of one file: the first cwd the batch gives each log session id (see SessionIdentity). */
  beginBatch(cwds: Map<string, string>): void {
    this.boundCaches()
    this.identity.beginBatch(cwds)
    this.checkKeyFilter()
    // A block left open belonged to a batch whose transaction did not commit.
    this.rawBlocks.discard()
  }

  /**
   * Writes the batch's last block of raw lines, and moves the store's generation for the rows the
   * batch inserted (src/store/generation.ts: the tables this writer fills have no insert trigger);
   * called at the end of each batch, inside its transaction.
   */
  flushRawLines(): void {
    this.rawBlocks.close()
    this.moveGeneration()
  }

  /** The stored session the records `fileId` gives under the log's session id `logId` go to. */
  sessionFor(fileId: number, logId: string): string {
    return this.identity.resolve(fileId, logId)
  }

  /** Writes a session's facts; returns the stored session's id. */
  session(patch: SessionPatch, fileId: number): string {
    const n = (v: unknown) => (v === undefined ? null : v)
    const id = this.identity.resolve(fileId, patch.id)
    if (patch.cwd) this.identity.learnCwd(fileId, patch.id, patch.cwd)
    this.s.session.run({
      id,
      agent: patch.agent,
      agent_version: n(patch.agent_version),
      originator: n(patch.originator),
      source: n(patch.source),
      started_at: n(patch.started_at),
      ended_at: n(patch.ended_at),
      cwd: n(patch.cwd),
      repository_url: n(patch.repository_url),
      branch: n(patch.branch),
      commit_sha: n(patch.commit_sha),
      parent_id: n(patch.parent_id),
      parent_relation: n(patch.parent_relation),
      title: n(patch.title),
      reported_cost_usd: n(patch.reported_cost_usd),
      file_id: fileId
    })
    return id
  }

  /**
   * Returns false when the event was already stored (a re-run or a concurrent ingest).
   * `payloadJson` is `storedPayload(ev.payload)`, made by the parse stage off this thread.
   */
  event(fileId: number, agent: string, seq: number, ev: NormalizedEvent, raw: string | null, payloadJson: string): boolean {
    const s = this.s
    const p = ev.payload
    const sid = this.identity.resolve(fileId, ev.session_id)
    let replayed = ev.replayed ?? false
    const key = ev.dedupe_key
    if (key) {
      const keys = this.keys
      if (!replayed && (keys === null || keys.mayHold(key)) && (s.seenKeyBefore.get(key, fileId) || s.seenKeyAfter.get(key, fileId))) replayed = true
      if (keys !== null) keys.add(key)
    }
    if (!this.ensured.has(sid)) {
      s.ensureSession.run(sid, agent, fileId)
      this.ensured.add(sid)
    }
    const personPrompt = p.kind === 'user_prompt' && !p.by_agent && !replayed
    let turn = this.currentTurn(sid)
    if (personPrompt) turn += 1
    const at = raw === null ? null : this.rawBlocks.next(fileId)
    const info = s.event.run(fileId, ev.line, seq, sid, turn, ev.ts, p.kind, payloadJson, at?.block ?? null, at?.item ?? null, replayed ? 1 : 0, key ?? null)
    if (info.changes === 0) return false
    if (raw !== null) this.rawBlocks.keep(raw)
    const id = Number(info.lastInsertRowid)
    const ts = ev.ts
    const r = replayed ? 1 : 0
    if (ts) this.trackTime(sid, ts)
    switch (p.kind) {
      case 'user_prompt':
        if (personPrompt) {
          this.turnCounters.set(sid, turn)
          s.turn.run(sid, turn, ts, id, null)
        }
        s.prompt.run(id, sid, personPrompt ? turn : 0, ts, p.text, p.by_agent ? 1 : 0, r)
        break
      case 'token_usage': {
        const d = p.delta
        s.tokens.run(
          id,
          sid,
          ts,
          p.model ?? null,
          d.input,
          d.cached_input,
          d.cache_write,
          d.output,
          d.reasoning_output,
          d.total,
          p.cumulative?.total ?? null,
          p.counted ? 1 : 0,
          replayed && !p.reason ? 'replay' : (p.reason ?? null),
          r
        )
        break
      }
      case 'turn_context':
        s.turnContext.run(id, sid, ts, p.model ?? null, p.cwd ?? null, p.approval_policy ?? null, p.sandbox_policy ?? null, p.effort ?? null)
        break
      case 'reasoning':
        s.reasoning.run(id, sid, ts, p.text, p.encrypted ? 1 : 0, p.encrypted_bytes)
        break
      case 'plan_update':
        s.plan.run(id, sid, ts, p.explanation ?? null, JSON.stringify(p.steps))
        break
      case 'tool_call':
        s.call.run(id, sid, ts, p.call_id ?? null, p.name, p.tool_type, p.arguments, p.command ?? null, r)
        break
      case 'tool_result':
        s.result.run(id, sid, ts, p.call_id ?? null, p.output, p.exit_code ?? null, p.duration_ms ?? null, p.status ?? null)
        break
      case 'file_change':
        if (!replayed && p.path) s.touched.run(id, sid, p.path, p.change)
        break
      case 'rate_limit':
        s.rateLimit.run(id, sid, ts, JSON.stringify(p.windows), p.plan_type ?? null)
        break
      case 'status_snapshot':
        s.snapshot.run(
          id,
          sid,
          ts,
          p.form,
          p.model ?? null,
          p.input ?? null,
          p.cached_input ?? null,
          p.output ?? null,
          p.reasoning_output ?? null,
          p.total ?? null,
          p.blended_total ?? null
        )
        break
    }
    return true
  }

  error(fileId: number | null, path: string, line: number | null, reason: string): void {
    this.s.error.run({ file_id: fileId, path, line, reason, at: new Date().toISOString() })
  }

  /** Writes the first and last times seen per session; called at the end of each batch. */
  flushTimes(): void {
    for (const [sid, ts] of this.lastTs) {
      this.s.endedAt.run(ts, sid, ts)
    }
    this.lastTs.clear()
  }

  /**
   * Called inside each batch's write transaction, where no other connection can commit: the filter
   * starts only on a store holding no keyed row, and ends as soon as another connection has
   * written (two ingests at once), after which every key is looked up as before.
   */
  private checkKeyFilter(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number
    if (!this.keysDecided) {
      this.keysDecided = true
      if (this.s.anyKey.get() === undefined) this.keys = new KeyFilter()
    } else if (version !== this.dataVersion) {
      this.keys = null
    }
    this.dataVersion = version
  }

  private trackTime(sid: string, ts: string): void {
    const prev = this.lastTs.get(sid)
    if (!prev) this.s.startedAt.run(ts, sid)
    if (!prev || ts > prev) this.lastTs.set(sid, ts)
  }

  private currentTurn(sid: string): number {
    let n = this.turnCounters.get(sid)
    if (n === undefined) {
      n = (this.s.maxTurn.get(sid) as { n: number }).n
      this.turnCounters.set(sid, n)
    }
    return n
  }

  /**
   * The per-session caches (and the identity's per-file answers) hold what the store holds too, for
   * the sessions written since they were last emptied: past `CACHED_SESSIONS` they are emptied,
   * between two batches, and asked of the store again. A first ingest of many small files, a
   * session or more each, grew them by a few hundred bytes a file.
   */
  private boundCaches(): void {
    if (this.ensured.size > CACHED_SESSIONS || this.turnCounters.size > CACHED_SESSIONS || this.identity.size > CACHED_SESSIONS) {
      this.identity.forget()
      this.ensured.clear()
      this.turnCounters.clear()
    }
  }

  /** How many sessions and files' log ids the caches hold now (for the tests of their bound). */
  get cached(): number {
    return Math.max(this.ensured.size, this.turnCounters.size, this.identity.size)
  }

  /** Forgets cached counters; needed after another writer may have changed the same sessions. */
  reset(): void {
    this.identity.forget()
    this.rawBlocks.discard()
    this.ensured.clear()
    this.turnCounters.clear()
    this.lastTs.clear()
  }
}
