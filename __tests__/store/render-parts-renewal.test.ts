import { afterAll, expect, test } from '@jest/globals'
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { migrate } from '../../src/store/migrations.js'
import { PART_KEEP_RUNS, RenderPartsStore } from '../../src/store/render-parts.js'
import { tmpDir } from '../helpers.js'

/*
 * A kept part's run of use is kept apart from its body (migration 24): the run that renews the
 * parts it reads (once half their lease is gone) writes their small rows of use, never a part's
 * row, whose body is most of the table.
 */
const dir = tmpDir('alt-render-parts-renewal-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const part = (text: string) => ({ text, detectors: [], renderedBytes: text.length })
const bodyText = (i: number) => `part ${i} `.repeat(2000)

/** Counts every row written to `render_parts` from now on, by any connection. */
function countPartWrites(path: string): () => number {
  const db = openStore(path)
  db.exec(`CREATE TABLE part_writes (op TEXT NOT NULL);
    CREATE TRIGGER part_writes_insert AFTER INSERT ON render_parts BEGIN INSERT INTO part_writes VALUES ('insert'); END;
    CREATE TRIGGER part_writes_update AFTER UPDATE ON render_parts BEGIN INSERT INTO part_writes VALUES ('update'); END;`)
  db.close()
  return () => {
    const r = openStore(path, { readonly: true })
    try {
      return r.prepare('SELECT COUNT(*) FROM part_writes').pluck().get() as number
    } finally {
      r.close()
    }
  }
}

test('the run that renews every part it reads writes no part’s row, and the parts still read back and renew', () => {
  const path = join(dir, 'renew.sqlite')
  openStore(path).close()
  const first = RenderPartsStore.open(path)!
  for (let i = 0; i < 20; i++) first.write(`p${i}`, part(bodyText(i)))
  first.save()
  const writes = countPartWrites(path)
  const renewedIn: number[] = []
  const written: number[] = []
  const renewal = PART_KEEP_RUNS / 2 + 1
  for (let run = 2; run <= renewal; run++) {
    const before = writes()
    const s = RenderPartsStore.open(path)!
    expect(s.run).toBe(run)
    for (let i = 0; i < 20; i++) expect(s.read(`p${i}`)?.bytes.toString('utf8')).toBe(bodyText(i))
    // The runs before make a part each, as a run after a change does (runs are counted by those that wrote).
    if (run < renewal) s.write(`made in run ${run}`, part(`run ${run}`))
    s.save()
    written.push(writes() - before)
    const db = openStore(path, { readonly: true })
    renewedIn.push(...(db.prepare(`SELECT DISTINCT used_run FROM render_part_runs WHERE hash LIKE 'p%'`).pluck().all() as number[]))
    db.close()
  }
  // Runs 2 to 4 renew nothing, run 5 renews all twenty and writes no part's row.
  expect(renewedIn).toEqual([1, 1, 1, 5])
  expect(written).toEqual([1, 1, 1, 0])
})

test('an old store’s kept parts are converted by migration 24: they still serve, renew and are evicted', () => {
  const path = join(dir, 'old.sqlite')
  const old = new Database(path)
  old.pragma('journal_mode = WAL')
  migrate(old, 23)
  // Rows as migration 22's table held them: the run of use after the body.
  const put = old.prepare('INSERT INTO render_parts (hash, body, text_bytes, rendered_bytes, detectors, used_run) VALUES (?, ?, ?, ?, ?, ?)')
  const stored = (text: string) => Buffer.concat([Buffer.from([2]), Buffer.from(text, 'utf8')])
  put.run('kept', stored('a part read after the upgrade'), Buffer.byteLength('a part read after the upgrade'), 29, '["some_detector"]', 3)
  put.run('old', stored('a part no run reads'), Buffer.byteLength('a part no run reads'), 19, '[]', 1)
  old.close()

  openStore(path).close()
  const db = openStore(path, { readonly: true })
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('render_parts') as string[]).sort()
  const runs = db.prepare('SELECT hash, used_run FROM render_part_runs ORDER BY hash').all()
  db.close()
  expect(columns).toEqual(['body', 'detectors', 'hash', 'rendered_bytes', 'text_bytes'])
  expect(runs).toEqual([
    { hash: 'kept', used_run: 3 },
    { hash: 'old', used_run: 1 }
  ])

  const s = RenderPartsStore.open(path)!
  // The run numbers go on from the old rows'.
  expect(s.run).toBe(4)
  const read = s.read('kept')!
  expect(read.bytes.toString('utf8')).toBe('a part read after the upgrade')
  expect(read.detectors).toEqual(['some_detector'])
  expect(read.renderedBytes).toBe(29)
  s.write('new', part('made after the upgrade'))
  s.save()
  for (let run = 5; run <= 9; run++) {
    const t = RenderPartsStore.open(path)!
    expect(t.run).toBe(run)
    expect(t.read('kept')?.bytes.toString('utf8')).toBe('a part read after the upgrade')
    t.write(`made in run ${run}`, part(`run ${run}`))
    t.save()
  }
  const after = openStore(path, { readonly: true })
  const left = after.prepare('SELECT hash FROM render_parts ORDER BY hash').pluck().all() as string[]
  const leftRuns = after.prepare('SELECT hash FROM render_part_runs ORDER BY hash').pluck().all() as string[]
  const keptRun = after.prepare(`SELECT used_run FROM render_part_runs WHERE hash = 'kept'`).pluck().get()
  after.close()
  // `old` (last used in run 1) is gone by run 9, with its row of use; `kept` moved from its row to
  // the parts file in run 4, which renewed it (it was written), and was renewed again in run 8.
  expect(left).not.toContain('old')
  expect(left).toContain('kept')
  expect(leftRuns).toEqual(left)
  expect(keptRun).toBe(8)
})
