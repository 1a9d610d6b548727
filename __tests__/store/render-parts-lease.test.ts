import { afterAll, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { PART_KEEP_RUNS, RenderPartsStore } from '../../src/store/render-parts.js'
import { tmpDir } from '../helpers.js'

/*
 * A kept part's lease (src/store/render-parts.ts): renewing a part writes its row of use, so a
 * part used every run is renewed only once half the lease is gone, and a part no run uses is
 * evicted once PART_KEEP_RUNS runs that wrote have passed. Each run here reads one part, writes a
 * small one (as a run after a change does) and saves.
 */
const dir = tmpDir('alt-render-parts-lease-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const part = (text: string) => ({ text, detectors: [], renderedBytes: text.length })

test('a part used every run is renewed every PART_KEEP_RUNS / 2 runs; one never used is evicted after PART_KEEP_RUNS', () => {
  const path = join(dir, 'store.sqlite')
  openStore(path).close()
  const first = RenderPartsStore.open(path)!
  expect(first.run).toBe(1)
  first.write('used', part('a part read every run'))
  first.write('unused', part('a part no run reads'))
  first.save()
  const usedRun: number[] = []
  const unusedThere: boolean[] = []
  for (let i = 2; i <= 10; i++) {
    const s = RenderPartsStore.open(path)!
    expect(s.run).toBe(i)
    const read = s.read('used')
    expect(read?.bytes.toString('utf8')).toBe('a part read every run')
    s.write(`made in run ${i}`, part(`run ${i}`))
    s.save()
    const db = openStore(path, { readonly: true })
    usedRun.push(db.prepare(`SELECT used_run FROM render_part_runs WHERE hash = 'used'`).pluck().get() as number)
    unusedThere.push(db.prepare(`SELECT 1 FROM render_parts WHERE hash = 'unused'`).get() !== undefined)
    db.close()
  }
  expect(PART_KEEP_RUNS).toBe(8)
  // Runs 2 to 10: renewed in runs 5 and 9 only.
  expect(usedRun).toEqual([1, 1, 1, 5, 5, 5, 5, 9, 9])
  // Made in run 1, gone once run 9 has saved.
  expect(unusedThere).toEqual([true, true, true, true, true, true, true, false, false])
})
