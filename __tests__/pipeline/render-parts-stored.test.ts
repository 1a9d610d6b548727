import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { partCounts } from '../../src/pipeline/render-parts.js'
import { openStore } from '../../src/store/db.js'
import { compressEntry, decompressEntry } from '../../src/store/entry-codec.js'
import { tmpDir } from '../helpers.js'
import { fullRunFixture, CHANGED, FILES, line } from './full-run.js'
import { session, spilledFullReport, words } from './spilled-report.js'

/*
 * A kept part is stored as its text's UTF-8 bytes, not compressed: it is read back every run that
 * renders its file, and decompressing cost more than reading the larger row (docs/performance.md,
 * "kept parts stored as their bytes"); the bytes are in a file beside the store, the row points at
 * them ("kept parts in a file beside the store"). Parts an earlier build kept compressed or in
 * their rows still read; a part cut short, of an unknown codec or lost from the file is made again. Every run's
 * files are compared byte for byte with the same store's files with the parts off.
 */

const { logs, kept, run } = fullRunFixture('alt-render-parts-stored-', partCounts)

/** Each file of a run's out folder as bytes. */
const bytesOf = (out: string) => Object.fromEntries(FILES.map((n) => [n, readFileSync(join(out, n))]))

/** The same store's files with the parts off, as bytes. */
async function fresh(): Promise<Record<string, Buffer>> {
  return bytesOf((await run(kept, {}, { AI_LOG_TRAIL_RENDER_PARTS: '0' })).out)
}

interface Row {
  hash: string
  body: Buffer
  text_bytes: number
}

function rows(): Row[] {
  const db = openStore(kept)
  try {
    return db.prepare('SELECT hash, body, text_bytes FROM render_parts ORDER BY hash').all() as Row[]
  } finally {
    db.close()
  }
}

/** A row's part as its row would hold it: a row pointing into the parts file (codec 3) as the codec byte 2 and the file's bytes. */
function inRow(r: Row): Buffer {
  if (r.body[0] !== 3) return r.body
  const file = readFileSync(`${kept}-parts`)
  const at = r.body.readUIntLE(9, 6)
  return Buffer.concat([Buffer.of(2), file.subarray(at, at + r.body.readUInt32LE(15))])
}

