import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore, type Db } from '../../src/store/db.js'
import { readFileRow } from '../../src/store/files.js'
import { listSessions } from '../../src/store/queries.js'
import { addTag, tagsOfSession } from '../../src/store/review-tags.js'
import { forgetFileAndItsSessionFacts } from '../../src/store/session-reread.js'
import { fixtures, ingestFresh, tmpDir } from '../helpers.js'

/*
 * A log read again from its start (rewritten in place) leaves its sessions as a fresh read of the
 * logs as they are now would. The logs are copies of the bundled Codex rollout (a real agent's
 * format, written for the repository), changed by the test.
 */

const ID = '0199a1b2-0000-7000-8000-00000000c0de'
const ROLLOUT = join(fixtures, 'codex', `rollout-2026-03-03T11-00-00-${ID}.jsonl`)
const NAME = `rollout-2026-03-03T11-00-00-${ID}.jsonl`
const lines = readFileSync(ROLLOUT, 'utf8').split('\n').filter(Boolean)
/** The rollout up to its second person prompt: a log rewritten shorter, ending earlier. */
const firstTurn = (() => {
  const prompts = lines.map((l, i) => (l.includes('"user_message"') ? i : -1)).filter((i) => i >= 0)
  return lines.slice(0, prompts[1])
})()
const session = (db: Db, id = ID) => db.prepare(`SELECT * FROM sessions WHERE id = ?`).get(id) as Record<string, unknown> | undefined

describe('a log read again from its start', () => {
  let dir: string
  let db: Db
  beforeEach(() => {
    dir = tmpDir('alt-reread-')
    mkdirSync(join(dir, 'a'))
    mkdirSync(join(dir, 'b'))
    db = openStore(join(dir, 'store.sqlite'))
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const write = (where: string, text: string[]) => writeFileSync(join(dir, where, NAME), text.join('\n') + '\n')
  const fresh = async (paths: string[]) => {
    const r = await ingestFresh(paths)
    try {
      return { sessions: r.sessions, row: session(r.db) }
    } finally {
      r.close()
    }
  }

  it("takes the facts of the log's session record as it now says them, when no other log holds the session", async () => {
    write('a', lines)
    await ingestPaths(db, [join(dir, 'a')])
    const moved = lines.map((l) => l.replaceAll('feature/stream-parser', 'main').replaceAll('"cli_version":"0.61.0"', '"cli_version":"0.62.0"'))
    expect(moved.join('\n')).not.toBe(lines.join('\n'))
    write('a', moved.slice(0, firstTurn.length))
    await ingestPaths(db, [join(dir, 'a')])
    const want = await fresh([join(dir, 'a')])
    expect(session(db)).toMatchObject({ branch: 'main', agent_version: '0.62.0' })
    expect(session(db)).toEqual(want.row)
    expect(listSessions(db)).toEqual(want.sessions)
  })

  it('keeps what another log of the session holds: its start, end and facts come from both logs as they are now', async () => {
    // The session's second log: the same records an hour later (so none is a copy of the first's).
    const later = (text: string[]) => text.map((l) => l.replaceAll('2026-03-03T10:', '2026-03-03T11:'))
    write('a', lines)
    write('b', later(lines))
    await ingestPaths(db, [dir])
    expect(listSessions(db)).toHaveLength(1)
    const before = session(db)
    write('b', later(firstTurn))
    await ingestPaths(db, [dir])
    const want = await fresh([dir])
    expect(session(db)?.ended_at).not.toBe(before?.ended_at)
    expect(session(db)).toEqual(want.row)
    expect(listSessions(db)).toEqual(want.sessions)
  })

  it('under another session id drops the session no log holds any more, keeping its review tags for when a log brings it back', async () => {
    write('a', lines)
    await ingestPaths(db, [join(dir, 'a')])
    addTag(db, { session: ID, label: 'kept' }, { actor: 'Ada' })
    const other = ID.slice(0, -4) + 'beef'
    write(
      'a',
      lines.map((l) => l.replaceAll(ID, other))
    )
    await ingestPaths(db, [join(dir, 'a')])
    expect(session(db)).toBeUndefined()
    expect(db.prepare(`SELECT COUNT(*) FROM turns WHERE session_id = ?`).pluck().get(ID)).toBe(0)
    expect(listSessions(db).map((s) => s.id)).toEqual([other])
    expect(tagsOfSession(db, ID).map((t) => t.label)).toEqual(['kept'])
    write('a', lines)
    await ingestPaths(db, [join(dir, 'a')])
    expect(listSessions(db).map((s) => s.id)).toEqual([ID])
    expect(session(db, other)).toBeUndefined()
    expect(tagsOfSession(db, ID).map((t) => t.label)).toEqual(['kept'])
  })

  it('cut off after its old content was forgotten and before it was read again, is completed by the next ingest', async () => {
    write('a', lines)
    await ingestPaths(db, [join(dir, 'a')])
    write('a', firstTurn)
    // What the ingest commits before the file's first batch; the kill comes before that batch.
    forgetFileAndItsSessionFacts(db, readFileRow(db, join(dir, 'a', NAME))!.id)
    expect(db.prepare(`SELECT session_id FROM reconcile_pending`).pluck().all()).toEqual([ID])
    await ingestPaths(db, [join(dir, 'a')])
    const want = await fresh([join(dir, 'a')])
    expect(session(db)).toEqual(want.row)
    expect(listSessions(db)).toEqual(want.sessions)
    expect(db.prepare(`SELECT COUNT(*) FROM reconcile_pending`).pluck().get()).toBe(0)
  })

  it('an unchanged log read again leaves its session as it was', async () => {
    write('a', lines)
    await ingestPaths(db, [join(dir, 'a')])
    const before = session(db)
    const r = await ingestPaths(db, [join(dir, 'a')])
    expect(r.unchanged_files).toBe(1)
    expect(session(db)).toEqual(before)
  })
})
