/**
 * The recorder's on-disk format: NDJSON, one record per line. The source that reads it back
 * (`src/sources/recorder/ndjson.ts`) imports these constants, so writer and reader cannot drift apart.
 */

/** Written on every `session_start`, so files are recognized by content, never by name. */
export const RECORDER_FORMAT = 'ai-log-trail-recorder'
/** Bumped only for a change an older reader would misread; new optional fields do not bump it. */
export const RECORD_VERSION = 1

export type RecordType = 'session_start' | 'action' | 'session_end'
export const RECORD_TYPES: readonly RecordType[] = ['session_start', 'action', 'session_end']

/** Free-form JSON describing an action. `shell: true` marks `statement` as a shell command line. */
export type ActionMetadata = Record<string, unknown>

interface RecordBase {
  v: typeof RECORD_VERSION
  type: RecordType
  /** UTC ISO-8601 with milliseconds. */
  ts: string
  session_id: string
  /** 0 for `session_start`, then +1 per record this process wrote for the session. */
  seq: number
  /** Tells apart two processes writing records of the same session. */
  pid?: number
  /** Fields cut to keep the line under the record cap (see `fit.ts`). */
  truncated?: string[]
}

export interface SessionStartRecord extends RecordBase {
  type: 'session_start'
  format: typeof RECORDER_FORMAT
  /** Name of the script or agent that records, e.g. `deploy-script`. */
  agent?: string
  cwd?: string
}

export interface ActionRecord extends RecordBase {
  type: 'action'
  name: string
  statement: string
  metadata?: ActionMetadata
}

export interface SessionEndRecord extends RecordBase {
  type: 'session_end'
  summary?: string
  /** `dispose`: the session was closed by `await using`/`[Symbol.asyncDispose]`, not by `end()` (often: the work threw). */
  closed_by: 'end' | 'dispose'
}

export type RecorderRecord = SessionStartRecord | ActionRecord | SessionEndRecord

export function serializeRecord(rec: RecorderRecord): string {
  return `${JSON.stringify(rec)}\n`
}
