import { randomUUID } from 'node:crypto'
import { DEFAULT_MAX_RECORD_BYTES, MIN_MAX_RECORD_BYTES } from './fit.js'

export const ENV_SESSION_ID = 'AI_LOG_TRAIL_SESSION_ID'
export const ENV_MAX_BYTES = 'AI_LOG_TRAIL_NDJSON_MAX_BYTES'
/** Ids are copied into every record; a bound keeps every record able to fit its cap. */
const MAX_SESSION_ID_LENGTH = 256

export interface RecorderOptions {
  /** The NDJSON file to append to; its folder is created if missing. */
  path: string
  /** Default: `AI_LOG_TRAIL_SESSION_ID`, else a new random UUID. */
  sessionId?: string
  /** Rotate before a record would take the file past this size. Default: `AI_LOG_TRAIL_NDJSON_MAX_BYTES`, else never. */
  maxBytes?: number
  /** Build and return records, write nothing (no folder, no file). */
  dryRun?: boolean
  /** Name of the script or agent that records, written on `session_start`. */
  agent?: string
  /** Source of record times. Default: `() => new Date()`. */
  clock?: () => Date
  /** Cap on one record's line, in bytes; longer free text is cut with a marker. Default 16 KiB, minimum 1 KiB. */
  maxRecordBytes?: number
  /** Written on every record. Default `process.pid`; set it (or `null` to omit) for reproducible output. */
  pid?: number | null
  /** Written on `session_start`. Default `process.cwd()`; `null` omits it. */
  cwd?: string | null
}

export interface ResolvedOptions {
  path: string
  sessionId: string
  maxBytes: number | undefined
  dryRun: boolean
  agent: string | undefined
  clock: () => Date
  maxRecordBytes: number
  pid: number | undefined
  cwd: string | undefined
}

export function checkSessionId(id: string, from: string): string {
  if (id.length === 0 || id.length > MAX_SESSION_ID_LENGTH) throw new Error(`recorder: ${from} must be 1 to ${MAX_SESSION_ID_LENGTH} characters`)
  return id
}

function positiveInt(v: number, from: string): number {
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`recorder: ${from} must be a positive whole number of bytes, got ${v}`)
  return v
}

function envMaxBytes(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[ENV_MAX_BYTES]?.trim()
  if (!raw) return undefined
  // Misconfiguration fails at open, before the work starts, rather than silently never rotating.
  if (!/^\d+$/.test(raw)) throw new Error(`recorder: ${ENV_MAX_BYTES} must be a whole number of bytes, got "${raw}"`)
  return positiveInt(Number(raw), ENV_MAX_BYTES)
}

export function resolveOptions(opts: RecorderOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  if (!opts.path) throw new Error('recorder: path is required')
  const envId = env[ENV_SESSION_ID]?.trim()
  const sessionId = opts.sessionId !== undefined ? checkSessionId(opts.sessionId, 'sessionId') : envId ? checkSessionId(envId, ENV_SESSION_ID) : randomUUID()
  const maxRecordBytes = positiveInt(opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, 'maxRecordBytes')
  if (maxRecordBytes < MIN_MAX_RECORD_BYTES) throw new Error(`recorder: maxRecordBytes must be at least ${MIN_MAX_RECORD_BYTES}`)
  return {
    path: opts.path,
    sessionId,
    maxBytes: opts.maxBytes !== undefined ? positiveInt(opts.maxBytes, 'maxBytes') : envMaxBytes(env),
    dryRun: opts.dryRun ?? false,
    agent: opts.agent,
    clock: opts.clock ?? (() => new Date()),
    maxRecordBytes,
    pid: opts.pid === null ? undefined : (opts.pid ?? process.pid),
    cwd: opts.cwd === null ? undefined : (opts.cwd ?? process.cwd())
  }
}
