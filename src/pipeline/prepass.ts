import { Worker } from 'node:worker_threads'
import { openStore, schemaVersion, type Db } from '../store/db.js'
import { sessionsReadToEnd } from '../store/prepass-sessions.js'
import { heldRedactionCache, redactionCache, type RedactionCache } from '../redact/cached-findings.js'
import { reportRedactor } from '../redact/policy.js'
import type { Scope } from '../scope/types.js'
import { selectFrameHead, showsTurns } from '../select/select.js'
import { DEFAULT_FIELD_CHARS, selectTurns } from '../select/turns.js'
import { workerScript } from '../worker/wire.js'
import { filesCarryCommentTurns } from './comment-from-files.js'
import { COMMENT_CACHE_WINDOW } from './comment-window.js'
import type { ReportRequest } from './job.js'

/**
 * The redaction prepass: while the ingest writes on its worker, the caller's thread waits, so on
 * a worker of its own the texts of the sessions already committed are redacted as the report will
 * redact them, their findings kept in the redaction cache (src/redact/cached-findings.ts), and the
 * output dropped. The report after the ingest then replays those findings instead of scanning.
 * Nothing it makes is written but the cache's rows (positions and detector ids, never text); its
 * entries are keyed by the text, so a session that changed after it was redacted ahead (a file
 * read further, reconciliation) only misses. It may stop at any turn, fail or be left out: the
 * report redacts whatever the cache does not hold, so its output is the same either way.
 */

export const PREPASS_WORKER_ROLE = 'ai-log-trail-prepass'

/** What the report decides its texts by: the rules, the mode (which turns) and the filters (which sessions). */
export type PrepassJob = Pick<ReportRequest, 'config' | 'mode' | 'filters'>

export interface PrepassWorkerRequest {
  role: typeof PREPASS_WORKER_ROLE
  database: string
  schemaVersion: number
  job: PrepassJob
  /** One Int32: set to 1 (and notified) by the caller when the ingest is done; the worker stops at the next turn. */
  stop: SharedArrayBuffer
}

/** Sessions redacted ahead between two saves of the cache: each round's read transactions end with it. */
const ROUND = 50
/**
 * Entries the worker holds unwritten at most (a key, a digest and the positions of each: a few
 * hundred bytes); past it, it redacts no further and the report does the rest.
 */
const MAX_HELD = 60_000
/** How long the worker waits for more committed sessions when it has none. */
const POLL_MS = 100
/**
 * The ingest's time before the worker starts. A run with little to ingest (a warm run) ends
 * before it and pays nothing; a longer one lends the waiting core to the report.
 */
const START_AFTER_MS = 300
/** The worker's heap: as the report worker's first attempt (job-thread.ts). Out of it the worker ends and the report does the work. */
const YOUNG_MB = 8
const OLD_GENERATION_MB = 64

/**
 * Redacts, through the redaction cache, every text the report's redaction looks up for these
 * sessions (the files' report in `job.mode` at the default field window and, when the comment
 * is not cut from it, every turn at the comment's window), and drops the output and the
 * provenance. Stops between turns once `stopped()`. Returns the sessions redacted whole.
 */
export function redactAhead(
  db: Db,
  job: PrepassJob,
  ids: readonly string[],
  stopped: () => boolean = () => false,
  held: RedactionCache | null = null,
  onWhole: (id: string) => void = () => undefined
): number {
  const cache = held ?? redactionCache(db, job.config)
  if (!cache || ids.length === 0) return 0
  const mode = job.mode
  const scope: Scope = { kind: 'all', label: '', sessions: ids.map((id) => ({ id, reasons: [{ kind: 'all' }] })) }
  const frame = selectFrameHead(db, { mode, filters: { timezone: job.config.defaults.timezone, ...job.filters }, prices: job.config.pricing, scope })
  const redactor = reportRedactor(job.config, undefined, cache)
  const { maxFieldChars } = COMMENT_CACHE_WINDOW
  const commentOnItsOwn = !filesCarryCommentTurns(mode, maxFieldChars)
  let whole = 0
  try {
    for (const s of frame.sessions()) {
      if (stopped()) break
      if (showsTurns(mode))
        for (const t of selectTurns(db, s.id, mode !== 'prompts', DEFAULT_FIELD_CHARS)) {
          redactor.turn(s, t)
          if (stopped()) break
        }
      redactor.session(s, [])
      if (commentOnItsOwn)
        for (const t of selectTurns(db, s.id, true, maxFieldChars)) {
          redactor.turn(s, t)
          if (stopped()) break
        }
      // The provenance is the report's to record; what an include policy let through is the last check's.
      redactor.takeRecords()
      redactor.included.length = 0
      if (!stopped()) {
        whole++
        onWhole(s.id)
      }
      if (held && held.held >= MAX_HELD) break
    }
  } finally {
    if (held) held.pause()
    else cache.save()
  }
  return whole
}