describe('kept parts stored as their bytes', () => {
  beforeAll(async () => {
    const first = await run(kept)
    expect(first.hits).toBe(0)
    expect(first.misses).toBeGreaterThan(0)
  }, 120_000)

  it('keeps each part’s text as it was written, in the file beside the store', async () => {
    const again = await run(kept)
    expect(again.misses).toBe(0)
    const all = rows()
    expect(all.length).toBeGreaterThan(0)
    const written = Object.values(bytesOf(again.out))
    const file = readFileSync(`${kept}-parts`)
    for (const r of all) {
      // The row points into the file (codec 3, the file's id, offset, length); the code before kept the text in the row (codec 2).
      expect(r.body[0]).toBe(3)
      expect(r.body.length).toBe(19)
      expect(r.body.subarray(1, 9)).toEqual(file.subarray(8, 16))
      expect(r.body.readUInt32LE(15)).toBe(r.text_bytes)
      // The stored bytes are a run of some file's bytes, as written.
      const at = r.body.readUIntLE(9, 6)
      const text = file.subarray(at, at + r.text_bytes)
      if (text.length >= 16) expect(written.some((f) => f.includes(text))).toBe(true)
    }
  }, 120_000)

  it('writes a grown run’s files byte for byte as with the parts off', async () => {
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:06:30.000Z', 'Then tag the release'))
    const grown = await run(kept)
    expect(grown.misses).toBe(6)
    expect(grown.hits).toBeGreaterThan(0)
    expect(bytesOf(grown.out)).toEqual(await fresh())
  }, 120_000)

  it('makes again the parts the file beside the store lost, cut short or removed; the files as with the parts off', async () => {
    const parts = `${kept}-parts`
    const cut = readFileSync(parts)
    // The last tenth of the file lost, as a copy of it cut short would.
    writeFileSync(parts, cut.subarray(0, Math.floor(cut.length * 0.9)))
    const short = await run(kept)
    expect(short.misses).toBeGreaterThan(0)
    expect(short.hits).toBeGreaterThan(0)
    expect(bytesOf(short.out)).toEqual(await fresh())
    // Removed (a store restored from a cache without it): every part made again, the same bytes.
    rmSync(parts)
    const cold = await run(kept)
    expect(cold.hits).toBe(0)
    expect(bytesOf(cold.out)).toEqual(await fresh())
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(bytesOf(again.out)).toEqual(await fresh())
  }, 120_000)

  it('reads the parts an earlier build kept compressed', async () => {
    const db = openStore(kept)
    const update = db.prepare('UPDATE render_parts SET body = ? WHERE hash = ?')
    db.transaction(() => {
      for (const r of rows()) update.run(compressEntry(inRow(r).subarray(1)), r.hash)
    })()
    db.close()
    expect(rows().every((r) => r.body[0] !== 2)).toBe(true)
    const old = await run(kept)
    expect(old.misses).toBe(0)
    expect(old.hits).toBeGreaterThan(0)
    expect(bytesOf(old.out)).toEqual(await fresh())
  }, 120_000)

  it('moves the parts an earlier build kept in their rows into the file beside the store, once', async () => {
    const db = openStore(kept)
    const update = db.prepare('UPDATE render_parts SET body = ? WHERE hash = ?')
    db.transaction(() => {
      for (const r of rows()) update.run(r.body[0] === 3 ? inRow(r) : Buffer.concat([Buffer.of(2), decompressEntry(r.body, r.text_bytes)]), r.hash)
    })()
    db.close()
    const before = rows()
    expect(before.every((r) => r.body[0] === 2)).toBe(true)
    const moved = await run(kept)
    expect(moved.misses).toBe(0)
    expect(bytesOf(moved.out)).toEqual(await fresh())
    // Every part the run read (not those only an earlier run's files held) now points into the file, holding the bytes its row held.
    const after = rows()
    expect(after.map((r) => r.hash)).toEqual(before.map((r) => r.hash))
    expect(after.filter((r) => r.body[0] === 3).length).toBe(moved.hits)
    after.forEach((r, i) => expect(inRow(r)).toEqual(before[i].body))
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(bytesOf(again.out)).toEqual(await fresh())
  }, 120_000)

  it('makes again a stored part cut short, grown or of an unknown codec, without failing', async () => {
    const db = openStore(kept)
    // The run above left the parts as an earlier build kept them (parts off writes none): keep them as this one does.
    const update = db.prepare('UPDATE render_parts SET body = ? WHERE hash = ?')
    db.transaction(() => {
      for (const r of rows())
        if (r.body[0] !== 2) update.run(r.body[0] === 3 ? inRow(r) : Buffer.concat([Buffer.of(2), decompressEntry(r.body, r.text_bytes)]), r.hash)
    })()
    db.prepare(`UPDATE render_parts SET body = substr(body, 1, length(body) - 1) WHERE rowid % 3 = 0`).run()
    db.prepare(`UPDATE render_parts SET body = X'07' || substr(body, 2) WHERE rowid % 3 = 1`).run()
    db.prepare(`UPDATE render_parts SET body = body || X'20' WHERE rowid % 3 = 2`).run()
    db.close()
    const repaired = await run(kept)
    // Every row was spoilt one way or another: none is met, and those the run needs are made again.
    expect(repaired.hits).toBe(0)
    expect(repaired.misses).toBeGreaterThan(0)
    expect(bytesOf(repaired.out)).toEqual(await fresh())
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(bytesOf(again.out)).toEqual(await fresh())
  }, 120_000)
})

/*
 * A part larger than the batch a run writes its parts' rows in (256 KiB of stored bytes; 1 MiB
 * when they go to the parts file, whose parts over a batch render-parts-file.test.ts writes) and under
 * PART_MAX_CHARS: kept whole in a batch of its own, read back whole.
 */

describe('a part larger than a batch', () => {
  let dir: string
  beforeAll(() => {
    dir = tmpDir('alt-parts-stored-large-')
    writeFileSync(
      join(dir, 'large.ndjson'),
      session(
        '6e1d3b9f-2c4e-4d9f-8b7a-1e3f5c7d9b33',
        Array.from({ length: 12 }, (_, i) => words(40_000, i))
      )
    )
    writeFileSync(join(dir, 'small.ndjson'), session('8b2e4c9a-3d5f-4e0a-9c8b-2f4a6d8e0c44', ['make test']))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const job = (database: string, out: string, env: Record<string, string> = {}) =>
    spilledFullReport(database, [join(dir, 'large.ndjson'), join(dir, 'small.ndjson')], join(dir, out), env)

  it('is kept whole and read back whole', async () => {
    const database = join(dir, 'work.sqlite')
    const first = await job(database, 'out-1')
    expect(first.hits).toBe(0)
    const db = openStore(database)
    const largest = db.prepare('SELECT MAX(text_bytes) FROM render_parts').pluck().get() as number
    db.close()
    expect(largest).toBeGreaterThan(256 << 10)
    const again = await job(database, 'out-2')
    expect(again.misses).toBe(0)
    expect(again.hits).toBe(first.misses)
    await job(database, 'out-off', { AI_LOG_TRAIL_RENDER_PARTS: '0' })
    for (const name of ['report.md', 'report.json', 'report.html', 'tool_calls.csv', 'prompts.csv'])
      expect(readFileSync(join(dir, 'out-2', name))).toEqual(readFileSync(join(dir, 'out-off', name)))
  }, 120_000)
})
