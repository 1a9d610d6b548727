// First: in the Action's bundle the worker is a bundle entry of its own, with its own globals.
import '../esm-dirname-shim.js'
import { parentPort, workerData } from 'node:worker_threads'
import { openStore } from '../store/db.js'
import { ingestOnThisThread } from './ingest.js'
import type { CommittedPart } from './committed-part.js'
import { INGEST_WORKER_ROLE, type FromIngestWorker, type IngestRequest } from './ingest-thread.js'
import { toWire } from '../worker/wire.js'
import { HeldBytesReached } from './held-bytes.js'

/**
 * The ingest's worker (see ingest-thread.ts): opens the store by its path, ingests, posts the
 * progress and what each commit stored, then the result or the error, and ends.
 */

const request = workerData as IngestRequest | null
if (parentPort && request?.role === INGEST_WORKER_ROLE) void serve(parentPort, request)

async function serve(port: NonNullable<typeof parentPort>, r: IngestRequest): Promise<void> {
  const post = (m: FromIngestWorker) => port.postMessage(m)
  try {
    const db = openStore(r.database, { migrateTo: r.schemaVersion })
    try {
      const onProgress = r.progress ? (p: { file: string; bytes: number }) => post({ type: 'progress', ...p }) : undefined
      const onCommit = (part: CommittedPart) => post({ type: 'committed', part })
      const options = { ...r.options, worker: parseWorkerWanted(r.options.worker), onProgress }
      const hooks = { onCommit, readBefore: r.readBefore, maxHeldBytes: r.maxHeldBytes }
      try {
        post({ type: 'done', result: await ingestOnThisThread(db, r.paths, options, hooks) })
      } catch (e) {
        if (!(e instanceof HeldBytesReached)) throw e
        post({ type: 'needs-heap', file: e.file, over: e.over })
      }
    } finally {
      db.close()
    }
  } catch (e) {
    post({ type: 'failed', error: toWire(e) })
  }
}

/**
 * Here the parse worker is off unless asked for (the option, or `AI_LOG_TRAIL_PARSE_WORKER=1`):
 * its isolate costs more memory than the peak RSS target leaves, for a small gain in time
 * (docs/performance.md, "Peak RSS").
 */
function parseWorkerWanted(option: boolean | undefined): boolean {
  return option ?? process.env.AI_LOG_TRAIL_PARSE_WORKER === '1'
}
