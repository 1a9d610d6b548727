import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { openStore } from '../../src/store/db.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * A provenance row's `at` is when its count, actor and reason were first recorded as they stand
 * (docs/redaction.md, "Provenance"). Over the committed fixtures (real-shaped logs with planted
 * secrets) copied to a folder a test appends to: a warm run at a later time leaves every row as
 * the cold run wrote it; a session given a new prompt gets its new rows at that run's time; rows
 * deleted from the table are written again. After each run, the rows but `at` are those a fresh
 * store's run over the same logs writes.
 */

interface Row {
  session_id: string
  event_id: number
  field: string
  detector: string
  actor: string | null
  reason: string | null
  count: number
  at: string
}

const CHANGED = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'
const NEW_PROMPT = {
  timestamp: '2026-03-03T10:06:00.000Z',
  type: 'event_msg',
  payload: { type: 'user_message', message: 'Also mail the summary to ann.lee@lindqvist-mail.se', images: [] }
}

let dir: string
let logs: string
beforeAll(() => {
  dir = tmpDir('alt-redactions-at-')
  logs = join(dir, 'logs')
  cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const job = (database: string, out: string, now: string) =>
  runJob({
    database,
    repoDir: dir,
    paths: [join(logs, 'claude-code'), join(logs, 'codex')],
    config: parseConfig('', 'test.yml'),
    mode: 'full',
    formats: ['md', 'json'],
    outDir: join(dir, out),
    now: new Date(now),
    version: '0.0.0'
  })

function rowsOf(database: string): Row[] {
  const db = openStore(database)
  try {
    return db.prepare('SELECT session_id, event_id, field, detector, actor, reason, count, at FROM redactions ORDER BY 1, 2, 3, 4').all() as Row[]
  } finally {
    db.close()
  }
}

/**
 * The rows but `at`, each event named by its log line rather than its id (which another store
 * numbers otherwise), in that order.
 */
function placedRows(database: string): unknown[] {
  const db = openStore(database)
  try {
    return db
      .prepare(
        `SELECT r.session_id, coalesce((SELECT f.path || ':' || e.line || ':' || e.seq FROM events e JOIN files f ON f.id = e.file_id WHERE e.id = r.event_id), r.event_id) AS event,
        r.field, r.detector, r.actor, r.reason, r.count FROM redactions r ORDER BY 1, 2, 3, 4`
      )
      .all()
  } finally {
    db.close()
  }
}

const withoutAt = (rows: Row[]) => rows.map(({ at: _at, ...r }) => r)
const keyOf = (r: Row) => `${r.session_id}\0${r.event_id}\0${r.field}\0${r.detector}`

/** `placedRows` of a run over the logs as they are now on a store of its own. */
async function freshRows(name: string): Promise<unknown[]> {
  const database = join(dir, `${name}.sqlite`)
  await job(database, name, '2030-01-01T00:00:00Z')
  return placedRows(database)
}

describe('the provenance rows across runs', () => {
  const database = () => join(dir, 'work.sqlite')
  const T1 = '2026-01-01T00:00:00.000Z'
  const T2 = '2026-01-02T00:00:00.000Z'
  const T3 = '2026-01-03T00:00:00.000Z'
  const T4 = '2026-01-04T00:00:00.000Z'
  let cold: Row[]

  beforeAll(async () => {
    await job(database(), 'cold', T1)
    cold = rowsOf(database())
  })

  it('are left as the cold run wrote them by a warm run at a later time', async () => {
    expect(cold.length).toBeGreaterThan(5)
    expect(cold.every((r) => r.at === T1)).toBe(true)
    await job(database(), 'warm', T2)
    expect(rowsOf(database())).toEqual(cold)
  })

  it("take the run's time where a session changed, and are the rows a fresh store's run writes", async () => {
    appendFileSync(join(logs, 'codex', CHANGED), `${JSON.stringify(NEW_PROMPT)}\n`)
    await job(database(), 'changed', T3)
    const after = rowsOf(database())
    const before = new Map(cold.map((r) => [keyOf(r), r]))
    const added = after.filter((r) => !before.has(keyOf(r)))
    // The new prompt's address is a row of its own, written at this run's time.
    expect(added.length).toBeGreaterThan(0)
    expect(added.every((r) => r.at === T3)).toBe(true)
    // A row with the values it had keeps its time; a row whose values changed has this run's.
    for (const r of after) {
      const was = before.get(keyOf(r))
      if (!was) continue
      const same = was.count === r.count && was.actor === r.actor && was.reason === r.reason
      expect(r.at).toBe(same ? T1 : T3)
    }
    expect(placedRows(database())).toEqual(await freshRows('fresh-changed'))
  })

  it('are written again when deleted from the table, at the time of the run that writes them', async () => {
    const held = rowsOf(database())
    const session = held[0].session_id
    const db = openStore(database())
    db.prepare('DELETE FROM redactions WHERE session_id = ?').run(session)
    db.close()
    await job(database(), 'deleted', T4)
    const after = rowsOf(database())
    expect(withoutAt(after)).toEqual(withoutAt(held))
    for (const r of after) expect(r.at).toBe(r.session_id === session ? T4 : held.find((h) => keyOf(h) === keyOf(r))?.at)
  })
})
