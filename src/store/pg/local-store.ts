import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../db.js'
import { connectPg, describeUrl, isPostgresUrl } from './connect.js'
import { pushStore, type PushResult } from './push.js'
import { snapshotPg } from './snapshot.js'

/** Where a command's store is: `--db`, else AI_LOG_TRAIL_DATABASE_URL, else the command's default file. */
export function storeTarget(db: string | undefined, fallback: string): string {
  return db ?? process.env.AI_LOG_TRAIL_DATABASE_URL ?? fallback
}

/**
 * How a command uses its store: `read` works on a private snapshot of a PostgreSQL store and drops
 * it; `write` ingests into a private, empty staging store and pushes what it holds.
 */
export type StoreUse = 'read' | 'write'

/**
 * Runs `fn` on a SQLite store file: `target` itself when it is a file, or, for a postgres:// URL,
 * a private SQLite file standing in for the PostgreSQL store (`snapshot.ts`, `push.ts`), so every
 * command keeps its one synchronous code path. The file is deleted afterwards, whatever happens.
 */
export async function withLocalStore<T>(
  target: string,
  use: StoreUse,
  fn: (path: string) => Promise<T> | T,
  onPushed?: (r: PushResult, where: string) => void
): Promise<T> {
  if (!isPostgresUrl(target)) return fn(target)
  const dir = mkdtempSync(join(tmpdir(), 'ai-log-trail-pg-'))
  const path = join(dir, 'store.sqlite')
  try {
    const client = await connectPg(target)
    try {
      if (use === 'write') openStore(path).close()
      else await snapshotPg(client, path)
    } finally {
      await client.end()
    }
    const result = await fn(path)
    if (use === 'write') {
      // A second connection: the command may run for long, and an idle one may have been dropped.
      const push = await connectPg(target)
      const source = openStore(path, { readonly: true })
      try {
        onPushed?.(await pushStore(source, push), describeUrl(target))
      } finally {
        source.close()
        await push.end()
      }
    }
    return result
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * For a command that keeps its store open past its return (`review` serves it until stopped): a
 * private snapshot of the PostgreSQL store at `target` and a function that deletes it, or `target`
 * itself when it is a file.
 */
export async function localSnapshot(target: string): Promise<{ path: string; dispose: () => void }> {
  if (!isPostgresUrl(target)) return { path: target, dispose: () => undefined }
  const dir = mkdtempSync(join(tmpdir(), 'ai-log-trail-pg-'))
  const dispose = () => rmSync(dir, { recursive: true, force: true })
  const path = join(dir, 'store.sqlite')
  try {
    const client = await connectPg(target)
    try {
      await snapshotPg(client, path)
    } finally {
      await client.end()
    }
  } catch (e) {
    dispose()
    throw e
  }
  return { path, dispose }
}
