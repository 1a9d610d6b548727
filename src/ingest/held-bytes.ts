import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
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
}

/** Thrown by an ingest that stopped at something over its bound, its last commit kept. */
export class HeldBytesReached extends Error {
  constructor(
    readonly file: string,
    readonly over: OverHeld
  ) {
    super(`${file}${over.line !== null ? `:${over.line}` : ''} holds ${over.bytes} bytes at once, over the ${HELD_BYTES}-byte bound of a capped heap`)
  }
}

/** The bytes of a database's private copy (its file and any journal beside it). */
export function snapshotBytes(s: Snapshot): number {
  let n = 0
  for (const name of readdirSync(s.dir)) n += statSync(join(s.dir, name)).size
  return n
}
