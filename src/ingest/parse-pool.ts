import { Worker } from 'node:worker_threads'
import { parseFile, type FileJob, type ParsedBatch } from './parse-file.js'
import { PARSE_WORKER_ROLE, type FromWorker, type ToWorker } from './parse-worker.js'
import { workerScript } from '../worker/wire.js'

/**
 * Runs the parse stage of an ingest either on this thread or on a worker thread, yielding every
 * job's batches in job order either way. With a worker, parsing the next batch overlaps with the
 * caller writing this one to SQLite: the second core does the JSON work.
 */

/** Jobs handed to the worker ahead of the one being written (each is a few hundred bytes). */
const LOOKAHEAD_JOBS = 64

export interface Planned {
  job: FileJob
}

export async function* parseJobs<P extends Planned>(
  plans: AsyncIterable<P>,
  onWorker: boolean,
  started: (where: 'worker' | 'thread') => void
): AsyncGenerator<{ plan: P; batch: ParsedBatch }> {
  const worker = onWorker ? startWorker() : null
  started(worker ? 'worker' : 'thread')
  if (!worker) {
    for await (const plan of plans) for await (const batch of parseFile(plan.job)) yield { plan, batch }
    return
  }
  const inbox = new Inbox(worker)
  const sent: P[] = []
  const upcoming = plans[Symbol.asyncIterator]()
  let more = true
  const fill = async () => {
    while (more && sent.length < LOOKAHEAD_JOBS) {
      const next = await upcoming.next()
      if (next.done) more = false
      else {
        worker.postMessage({ type: 'job', job: next.value.job } satisfies ToWorker)
        sent.push(next.value)
      }
    }
  }
  try {
    await fill()
    while (sent.length > 0) {
      const batch = await inbox.next()
      worker.postMessage({ type: 'ack' } satisfies ToWorker)
      yield { plan: sent[0], batch }
      if (batch.last) {
        sent.shift()
        await fill()
      }
    }
  } finally {
    await worker.terminate()
  }
}

/**
 * The worker script sits beside this module (lib/ingest/parse-worker.js) or, in the Action's
 * bundle, in its own bundle beside dist/index.js, which is beside the ingest worker's bundle
 * (dist/ingest-worker/index.js) when the ingest runs there. Where none exists (tests running the
 * TypeScript sources) parsing stays on this thread.
 */
const SCRIPT_PLACES = ['./parse-worker.js', './parse-worker/index.js', '../parse-worker/index.js']

function startWorker(): Worker | null {
  const script = workerScript(import.meta.url, SCRIPT_PLACES)
  // None of the parent's Node flags: some do not apply to a worker script (`--input-type` of a
  // parent run with `-e` makes the worker fail to start) and the parse stage needs none.
  // Parsing makes garbage fast, and V8 then grows the young generation to 100 MB and more;
  // 48 MB keeps the worker's share of the ingest's peak RSS down by about 70 MB at the same speed
  // (200 MB bench corpus).
  return script ? new Worker(script, { workerData: { role: PARSE_WORKER_ROLE }, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 48 } }) : null
}

/** Batches the worker posted, in order; a worker that dies fails the ingest with its reason. */
class Inbox {
  private queue: ParsedBatch[] = []
  private waiting: { resolve: (b: ParsedBatch) => void; reject: (e: Error) => void } | null = null
  private failure: Error | null = null

  constructor(worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      if (this.waiting) {
        this.waiting.resolve(m.batch)
        this.waiting = null
      } else this.queue.push(m.batch)
    })
    const fail = (e: Error) => {
      this.failure = e
      this.waiting?.reject(e)
      this.waiting = null
    }
    worker.on('error', (e) => fail(new Error(`parse worker failed: ${e.message}`)))
    worker.on('exit', (code) => fail(new Error(`parse worker exited (code ${code})`)))
  }

  next(): Promise<ParsedBatch> {
    const b = this.queue.shift()
    if (b) return Promise.resolve(b)
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }))
  }
}
