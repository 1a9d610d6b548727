import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ingestPaths } from '../../ingest/ingest.js'
import type { Price } from '../../pricing/prices.js'
import { openStore, type Db } from '../db.js'
import { SCHEMA_VERSION } from '../migrations.js'
import { connectPg, describeUrl, isPostgresUrl, type PgClient } from './connect.js'
import { pgSchemaVersion } from './schema.js'
import { companionFiles, readFiles, seedFiles, unseed, type SeededFiles } from './staging.js'
import { pushStore, type PushResult } from './push.js'
import { snapshotPg } from './snapshot.js'

export { storeTarget } from './connect.js'

/**
 * How a command uses its store: `read` works on a private snapshot of a PostgreSQL store and drops
 * it; `write` ingests into a private, empty staging store and pushes what it holds.
 */
export type StoreUse = 'read' | 'write'

/**
 * Runs `fn` on a SQLite store file: `target` itself when it is a file, or, for a postgres:// URL,
 * a private SQLite file standing in for the PostgreSQL store (`snapshot.ts`, `push.ts`), so every
 * command keeps its one synchronous code path. The file is deleted afterwards, whatever happens.
 * `prices`: the config's price overrides, read only when something is pushed, for the sessions' cost.
 */
export async function withLocalStore<T>(
  target: string,
  use: StoreUse,
  fn: (path: string) => Promise<T> | T,
  onPushed?: (r: PushResult, where: string) => void,
  prices?: () => Record<string, Price>
): Promise<T> {
  if (!isPostgresUrl(target)) return fn(target)
  const dir = mkdtempSync(join(tmpdir(), 'ai-log-trail-pg-'))
  const path = join(dir, 'store.sqlite')
  try {
    let seeded: SeededFiles = new Map()
    const client = await connectPg(target)
    try {
      if (use === 'write') {
        const staging = openStore(path)
        try {
          // Only a store at this build's version is read from: one still being created or upgraded by
          // another writer may lack a table, and a writer that seeds nothing reads and pushes all.
          if ((await pgSchemaVersion(client)) === SCHEMA_VERSION) seeded = await seedFiles(client, staging)
        } finally {
          staging.close()
        }
      } else await snapshotPg(client, path)
    } finally {
      await client.end()
    }
    const result = await fn(path)
    if (use === 'write') {
      // A second connection: the command may run for long, and an idle one may have been dropped.
      const push = await connectPg(target)
      const staging = openStore(path)
      try {
        await readCompanions(push, staging, seeded)
        // Pushed first, reported after: `onPushed?.(await pushStore(…))` would skip the push itself
        // when nobody listens, since an optional call evaluates no argument.
        const pushed = await pushStore(staging, push, { staging: { seeded, read: readFiles(staging, seeded) }, prices: prices?.() })
        onPushed?.(pushed, describeUrl(target))
      } finally {
        staging.close()
        await push.end()
      }
    }
    return result
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Reads into the staging this machine's other files of the sessions it holds, until no session has one left unread (`staging.ts`). */
async function readCompanions(client: PgClient, staging: Db, seeded: SeededFiles): Promise<void> {
  if (seeded.size === 0) return
  // Each file once: one that cannot be read now (gone unrecognized, unreadable) is not asked for again.
  const tried = new Set<string>()
  for (;;) {
    const more = (await companionFiles(client, staging, seeded)).filter((p) => !tried.has(p))
    if (more.length === 0) return
    for (const p of more) tried.add(p)
    unseed(staging, more)
    await ingestPaths(staging, more)
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
