import { afterAll, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { PART_KEEP_RUNS, RenderPartsStore } from '../../src/store/render-parts.js'
import { tmpDir } from '../helpers.js'

/*
 * Kept parts' bytes in a file beside the store, `<store>-parts` (src/store/render-parts.ts): a
 * row holds the file's id, the offset and the length, the file the texts. A part the file does
 * not hold whole, a file replaced or removed, is a miss, never other bytes; the bytes are synced
 * before the rows that point at them commit; dead bytes are taken back by writing the live parts
 * into a new file.
 */
const dir = tmpDir('alt-render-parts-file-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const text = (i: number) => `| session ${i} | ${'a prompt, then what the agent did about it; '.repeat(20 + i)}|\n`
const part = (t: string) => ({ text: t, detectors: ['email'], renderedBytes: t.length + 3 })

function store(name: string): string {
  const path = join(dir, name)
  openStore(path).close()
  return path
}

function bodies(path: string): Buffer[] {
  const db = openStore(path, { readonly: true })
  try {
    return db.prepare('SELECT body FROM render_parts ORDER BY CAST(hash AS INTEGER)').pluck().all() as Buffer[]
  } finally {
    db.close()
  }
}

/** Each part's text as a new connection reads it back, or null for a miss. */
function readAll(path: string, n: number): (string | null)[] {
  const s = RenderPartsStore.open(path)!
  const got = Array.from({ length: n }, (_, i) => s.read(String(i))?.bytes.toString('utf8') ?? null)
  s.close()
  return got
}

function writeRun(path: string, from: number, to: number, limits?: Parameters<typeof RenderPartsStore.open>[1]): void {
  const s = RenderPartsStore.open(path, limits)!
  for (let i = from; i < to; i++) s.write(String(i), part(text(i)))
  s.save()
}

test('parts are kept in the file beside the store, their rows small, and read back as the same bytes', () => {
  const path = store('file.sqlite')
  writeRun(path, 0, 10)
  // The rows point into the file (codec 3, 19 bytes): the code before kept each text in its row (codec 2).
  expect(bodies(path).every((b) => b[0] === 3 && b.length === 19)).toBe(true)
  const file = readFileSync(`${path}-parts`)
  expect(file.subarray(0, 8).toString()).toBe('ALTPARTS')
  for (let i = 0; i < 10; i++) expect(file.includes(Buffer.from(text(i)))).toBe(true)
  const s = RenderPartsStore.open(path)!
  for (let i = 0; i < 10; i++) {
    const p = s.read(String(i))
    expect(p?.bytes.toString('utf8')).toBe(text(i))
    expect(p?.detectors).toEqual(['email'])
    expect(p?.renderedBytes).toBe(Buffer.byteLength(text(i)) + 3)
  }
  s.close()
})

test('a file cut short, removed or replaced is a miss for the parts it lost, never other bytes', () => {
  const path = store('damaged.sqlite')
  writeRun(path, 0, 10)
  const parts = `${path}-parts`
  const whole = readFileSync(parts)
  // Cut inside the last part written: it misses, the others read back.
  truncateSync(parts, whole.length - 10)
  expect(readAll(path, 10)).toEqual([...Array.from({ length: 9 }, (_, i) => text(i)), null])
  // Its row was dropped with the miss; a run makes it again and it reads back.
  writeRun(path, 9, 10)
  expect(readAll(path, 10)).toEqual(Array.from({ length: 10 }, (_, i) => text(i)))
  // Another file of the same bytes but another id (a store restored without its file, which a later run made again).
  const other = readFileSync(parts)
  other[8] ^= 0xff
  writeFileSync(parts, other)
  expect(readAll(path, 10)).toEqual(Array(10).fill(null))
  // Removed: a cold start, and the next parts are kept in a new file.
  writeRun(path, 0, 3)
  rmSync(parts)
  expect(readAll(path, 3)).toEqual([null, null, null])
  writeRun(path, 0, 3)
  expect(existsSync(parts)).toBe(true)
  expect(readAll(path, 3)).toEqual([text(0), text(1), text(2)])
})

test('a run that dies between its parts’ bytes and their rows’ commit leaves no row pointing at them', () => {
  const path = store('crash.sqlite')
  writeRun(path, 0, 5)
  const before = statSync(`${path}-parts`).size
  // The rows' commit fails after the bytes are written and synced, as a run killed between the two.
  const db = openStore(path)
  db.exec(`CREATE TRIGGER boom BEFORE INSERT ON render_parts BEGIN SELECT RAISE(ABORT, 'killed'); END`)
  db.close()
  writeRun(path, 5, 10)
  expect(statSync(`${path}-parts`).size).toBeGreaterThan(before)
  const after = openStore(path)
  after.exec('DROP TRIGGER boom')
  expect(after.prepare('SELECT COUNT(*) FROM render_parts').pluck().get()).toBe(5)
  after.close()
  expect(readAll(path, 10)).toEqual([...Array.from({ length: 5 }, (_, i) => text(i)), ...Array(5).fill(null)])
  // The next run appends past the dead bytes.
  writeRun(path, 5, 10)
  expect(readAll(path, 10)).toEqual(Array.from({ length: 10 }, (_, i) => text(i)))
})

test('two runs writing parts at once never write at one offset', () => {
  const path = store('two.sqlite')
  const a = RenderPartsStore.open(path)!
  const b = RenderPartsStore.open(path)!
  // Each part is over the 1 MiB batch a run writes to the file, so every write is a flush of its own, the two runs' interleaved.
  const big = (i: number) => `${i}:${'x'.repeat(1_100_000)}:${i}`
  for (let i = 0; i < 6; i++) (i % 2 ? b : a).write(String(i), part(big(i)))
  a.save()
  b.save()
  const s = RenderPartsStore.open(path)!
  for (let i = 0; i < 6; i++) expect(s.read(String(i))?.bytes.toString('utf8')).toBe(big(i))
  s.close()
})

test('the space of evicted parts is taken back once dead bytes outweigh the live ones', () => {
  const path = store('compact.sqlite')
  const limits = { maxBytes: 1 << 30, plainBytes: 1 << 30, compactSlack: 0 }
  writeRun(path, 0, 30, limits)
  const full = statSync(`${path}-parts`).size
  // Runs that write and never read parts 0–29: by PART_KEEP_RUNS runs later they are evicted, and the file compacted.
  for (let r = 0; r < PART_KEEP_RUNS; r++) writeRun(path, 30 + r, 31 + r, limits)
  const kept = Array.from({ length: PART_KEEP_RUNS }, (_, r) => 30 + r)
  const live = kept.reduce((n, i) => n + Buffer.byteLength(text(i)), 0)
  expect(statSync(`${path}-parts`).size).toBeLessThan(full)
  expect(statSync(`${path}-parts`).size).toBeLessThanOrEqual(16 + 2 * live)
  const got = readAll(path, 30 + PART_KEEP_RUNS)
  expect(got.slice(0, 30)).toEqual(Array(30).fill(null))
  for (const i of kept) expect(got[i]).toBe(text(i))
})

test('a store whose file cannot be made keeps its parts in their rows, as before', () => {
  const path = store('nofile.sqlite')
  // A folder where the file would be: it can be neither opened nor replaced.
  mkdirSync(`${path}-parts`)
  writeFileSync(join(`${path}-parts`, 'x'), 'x')
  writeRun(path, 0, 4)
  expect(bodies(path).every((b) => b[0] === 2)).toBe(true)
  expect(readAll(path, 4)).toEqual(Array.from({ length: 4 }, (_, i) => text(i)))
  expect(readdirSync(dir).filter((f) => f.startsWith('nofile.sqlite-parts.'))).toEqual([])
})

test('a run that opened the file before another run compacted it reads the parts where they now are', () => {
  const path = store('follow.sqlite')
  const limits = { maxBytes: 1 << 30, plainBytes: 1 << 30, compactSlack: 0 }
  writeRun(path, 0, 30, limits)
  for (let r = 0; r < PART_KEEP_RUNS - 1; r++) writeRun(path, 30 + r, 31 + r, limits)
  const reader = RenderPartsStore.open(path)!
  const before = statSync(`${path}-parts`).ino
  // This run evicts parts 0–29 and compacts the file: the rows of 30 on now name the new file.
  writeRun(path, 30 + PART_KEEP_RUNS - 1, 30 + PART_KEEP_RUNS, limits)
  expect(statSync(`${path}-parts`).ino).not.toBe(before)
  for (let i = 30; i < 30 + PART_KEEP_RUNS; i++) expect(reader.read(String(i))?.bytes.toString('utf8')).toBe(text(i))
  reader.close()
})

test('a new file a killed run left beside the store is removed by the next run; a running process’s is left', () => {
  const path = store('leftover.sqlite')
  writeRun(path, 0, 2)
  // No process has this id (past the largest pid Linux gives).
  const dead = `${path}-parts.4194305.new`
  const live = `${path}-parts.${process.pid}.new`
  writeFileSync(dead, 'x'.repeat(1000))
  writeFileSync(live, 'x')
  expect(readAll(path, 2)).toEqual([text(0), text(1)])
  expect(existsSync(dead)).toBe(false)
  expect(existsSync(live)).toBe(true)
  rmSync(live)
})
