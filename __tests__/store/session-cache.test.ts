import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { lateCheckContent, lateCheckOptions } from '../../src/redact/late/check.js'
import { openStore, type Db } from '../../src/store/db.js'
import { LOCAL_ONLY_TABLES } from '../../src/store/pg/natural-keys.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * The session cache (migration 14) in whole jobs. Whether a run used a session's entry is seen by
 * planting a word in the entry's first held prompt: a run that used the entry publishes the word,
 * a run that redacted the session afresh does not. The committed fixtures are real-shaped logs of
 * two agents with planted secrets; the rollouts made below are self-written, to control which
 * e-mail addresses each session names and in which order.
 */

const PLANTED = 'PLANTEDBYTHETEST'

let dir: string
beforeAll(() => {
  dir = tmpDir('alt-session-cache-')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  database: string
  paths: string[]
  config?: string
  out: string
}

const job = (r: Run) =>
  runJob({
    database: r.database,
    repoDir: dir,
    paths: r.paths,
    config: parseConfig(r.config ?? '', 'test.yml'),
    // Summary mode: in the modes whose files carry the turns, the comment's report is made from
    // the files' and the session cache is not used (src/pipeline/comment-from-files.ts).
    mode: 'summary',
    formats: ['md', 'json', 'csv', 'html'],
    outDir: r.out,
    now: new Date('2026-01-01T00:00:00Z'),
    version: '0.0.0',
    exportDatabase: true
  })

/** Every published file but the database copy, by name. */
function outputs(d: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of readdirSync(d).sort()) if (f !== 'ai-log-trail.sqlite') out[f] = readFileSync(join(d, f), 'utf8')
  return out
}

/** Plants PLANTED in each entry's first held prompt; returns how many entries it went into. */
function plant(database: string): number {
  const db = openStore(database)
  const n = db
    .prepare(
      `UPDATE session_cache SET entry = json_set(entry, '$.turns[0][1].prompt.text', '${PLANTED} ' || session_id) WHERE json_type(entry, '$.turns[0][1].prompt.text') = 'text'`
    )
    .run().changes
  db.close()
  return n
}

const entries = (db: Db) =>
  db.prepare('SELECT session_id, key, entry FROM session_cache ORDER BY session_id').all() as { session_id: string; key: string; entry: string }[]
const redactionRows = (db: Db) => db.prepare('SELECT session_id, event_id, field, detector, actor, reason, count FROM redactions ORDER BY 1, 2, 3, 4').all()

