import { openStore } from '../db.js'
import { SCHEMA_VERSION } from '../migrations.js'
import { parentsFirst, sqliteSchemaShape } from '../schema-shape.js'
import { ident, type PgClient } from './connect.js'
import { LOCAL_ONLY_TABLES } from './natural-keys.js'
import { pgSchemaVersion } from './schema.js'

const FETCH = 2000

/**
 * Writes the PostgreSQL store into a new SQLite store at `path`, ids and all, so the commands that
 * read a store (sessions, report, dry-run, export) run their own synchronous code on it and give
 * the same numbers as on a SQLite store by construction. Read in one repeatable-read transaction:
 * writers pushing meanwhile are seen entirely or not at all.
 */
export async function snapshotPg(client: PgClient, path: string): Promise<{ rows: number }> {
  const version = await pgSchemaVersion(client)
  if (version !== SCHEMA_VERSION)
    throw new Error(
      version === 0
        ? 'the PostgreSQL store has no schema yet: ingest into it first'
        : `the PostgreSQL store is at schema version ${version}, this ai-log-trail reads ${SCHEMA_VERSION}: ${version < SCHEMA_VERSION ? 'ingest into it once with this version to upgrade it' : 'upgrade ai-log-trail'}`
    )
  const db = openStore(path)
  let rows = 0
  try {
    const shape = sqliteSchemaShape(db)
    // Rows arrive table by table; the store they come from has checked the references already.
    db.pragma('foreign_keys = OFF')
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
      for (const table of parentsFirst(shape)) {
        if (LOCAL_ONLY_TABLES.has(table)) continue
        const names = shape[table].columns.map((c) => ident(c.name)).join(', ')
        const insert = db.prepare(`INSERT INTO ${ident(table)} (${names}) VALUES (${shape[table].columns.map(() => '?').join(', ')})`)
        await client.query(`DECLARE snapshot_rows NO SCROLL CURSOR FOR SELECT ${names} FROM ${ident(table)}`)
        for (;;) {
          const r = await client.query({ text: `FETCH ${FETCH} FROM snapshot_rows`, rowMode: 'array' })
          db.transaction(() => {
            for (const row of r.rows as unknown[][]) insert.run(...row)
          })()
          rows += r.rows.length
          if (r.rows.length < FETCH) break
        }
        await client.query('CLOSE snapshot_rows')
      }
      await client.query('COMMIT')
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    }
    db.pragma('foreign_keys = ON')
  } finally {
    db.close()
  }
  return { rows }
}
