// First: in the Action's bundle the worker is a bundle entry of its own, with its own globals.
import '../esm-dirname-shim.js'
import { parentPort, workerData } from 'node:worker_threads'
import { parseFile, type FileJob, type ParsedBatch } from './parse-file.js'

/**
 * The parse worker: receives file jobs in order and posts their batches back in order. At most
 * `MAX_UNACKED` batches are in flight, so a slow writer bounds the worker's memory instead of
 * letting parsed batches pile up.
 */

export const PARSE_WORKER_ROLE = 'ai-log-trail-parse'
export const MAX_UNACKED = 2

export type ToWorker = { type: 'job'; job: FileJob } | { type: 'ack' }
export interface FromWorker {
  type: 'batch'
  batch: ParsedBatch
}

if (parentPort && (workerData as { role?: string } | null)?.role === PARSE_WORKER_ROLE) serve(parentPort)

function serve(port: NonNullable<typeof parentPort>): void {
  const jobs: FileJob[] = []
  let wakeJob: (() => void) | null = null
  let unacked = 0
  let wakeAck: (() => void) | null = null
  port.on('message', (m: ToWorker) => {
    if (m.type === 'job') {
      jobs.push(m.job)
      wakeJob?.()
    } else {
      unacked--
      wakeAck?.()
    }
  })
  const post = async (batch: ParsedBatch) => {
    while (unacked >= MAX_UNACKED) await new Promise<void>((r) => (wakeAck = r))
    unacked++
    port.postMessage({ type: 'batch', batch } satisfies FromWorker)
  }
  void (async () => {
    for (;;) {
      while (jobs.length === 0) await new Promise<void>((r) => (wakeJob = r))
      const job = jobs.shift() as FileJob
      for await (const batch of parseFile(job)) await post(batch)
    }
  })()
}
