import { afterEach } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ingestPaths, type IngestOptions, type IngestResult } from '../src/ingest/ingest.js'
import { openStore, type Db } from '../src/store/db.js'
import { listSessions, type SessionSummary } from '../src/store/queries.js'
import type { CliIo } from '../src/cli/io.js'

export const repoRoot = resolve(import.meta.dirname, '..')
export const fixtures = join(repoRoot, 'fixtures')
/** Real agent logs beside the checkout; conformance tests skip when it is absent. */
export const samples = resolve(repoRoot, '..', 'shared', 'samples')
export const haveSamples = existsSync(samples)

export function tmpDir(prefix = 'alt-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export interface Ingested {
  db: Db
  result: IngestResult
  sessions: SessionSummary[]
  dir: string
  close(): void
}

/** Ingests paths into a fresh database file and lists its sessions. */
export async function ingestFresh(paths: string[], opts: IngestOptions = {}): Promise<Ingested> {
  const dir = tmpDir()
  const db = openStore(join(dir, 'test.sqlite'))
  const result = await ingestPaths(db, paths, opts)
  return {
    db,
    result,
    sessions: listSessions(db),
    dir,
    close() {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export function byId(sessions: SessionSummary[], id: string): SessionSummary {
  const s = sessions.find((x) => x.id === id || x.id.startsWith(id))
  if (!s) throw new Error(`no session ${id} among ${sessions.map((x) => x.id).join(', ')}`)
  return s
}

/** A CLI io that collects what a command writes, for in-process CLI tests. */
export function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out(t: string) {
      io.stdout += t
    },
    err(t: string) {
      io.stderr += t
    }
  }
  return io
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Stores and folders a test opens, undone after each test: `ingest` is `ingestFresh` whose store
 * is closed afterwards, `removeLater` deletes a folder the test made. Call it at a test file's top.
 */
export function cleanUpAfterEach(): { ingest(paths: string[], opts?: IngestOptions): Promise<Ingested>; removeLater(dir: string): void } {
  let open: Ingested[] = []
  let temp: string[] = []
  afterEach(() => {
    for (const i of open) i.close()
    for (const d of temp) rmSync(d, { recursive: true, force: true })
    open = []
    temp = []
  })
  return {
    async ingest(paths, opts = {}) {
      const i = await ingestFresh(paths, opts)
      open.push(i)
      return i
    },
    removeLater: (dir) => void temp.push(dir)
  }
}

/**
 * Runs `fn` and returns its result with the CPU time it took this process, in milliseconds. For
 * guards against a hang (catastrophic backtracking runs for minutes or never ends), never for a
 * speed target: those live in `npm run bench`. CPU time, not wall time: on a shared runner wall
 * time also counts the other processes' turns, and a test bounded by it fails under load.
 */
export function cpuMs<T>(fn: () => T): { ms: number; value: T } {
  const c0 = process.cpuUsage()
  const value = fn()
  const c = process.cpuUsage(c0)
  return { ms: (c.user + c.system) / 1000, value }
}

/** The CPU a hang guard allows: hundreds of times what each guarded call takes, a fraction of a hang. */
export const HANG_GUARD_MS = 10_000

/** The numbered e-mail tags on the lines of `text` that hold `anchor`, each once. */
export function emailTagsNear(text: string, anchor: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .filter((l) => l.includes(anchor))
        .flatMap((l) => l.match(/\[REDACTED:email#\d+\]/g) ?? [])
    )
  ]
}