/** The worker's loop: sessions committed to their files' end, redacted ahead a round at a time until told to stop. */
export function prepassUntilStopped(db: Db, job: PrepassJob, stop: Int32Array): number {
  const stopped = () => Atomics.load(stop, 0) !== 0
  // Held: the ingest holds the write lock but for an instant between its groups, so the entries
  // are written once it is done (the caller stops this worker only then).
  const cache = heldRedactionCache(db, job.config)
  if (!cache) return 0
  const done = new Set<string>()
  let whole = 0
  try {
    while (!stopped()) {
      const ready = cache.held < MAX_HELD ? sessionsReadToEnd(db).filter((id) => !done.has(id)) : []
      if (ready.length === 0) {
        Atomics.wait(stop, 0, 0, POLL_MS)
        continue
      }
      const round = ready.slice(0, ROUND)
      for (const id of round) done.add(id)
      whole += redactAhead(db, job, round, stopped, cache)
    }
  } finally {
    cache.save()
  }
  return whole
}

export interface Prepass {
  /** Tells the worker to stop and waits for it to end (its cache rows written). Never rejects. */
  stop(): Promise<void>
}

/**
 * Starts the prepass for a job's ingest, on a worker started only once the ingest has run for
 * START_AFTER_MS. Null when it cannot run: a store in memory, no worker script (tests running the
 * TypeScript sources), or turned off (`AI_LOG_TRAIL_PREPASS=0`).
 */
export function startPrepass(db: Db, job: PrepassJob): Prepass | null {
  if (process.env.AI_LOG_TRAIL_PREPASS === '0' || db.memory || db.readonly) return null
  const script = workerScript(import.meta.url, ['./job-worker.js', './job-worker/index.js'])
  if (!script) return null
  const stop = new SharedArrayBuffer(4)
  const flag = new Int32Array(stop)
  const request: PrepassWorkerRequest = { role: PREPASS_WORKER_ROLE, database: db.name, schemaVersion: schemaVersion(db), job, stop }
  let ended: Promise<void> | null = null
  const timer = setTimeout(() => {
    ended = runPrepassWorker(script, request)
  }, START_AFTER_MS)
  return {
    stop() {
      clearTimeout(timer)
      Atomics.store(flag, 0, 1)
      Atomics.notify(flag, 0)
      return ended ?? Promise.resolve()
    }
  }
}

function runPrepassWorker(script: string, request: PrepassWorkerRequest): Promise<void> {
  let worker: Worker
  try {
    // `AI_LOG_TRAIL_PREPASS_HEAP_MB` sets another cap of the old generation, for measuring.
    const oldMb = Number(process.env.AI_LOG_TRAIL_PREPASS_HEAP_MB) || OLD_GENERATION_MB
    worker = new Worker(script, {
      workerData: request,
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: oldMb }
    })
  } catch {
    return Promise.resolve()
  }
  return new Promise<void>((resolve) => {
    // Whatever ends it (done, a failure, out of memory), the report redacts what the cache lacks.
    worker.on('error', () => undefined)
    worker.on('exit', () => resolve())
  })
}

/** Sessions a round on the caller's thread redacts before it lets the event loop run (the ingest's messages). */
const THREAD_ROUND = 4

/**
 * The prepass on the caller's thread, which waits on the ingest's worker: no second isolate, but
 * the event loop runs only between rounds, so the ingest's end is seen a round late. Measured
 * beside the worker (docs/performance.md); chosen with `AI_LOG_TRAIL_PREPASS=thread`.
 */
export function prepassOnThisThread(db: Db, job: PrepassJob): Prepass | null {
  if (db.memory || db.readonly) return null
  let over = false
  let wake: (() => void) | null = null
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(t)
        resolve()
      }
    })
  const run = async () => {
    await sleep(START_AFTER_MS)
    if (over) return
    const conn = openStore(db.name, { migrateTo: schemaVersion(db), cacheKib: 4096 })
    try {
      const cache = heldRedactionCache(conn, job.config)
      if (!cache) return
      const done = new Set<string>()
      try {
        while (!over) {
          const ready = cache.held < MAX_HELD ? sessionsReadToEnd(conn).filter((id) => !done.has(id)) : []
          if (ready.length === 0) {
            await sleep(POLL_MS)
            continue
          }
          redactAhead(
            conn,
            job,
            ready.slice(0, THREAD_ROUND),
            () => over,
            cache,
            (id) => done.add(id)
          )
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
      } finally {
        cache.save()
      }
    } finally {
      conn.close()
    }
  }
  const ended = run().catch(() => undefined)
  return {
    stop() {
      over = true
      wake?.()
      return ended
    }
  }
}
