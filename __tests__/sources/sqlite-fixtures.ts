import Database from 'better-sqlite3'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
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

/**
 * OpenCode's older JSON store made from the same rows: `storage/session/<project>/<id>.json`,
 * `storage/message/<session>/<id>.json`, `storage/part/<message>/<id>.json`, each the row's JSON
 * with its ids, pretty-printed as OpenCode wrote them.
 */
export function writeOpencodeStorage(root: string, rows: Rows = fixtureRows('opencode')): string {
  const storage = join(root, 'storage')
  const write = (path: string, value: unknown) => {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, JSON.stringify(value, null, 2))
  }
  for (const s of rows.session)
    write(join(storage, 'session', String(s.project_id), `${String(s.id)}.json`), {
      id: s.id,
      version: s.version,
      projectID: s.project_id,
      directory: s.directory,
      ...(s.parent_id ? { parentID: s.parent_id } : {}),
      title: s.title,
      time: { created: s.time_created, updated: s.time_updated }
    })
  for (const m of rows.message)
    write(join(storage, 'message', String(m.session_id), `${String(m.id)}.json`), { id: m.id, sessionID: m.session_id, ...(m.data as object) })
  for (const p of rows.part)
    write(join(storage, 'part', String(p.message_id), `${String(p.id)}.json`), {
      id: p.id,
      sessionID: p.session_id,
      messageID: p.message_id,
      ...(p.data as object)
    })
  return storage
}
