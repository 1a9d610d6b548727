import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { generationMover, generationTriggerName, storeGeneration, TABLE_ROLES, triggeredOn } from '../../src/store/generation.js'
import { migrate } from '../../src/store/migrations.js'
import Database from 'better-sqlite3'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * The store's generation (src/store/generation.ts) is what tells the job memo that the store holds
 * what it held: every table of the schema is classified, and every write to a table a report reads
 * moves it, whichever code writes.
 */

const OPS = ['INSERT', 'UPDATE', 'DELETE']

function triggersOf(db: Database.Database): Map<string, string> {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[]
  return new Map(rows.map((r) => [r.name, r.sql]))
}

describe('the store generation', () => {
  it('classifies every table of the schema as report input, ingested input, provenance or local, and names no other', () => {
    const db = openStore(':memory:')
    try {
      const tables = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
        .pluck()
        .all() as string[]
      expect(tables.filter((t) => !(t in TABLE_ROLES))).toEqual([])
      expect(Object.keys(TABLE_ROLES).filter((t) => !tables.includes(t))).toEqual([])
    } finally {
      db.close()
    }
  })

  it('gives each table the triggers of its role, in a new store and in one migrated from version 18', () => {
    const dir = tmpDir('alt-generation-')
    const old = new Database(join(dir, 'old.sqlite'))
    migrate(old, 18)
    migrate(old)
    for (const db of [openStore(':memory:'), old]) {
      try {
        const triggers = triggersOf(db)
        for (const [table, role] of Object.entries(TABLE_ROLES)) {
          const want = triggeredOn(role)
          for (const op of OPS) {
            const sql = triggers.get(generationTriggerName(table, op))
            if (want.includes(op)) expect(sql).toMatch(new RegExp(`AFTER ${op} ON ${table} BEGIN UPDATE store_generation SET n = n \\+ 1; END`))
            else expect(sql).toBeUndefined()
          }
        }
      } finally {
        db.close()
      }
    }
  })

  it('moves on every write to a report’s input and on a deleted provenance row, not on a cache’s', () => {
    const db = openStore(':memory:')
    try {
      const moved = (sql: string, ...args: unknown[]) => {
        const before = storeGeneration(db)
        db.prepare(sql).run(...args)
        return storeGeneration(db) - before
      }
      expect(moved(`INSERT INTO sessions (id, agent) VALUES ('s1', 'codex')`)).toBe(1)
      expect(moved(`UPDATE sessions SET title = 'x' WHERE id = 's1'`)).toBe(1)
      expect(moved(`INSERT INTO review_tags (session_id, prompt, label, actor, at) VALUES ('s1', 0, 'ok', 'ann', '2026-12-01')`)).toBe(1)
      expect(moved(`DELETE FROM review_tags`)).toBe(1)
      // The report writes its provenance rows itself (only when they differ): a row deleted is one a full run would write back.
      expect(moved(`INSERT INTO redactions (session_id, event_id, field, detector, count, at) VALUES ('s1', 0, 'title', 'email', 1, '2026-12-01')`)).toBe(0)
      expect(moved(`DELETE FROM redactions`)).toBe(1)
      expect(moved(`INSERT INTO late_check_memo (hash, used_run) VALUES ('h', 1)`)).toBe(0)
      // An ingested table's rows move it by the writer's batch, its updates and deletes by trigger.
      expect(moved(`INSERT INTO turns (session_id, ordinal) VALUES ('s1', 1)`)).toBe(0)
      const before = storeGeneration(db)
      generationMover(db)()
      expect(storeGeneration(db)).toBe(before + 1)
      expect(moved(`UPDATE turns SET started_at = '2026-12-01' WHERE session_id = 's1'`)).toBe(1)
      expect(moved(`DELETE FROM turns`)).toBe(1)
      expect(moved(`DELETE FROM sessions WHERE id = 's1'`)).toBe(1)
    } finally {
      db.close()
    }
  })

  it('sees rows inserted into an ingested table only where the ingest’s writer writes them', () => {
    // The writer moves the generation once per batch (src/store/writer.ts, flushRawLines); an insert
    // elsewhere would change a report's input unseen. Migrations move the schema version instead.
    const allowed = new Set(['src/store/writer.ts', 'src/store/raw-blocks.ts', 'src/store/migrations.ts'])
    const found: string[] = []
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name)
        if (e.isDirectory()) walk(p)
        else if (e.name.endsWith('.ts')) {
          for (const m of readFileSync(p, 'utf8').matchAll(/INSERT\s+(?:OR\s+\w+\s+)?INTO\s+(\w+)/gi))
            if (TABLE_ROLES[m[1]] === 'ingested' && !allowed.has(relative(repoRoot, p))) found.push(`${relative(repoRoot, p)}: ${m[0]}`)
        }
      }
    }
    walk(join(repoRoot, 'src'))
    expect(found).toEqual([])
    // And the scan sees the writer's own.
    const writer = readFileSync(join(repoRoot, 'src', 'store', 'writer.ts'), 'utf8')
    expect(writer).toMatch(/INSERT OR IGNORE INTO events/)
  })
})
