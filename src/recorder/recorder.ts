import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { appendLine } from './append.js'
import { fitRecord } from './fit.js'
import {
  RECORD_VERSION,
  RECORDER_FORMAT,
  type ActionMetadata,
  type ActionRecord,
  type RecorderRecord,
  type RecordType,
  type SessionEndRecord,
  type SessionStartRecord
} from './format.js'
import { checkSessionId, resolveOptions, type RecorderOptions, type ResolvedOptions } from './options.js'

export interface Recorder extends AsyncDisposable {
  readonly path: string
  /** The current (or next) session's id. */
  readonly sessionId: string
  /** With `dryRun`, every record built so far, as it would have been written; otherwise empty. */
  readonly records: readonly RecorderRecord[]
  /** Writes `session_start`. Optional: the first `action()` or `end()` starts the session itself. */
  start(sessionId?: string): Promise<SessionStartRecord>
  /** Writes one `action`. Records are written in call order even when calls are not awaited. */
  action(name: string, statement: string, metadata?: ActionMetadata): Promise<ActionRecord>
  /** Writes `session_end`; resolves to null when the session was already ended. */
  end(summary?: string): Promise<SessionEndRecord | null>
  /** Ends the session (`closed_by: "dispose"`) unless `end()` did, and waits for every pending write. */
  [Symbol.asyncDispose](): Promise<void>
}

type State = 'idle' | 'open' | 'closed'

/** A JSON copy: what is recorded is exactly what is written, and a value JSON cannot hold fails here, not in the file. */
function jsonMetadata(m: ActionMetadata | undefined): ActionMetadata | undefined {
  if (m === undefined) return undefined
  try {
    const copy: unknown = JSON.parse(JSON.stringify(m) ?? 'null')
    return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? (copy as ActionMetadata) : { value: copy }
  } catch (e) {
    // A log line must not make the work fail; say what was lost instead.
    return { unserializable: e instanceof Error ? e.message : String(e) }
  }
}

class NdjsonRecorder implements Recorder {
  private state: State = 'idle'
  private seq = 0
  private id: string
  /** Serializes appends so records land in call order; a failed write does not block later ones. */
  private pending: Promise<void> = Promise.resolve()
  private kept: RecorderRecord[] = []

  constructor(private o: ResolvedOptions) {
    this.id = o.sessionId
  }

  get path(): string {
    return this.o.path
  }

  get sessionId(): string {
    return this.id
  }

  get records(): readonly RecorderRecord[] {
    return this.kept
  }

  // The public methods are async so that any failure is a rejection, never a throw; everything
  // before their first `await` (state, seq, queueing the write) still runs at call time, in order.
  async start(sessionId?: string): Promise<SessionStartRecord> {
    if (this.state === 'open') throw new Error(`recorder: session ${this.id} is already open; end() it before starting another`)
    return this.write(this.begin(sessionId))
  }

  async action(name: string, statement: string, metadata?: ActionMetadata): Promise<ActionRecord> {
    if (this.state === 'closed') throw new Error(`recorder: session ${this.id} has ended; start() another to record more`)
    if (typeof name !== 'string' || name === '') throw new Error('recorder: an action needs a name')
    const started = this.state === 'idle' ? this.write(this.begin()) : undefined
    const meta = jsonMetadata(metadata)
    return this.after(
      started,
      this.write({ ...this.base('action'), name, statement: String(statement ?? ''), ...(meta !== undefined ? { metadata: meta } : {}) })
    )
  }

  async end(summary?: string): Promise<SessionEndRecord | null> {
    return this.close('end', summary)
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close('dispose')
    await this.pending
  }

  private async close(by: SessionEndRecord['closed_by'], summary?: string): Promise<SessionEndRecord | null> {
    if (this.state === 'closed') return null
    // A recorder that ends before doing anything still leaves a (short) session: it ran.
    const started = this.state === 'idle' ? this.write(this.begin()) : undefined
    this.state = 'closed'
    return this.after(started, this.write({ ...this.base('session_end'), ...(summary !== undefined ? { summary: String(summary) } : {}), closed_by: by }))
  }

  /**
   * Waits for an implicit session_start too, so its failure is reported, not left unhandled; and
   * settles only once the call's own record is written (or not), whichever failed first.
   */
  private async after<R>(started: Promise<SessionStartRecord> | undefined, written: Promise<R>): Promise<R> {
    if (!started) return written
    const [s, w] = await Promise.allSettled([started, written])
    if (s.status === 'rejected') throw s.reason
    if (w.status === 'rejected') throw w.reason
    return w.value
  }

  /** Opens a session synchronously, so calls made without awaiting keep their order. */
  private begin(sessionId?: string): SessionStartRecord {
    if (sessionId !== undefined) this.id = checkSessionId(sessionId, 'start(sessionId)')
    // A second session of the same recorder never reuses the first one's id.
    else if (this.state === 'closed') this.id = randomUUID()
    this.state = 'open'
    this.seq = 0
    const { agent, cwd } = this.o
    return {
      ...this.base('session_start'),
      ...(agent !== undefined ? { agent } : {}),
      ...(cwd !== undefined ? { cwd } : {})
    } as SessionStartRecord
  }

  private base<T extends RecordType>(type: T): { v: typeof RECORD_VERSION; type: T; ts: string; session_id: string; seq: number; pid?: number } {
    const pid = this.o.pid
    return {
      v: RECORD_VERSION,
      type,
      // The marker goes right after the type so a person (or `head -c 80`) sees what the file is.
      ...(type === 'session_start' ? { format: RECORDER_FORMAT } : {}),
      ts: this.o.clock().toISOString(),
      session_id: this.id,
      seq: this.seq++,
      ...(pid !== undefined ? { pid } : {})
    }
  }

  private write<R extends RecorderRecord>(rec: R): Promise<R> {
    let fitted: { record: R; line: string }
    try {
      fitted = fitRecord(rec, this.o.maxRecordBytes)
    } catch (e) {
      return Promise.reject(e)
    }
    const { record, line } = fitted
    if (this.o.dryRun) {
      this.kept.push(record)
      return Promise.resolve(record)
    }
    const written = this.pending.then(() => appendLine(this.o.path, line, this.o.maxBytes))
    this.pending = written.catch(() => undefined)
    return written.then(() => record)
  }
}

/**
 * Opens a recorder on an NDJSON file (creating its folder). Nothing is written until the first
 * `start()`, `action()` or `end()`. Use it with `await using` so the session is ended even when
 * the work throws.
 */
export async function openRecorder(opts: RecorderOptions): Promise<Recorder> {
  const o = resolveOptions(opts)
  if (!o.dryRun) await mkdir(dirname(o.path), { recursive: true })
  return new NdjsonRecorder(o)
}
