import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { SCHEMA_VERSION } from '../../src/store/migrations.js'
import { connectPg, type PgClient } from '../../src/store/pg/connect.js'
import { migratePg, PG_ONLY_TABLES, PG_SCHEMA_VERSION, pgMigrations, pgSchemaVersion } from '../../src/store/pg/schema.js'
import { pgSchemaShape } from '../../src/store/pg/schema-shape.js'
import { sqliteSchemaShape, type SchemaShape } from '../../src/store/schema-shape.js'
import { tmpDir } from '../helpers.js'
import { describePg, freshDatabase, type TestDatabase } from './pg-helpers.js'

/** A fresh SQLite store's shape: what every PostgreSQL store of the same version must equal. */
function sqliteShape(): SchemaShape {
  const d = tmpDir()
  try {
    const db = openStore(join(d, 'fresh.sqlite'))
    const shape = sqliteSchemaShape(db)
    db.close()
    return shape
  } finally {
    rmSync(d, { recursive: true, force: true })
  }
}

it('numbers the PostgreSQL migrations as the SQLite ones', () => {
  expect(PG_SCHEMA_VERSION).toBe(SCHEMA_VERSION)
  expect(pgMigrations.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))
})

describePg('the PostgreSQL schema', () => {
  let db: TestDatabase
  let client: PgClient
  beforeAll(async () => {
    db = await freshDatabase()
    client = await connectPg(db.url)
  })
  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it('equals a fresh SQLite store: tables, columns, types, NOT NULL, defaults, keys, indexes, foreign keys', async () => {
    expect(await pgSchemaVersion(client)).toBe(0)
    expect(await migratePg(client)).toBe(SCHEMA_VERSION)
    const pgShape = await pgSchemaShape(client, PG_ONLY_TABLES)
    const sqlite = sqliteShape()
    // Table by table first, so a failure names the table that differs.
    expect(Object.keys(pgShape).sort()).toEqual(Object.keys(sqlite).sort())
    for (const t of Object.keys(sqlite)) expect({ table: t, ...pgShape[t] }).toEqual({ table: t, ...sqlite[t] })
  })

  it('has nothing but its bookkeeping beside the shared tables', async () => {
    const all = await pgSchemaShape(client)
    expect(
      Object.keys(all)
        .filter((t) => !(t in sqliteShape()))
        .sort()
    ).toEqual([...PG_ONLY_TABLES].sort())
  })

  it('migrates again without change, and records each version once', async () => {
    expect(await migratePg(client)).toBe(SCHEMA_VERSION)
    // Ordered by the number, not its text: '11' sorts before '2'.
    const r = await client.query<{ version: string }>('SELECT version::text AS version FROM schema_version ORDER BY schema_version.version')
    expect(r.rows.map((x) => Number(x.version))).toEqual(pgMigrations.map((m) => m.version))
  })
})

describePg('the schema comparison', () => {
  it('fails when SQLite has a column PostgreSQL lacks', async () => {
    const d = tmpDir()
    const db = await freshDatabase()
    const client = await connectPg(db.url)
    try {
      await migratePg(client)
      const store = openStore(join(d, 'more.sqlite'))
      store.exec('ALTER TABLE sessions ADD COLUMN team TEXT')
      const sqlite = sqliteSchemaShape(store)
      store.close()
      const pgShape = await pgSchemaShape(client, PG_ONLY_TABLES)
      expect(pgShape.sessions).not.toEqual(sqlite.sessions)
      expect(sqlite.sessions.columns.map((c) => c.name)).toContain('team')
    } finally {
      await client.end()
      await db.drop()
      rmSync(d, { recursive: true, force: true })
    }
  })
})