describe('the session cache in a job', () => {
  const database = () => join(dir, 'work.sqlite')
  const paths = [join(fixtures, 'claude-code'), join(fixtures, 'codex')]
  let cold: Record<string, string>
  let rowsAfterCold: unknown[]

  beforeAll(async () => {
    await job({ database: database(), paths, out: join(dir, 'cold') })
    cold = outputs(join(dir, 'cold'))
    const db = openStore(database())
    rowsAfterCold = redactionRows(db)
    db.close()
  })

  it('gives a warm run the same bytes in every format, the comment and the summary, and the same provenance rows', async () => {
    await job({ database: database(), paths, out: join(dir, 'warm') })
    const warm = outputs(join(dir, 'warm'))
    expect(Object.keys(warm)).toEqual(Object.keys(cold))
    expect(Object.keys(cold)).toEqual(expect.arrayContaining(['comment.md', 'summary.md', 'report.md', 'report.json', 'report.html']))
    for (const f of Object.keys(cold)) expect(warm[f]).toBe(cold[f])
    const db = openStore(database())
    expect(redactionRows(db)).toEqual(rowsAfterCold)
    expect(entries(db).length).toBeGreaterThan(5)
    db.close()
  })

  it('is what a warm run reads: a word planted in an entry is published', async () => {
    expect(plant(database())).toBeGreaterThan(3)
    await job({ database: database(), paths, out: join(dir, 'planted') })
    expect(readFileSync(join(dir, 'planted', 'comment.md'), 'utf8')).toContain(PLANTED)
  })

  it('holds only redacted text: the last check finds nothing in any entry, and the sanitized database has none', () => {
    const db = openStore(database())
    const opts = lateCheckOptions(parseConfig('', 'test.yml'))
    const all = entries(db)
    db.close()
    // Planted by the fixtures: the cold run redacted some values, which no entry may hold.
    expect(cold['comment.md']).toMatch(/\[REDACTED:/)
    for (const e of all) expect(lateCheckContent('entry.json', e.entry, opts).findings).toEqual([])
    const exported = openStore(join(dir, 'planted', 'ai-log-trail.sqlite'), { readonly: true })
    expect(exported.prepare('SELECT COUNT(*) AS n FROM session_cache').get()).toEqual({ n: 0 })
    exported.close()
    expect(LOCAL_ONLY_TABLES.has('session_cache')).toBe(true)
  })

  it('misses for every session when a rule is added, and for none when nothing changed', async () => {
    plant(database())
    await job({ database: database(), paths, config: 'rules:\n  - id: nothing-here\n    words: [zzzyyyxxx]\n', out: join(dir, 'rule') })
    const withRule = outputs(join(dir, 'rule'))
    expect(withRule['comment.md']).not.toContain(PLANTED)
    expect(withRule['comment.md']).toBe(cold['comment.md'])
  })

  it('misses when an override is added', async () => {
    // Entries now hold the rule's key: back to the default config's, then plant.
    await job({ database: database(), paths, out: join(dir, 'again') })
    const db = openStore(database())
    const ids = entries(db).map((e) => e.session_id)
    db.close()
    expect(plant(database())).toBeGreaterThan(3)
    const target = ids.find((id) => cold['comment.md'].includes(id.slice(0, 8))) ?? ids[0]
    const config = `overrides:\n  - session: "${target}"\n    prompt: 1\n    replacement: "[withdrawn]"\n    actor: tester\n    date: 2026-01-01\n    reason: test\n`
    await job({ database: database(), paths, config, out: join(dir, 'override') })
    const comment = readFileSync(join(dir, 'override', 'comment.md'), 'utf8')
    // The override is in the config's fingerprint, so every session misses, the named one included.
    expect(comment).not.toContain(`${PLANTED} ${target}`)
    expect(comment).toContain('[withdrawn]')
  })

  it('drops the entry of a session whose records changed in place (reconciliation)', async () => {
    await job({ database: database(), paths, out: join(dir, 'third') })
    plant(database())
    const db = openStore(database())
    const before = entries(db).length
    const flagged = db.prepare(`SELECT id, session_id FROM events WHERE replayed = 0 AND kind = 'user_prompt' ORDER BY id LIMIT 1`).get() as {
      id: number
      session_id: string
    }
    db.prepare('UPDATE events SET replayed = 1 WHERE id = ?').run(flagged.id)
    expect(entries(db).map((e) => e.session_id)).not.toContain(flagged.session_id)
    expect(entries(db).length).toBe(before - 1)
    db.close()
  })
})

/** A self-written Codex rollout of one session: its metadata line and one line per prompt. */
function rollout(id: string, start: string, prompts: string[]): string {
  const meta = { timestamp: start, type: 'session_meta', payload: { id, timestamp: start, cwd: '/work/demo', originator: 'codex-tui', cli_version: '0.153.4' } }
  const lines = [
    meta,
    ...prompts.map((message, i) => ({ timestamp: start.replace(':00.000Z', `:0${i + 1}.000Z`), type: 'event_msg', payload: { type: 'user_message', message } }))
  ]
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n'
}

describe('the session cache and identifier tags numbered across the report', () => {
  const logs = () => join(dir, 'tags-logs')
  const a = () => join(logs(), 'a', 'rollout-2026-02-01T10-00-00-0199a1b2-0000-7000-8000-0000000000a1.jsonl')
  const b = () => join(logs(), 'b', 'rollout-2026-02-02T10-00-00-0199a1b2-0000-7000-8000-0000000000b2.jsonl')
  // Split so no contiguous address sits in the source.
  const ana = ['ana.lima', 'northwind-mail.net'].join('@')
  const bob = ['bob.ferreira', 'globex-corp.io'].join('@')

  beforeAll(() => {
    mkdirSync(join(logs(), 'a'), { recursive: true })
    mkdirSync(join(logs(), 'b'), { recursive: true })
    writeFileSync(a(), rollout('0199a1b2-0000-7000-8000-0000000000a1', '2026-02-01T10:00:00.000Z', [`write to ${ana} about the release`]))
    writeFileSync(b(), rollout('0199a1b2-0000-7000-8000-0000000000b2', '2026-02-02T10:00:00.000Z', [`ask ${bob} and then ${ana} for a review`]))
  })

  it('renumbers a cached session whose tags an earlier session numbered, as a cold run of the same scope does', async () => {
    const shared = join(dir, 'tags.sqlite')
    await job({ database: shared, paths: [join(logs(), 'a'), join(logs(), 'b')], out: join(dir, 'tags-both') })
    const both = outputs(join(dir, 'tags-both'))
    expect(both['comment.md']).toMatch(/email#.?2\]/u)
    for (const only of ['a', 'b']) {
      // The same store, its entries made with both sessions in the report; the scope now one of them.
      await job({ database: shared, paths: [join(logs(), 'a'), join(logs(), 'b')], out: join(dir, `tags-both-${only}`) })
      await job({ database: shared, paths: [join(logs(), only)], out: join(dir, `tags-warm-${only}`) })
      // A cold run of that scope on the same store (event ids are the store's): the cache emptied.
      const db = openStore(shared)
      db.prepare('DELETE FROM session_cache').run()
      db.close()
      await job({ database: shared, paths: [join(logs(), only)], out: join(dir, `tags-fresh-${only}`) })
      const warm = outputs(join(dir, `tags-warm-${only}`))
      const fresh = outputs(join(dir, `tags-fresh-${only}`))
      for (const f of Object.keys(fresh)) expect([f, warm[f]]).toEqual([f, fresh[f]])
      expect(fresh['comment.md']).toMatch(/email#.?1\]/u)
    }
  })

  it('misses for a session that gained a line', async () => {
    const shared = join(dir, 'grown.sqlite')
    const paths = [join(logs(), 'a'), join(logs(), 'b')]
    await job({ database: shared, paths, out: join(dir, 'grown-1') })
    expect(plant(shared)).toBe(2)
    appendFileSync(
      b(),
      JSON.stringify({ timestamp: '2026-02-02T10:00:09.000Z', type: 'event_msg', payload: { type: 'user_message', message: 'one more thing' } }) + '\n'
    )
    await job({ database: shared, paths, out: join(dir, 'grown-2') })
    const comment = readFileSync(join(dir, 'grown-2', 'comment.md'), 'utf8')
    expect(comment).toContain('one more thing')
    expect(comment).toContain(`${PLANTED} 0199a1b2-0000-7000-8000-0000000000a1`)
    expect(comment).not.toContain(`${PLANTED} 0199a1b2-0000-7000-8000-0000000000b2`)
  })
})
