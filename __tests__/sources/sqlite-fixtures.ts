import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures } from '../helpers.js'

/**
 * The OpenCode and Goose fixture databases, built at test time: no agent database is committed.
 * Each is made from the agent's own table definitions (`fixtures/<agent>/schema.sql`, see SOURCES.md
 * there) and hand-written rows (`fixtures/<agent>/rows.json`, whose JSON columns are objects there).
 */

export type SqliteAgent = 'opencode' | 'goose'
type Rows = Record<string, Record<string, unknown>[]>

export function fixtureRows(agent: SqliteAgent): Rows {
  return JSON.parse(readFileSync(join(fixtures, agent, 'rows.json'), 'utf8')) as Rows
}

/** A JSON column's object is stored as its text; booleans as 0/1, as SQLite keeps them. */
function cell(v: unknown): unknown {
  if (v !== null && typeof v === 'object') return JSON.stringify(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  return v
}

export function insertRows(db: Database.Database, rows: Rows): void {
  for (const [table, list] of Object.entries(rows))
    for (const row of list) {
      const cols = Object.keys(row)
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
        ...cols.map((c) => cell(row[c]))
      )
    }
}

/**
 * Builds an agent's fixture database at `path` and returns the open connection (in WAL mode, as
 * the agents keep theirs) so a test can go on writing as the agent would; close it when done.
 */
export function buildFixtureDb(agent: SqliteAgent, path: string, rows: Rows = fixtureRows(agent)): Database.Database {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.exec(readFileSync(join(fixtures, agent, 'schema.sql'), 'utf8'))
  db.transaction(() => insertRows(db, rows))()
  return db
}
