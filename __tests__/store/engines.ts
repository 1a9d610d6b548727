import { ingestPaths, type IngestResult } from '../../src/ingest/ingest.js'
import { openStore, type Db } from '../../src/store/db.js'
import { withLocalStore } from '../../src/store/pg/local-store.js'
import { freshDatabase, pgUrl } from '../pg/pg-helpers.js'
import { join } from 'node:path'
import { rmSync } from 'node:fs'
import { tmpDir } from '../helpers.js'

/*
 * The store's behaviour on both engines: a suite written against `EngineStore` runs once on a
 * SQLite file and, when the test cluster is there (AI_LOG_TRAIL_TEST_PG_URL), once on a
 * PostgreSQL database of its own, through the same code the commands use (`withLocalStore`).
 */

export type Engine = 'sqlite' | 'postgres'

/** The engines a suite runs on here: PostgreSQL only with the test cluster (pg-helpers.ts). */
export const ENGINES: Engine[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite']

export interface EngineStore {
  engine: Engine
  /** What `--db` takes: the file's path or the database's URL. */
  target: string
  ingest(paths: string[]): Promise<IngestResult>
  /** Runs `fn` on the store as a reading command sees it (for PostgreSQL, a private snapshot). */
  read<T>(fn: (db: Db) => T): Promise<T>
  drop(): Promise<void>
}

/** An empty store on `engine`: a new file, or a new database in the test cluster. */
export async function emptyStore(engine: Engine): Promise<EngineStore> {
  const dir = tmpDir('alt-engine-')
  const pg = engine === 'postgres' ? await freshDatabase() : null
  const target = pg ? pg.url : join(dir, 'store.sqlite')
  return {
    engine,
    target,
    ingest: (paths) =>
      withLocalStore(target, 'write', async (path) => {
        const db = openStore(path)
        try {
          return await ingestPaths(db, paths)
        } finally {
          db.close()
        }
      }),
    read: (fn) =>
      withLocalStore(target, 'read', (path) => {
        const db = openStore(path, { readonly: true })
        try {
          return fn(db)
        } finally {
          db.close()
        }
      }),
    async drop() {
      await pg?.drop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
