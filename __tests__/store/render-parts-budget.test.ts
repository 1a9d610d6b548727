import { afterAll, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { PART_MAX_BYTES, PART_PLAIN_BYTES, RenderPartsStore } from '../../src/store/render-parts.js'
import { tmpDir } from '../helpers.js'

/*
 * Kept parts past the plain budget (src/store/render-parts.ts): a run's parts are kept as their
 * bytes until the table holds PART_PLAIN_BYTES, then compressed, so a report larger than the
 * table's bound as bytes is still kept whole instead of a share of it being made again every run.
 * The limits are made small here; the texts are report-like (repetitive), as parts are.
 */
const dir = tmpDir('alt-render-parts-budget-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const text = (i: number) => `| session ${i} | ${'a prompt, then what the agent did about it; '.repeat(40)}|\n`
const part = (t: string) => ({ text: t, detectors: ['email'], renderedBytes: t.length + 3 })

function codecs(path: string): number[] {
  const db = openStore(path, { readonly: true })
  try {
    return (db.prepare('SELECT hash, body FROM render_parts ORDER BY CAST(hash AS INTEGER)').all() as { body: Buffer }[]).map((r) => r.body[0])
  } finally {
    db.close()
  }
}

test('parts past the plain budget are kept compressed and read back as the same bytes', () => {
  const path = join(dir, 'budget.sqlite')
  openStore(path).close()
  const one = Buffer.byteLength(text(0)) + 1
  const s = RenderPartsStore.open(path, { maxBytes: 1 << 30, plainBytes: 3 * one })!
  for (let i = 0; i < 10; i++) s.write(String(i), part(text(i)))
  s.save()
  // Three parts fit the budget as bytes (in the parts file beside the store: codec 3); the rest are zstd (1), or raw deflate (0) where Node has no zstd, in their rows.
  const kept = codecs(path)
  expect(kept.slice(0, 3)).toEqual([3, 3, 3])
  expect(kept.slice(3).every((c) => c === 1 || c === 0)).toBe(true)
  const r = RenderPartsStore.open(path)!
  for (let i = 0; i < 10; i++) {
    const p = r.read(String(i))
    expect(p?.bytes.toString('utf8')).toBe(text(i))
    expect(p?.detectors).toEqual(['email'])
    expect(p?.renderedBytes).toBe(Buffer.byteLength(text(i)) + 3)
  }
  r.close()
})

test('a report larger than the bound as bytes is kept whole once compressed (the code before evicted most of it every run)', () => {
  const path = join(dir, 'whole.sqlite')
  openStore(path).close()
  const one = Buffer.byteLength(text(0)) + 1
  // As bytes the 40 parts are 40 `one`s against a bound of 10: the code before kept 10 and made 30 again each run.
  const limits = { maxBytes: 10 * one, plainBytes: 2 * one }
  const first = RenderPartsStore.open(path, limits)!
  for (let i = 0; i < 40; i++) first.write(String(i), part(text(i)))
  first.save()
  const second = RenderPartsStore.open(path, limits)!
  let hits = 0
  for (let i = 0; i < 40; i++) if (second.read(String(i))?.bytes.toString('utf8') === text(i)) hits++
  second.save()
  expect(hits).toBe(40)
})

test('the default limits: parts kept as bytes up to 256 MiB, the table bounded at 1 GiB', () => {
  expect(PART_PLAIN_BYTES).toBe(256 << 20)
  expect(PART_MAX_BYTES).toBe(1 << 30)
})
