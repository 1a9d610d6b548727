import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks'
import { getHeapStatistics } from 'node:v8'
import type { Snapshot } from './database.js'

/**
 * The ingest's worker runs first with its old generation capped (ingest-thread.ts). V8 lets one
 * allocation overshoot a worker's cap by only a little: one string, buffer or parsed tree larger
 * than that ends the whole process, not just the worker. So on that first attempt nothing is
 * read whose size is over `HELD_BYTES`: a line, a whole-file document or a database over it ends
 * the attempt before it is allocated; what the attempt wrote since its last commit is given up,
 * and the ingest goes on without the cap from that commit. The bound is a quarter of that overshoot: a line's text (two bytes
 * a character at worst), its parsed tree and its stored payload are each about the line's size.
 */
export const HELD_BYTES = 4 * 1024 * 1024

/** What ended a read on the capped attempt: the file's line (null: the whole file) and its size. */
export interface OverHeld {
  line: number | null
  bytes: number
  /** Not one thing over the bound: the heap stayed near its limit (`bytes` in use after a full collection). */
  heap?: true
}

/** Thrown by an ingest that stopped at something over its bound, its last commit kept. */
export class HeldBytesReached extends Error {
  constructor(
    readonly file: string,
    readonly over: OverHeld
  ) {
    super(
      over.heap
        ? `the capped heap stayed near its limit at ${file} (${over.bytes} bytes in use after a full collection)`
        : `${file}${over.line !== null ? `:${over.line}` : ''} holds ${over.bytes} bytes at once, over the ${HELD_BYTES}-byte bound of a capped heap`
    )
  }
}

/** The bytes of a database's private copy (its file and any journal beside it). */
export function snapshotBytes(s: Snapshot): number {
  let n = 0
  for (const name of readdirSync(s.dir)) n += statSync(join(s.dir, name)).size
  return n
}

/**
 * The share of the capped heap's limit that may stay in use after a full collection before the
 * capped attempt stops at its next batch. Past it V8 collects again and again for each small
 * allocation (its helper threads as busy as the ingest, which slowed to a quarter), then runs out
 * late, after hours of such work; stopping early hands the rest to the uncapped attempt at once.
 */
export const HEAP_STOP_SHARE = 0.8

/**
 * Watches the heap a capped attempt runs in: `near` once what a full collection left in use is
 * over `HEAP_STOP_SHARE` of the heap's limit.
 */
export class HeapWatch {
  near: OverHeld | null = null
  private readonly observer: PerformanceObserver
  private readonly limit = getHeapStatistics().heap_size_limit

  constructor(private readonly share = stopShare()) {
    this.observer = new PerformanceObserver((list) => {
      if (this.near || !list.getEntries().some(isFullCollection)) return
      const used = getHeapStatistics().used_heap_size
      if (used > this.share * this.limit) this.near = { line: null, bytes: used, heap: true }
    })
    this.observer.observe({ entryTypes: ['gc'] })
  }

  stop(): void {
    this.observer.disconnect()
  }
}

/** `HEAP_STOP_SHARE`, or `AI_LOG_TRAIL_INGEST_HEAP_STOP_SHARE` (0 to 1) for the tests of a stop. */
function stopShare(): number {
  const share = Number(process.env.AI_LOG_TRAIL_INGEST_HEAP_STOP_SHARE || NaN)
  return share >= 0 && share <= 1 ? share : HEAP_STOP_SHARE
}

function isFullCollection(e: PerformanceEntry): boolean {
  return ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? null) === constants.NODE_PERFORMANCE_GC_MAJOR
}
