import { describe, expect, it } from '@jest/globals'
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import type { NormalizedEvent } from '../../src/model/events.js'
import { openStore, type Db } from '../../src/store/db.js'
import { fileIdFor } from '../../src/store/files.js'
import { storedPayload } from '../../src/store/payload.js'
import { encodeRawBlock, RawBlock, RawBlockWriter, readRawLine, withRawLines, type RawAddress } from '../../src/store/raw-blocks.js'
import { deleteSession } from '../../src/store/sessions.js'
import { StoreWriter } from '../../src/store/writer.js'
import { cleanUpAfterEach, fixtures, haveSamples, samples, tmpDir } from '../helpers.js'

const { removeLater } = cleanUpAfterEach()

/** Every fixture folder of agent logs (fixtures/records and fixtures/redaction hold no logs). */
const fixtureDirs = readdirSync(fixtures, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'records' && d.name !== 'redaction')
  .map((d) => join(fixtures, d.name))

type Given = { raw: string | null; own: boolean }

/** What the ingest handed the writer as each event's raw line, keyed by file, line and position. */
function recordRawLinesGiven(): { given: Map<string, Given>; stop(): void } {
  const given = new Map<string, Given>()
  const original = StoreWriter.prototype.event
  StoreWriter.prototype.event = function (this: StoreWriter, fileId, agent, seq, ev, raw, payloadJson) {
    const stored = original.call(this, fileId, agent, seq, ev, raw, payloadJson)
    if (stored) given.set(`${fileId}:${ev.line}:${seq}`, { raw, own: ev.raw !== undefined })
    return stored
  }
  return { given, stop: () => void (StoreWriter.prototype.event = original) }
}

type StoredRow = { file_id: number; path: string; line: number; seq: number; raw: string | null }

function storedRawLines(db: Db): StoredRow[] {
  return withRawLines(
    db,
    db
      .prepare(
        'SELECT e.file_id, f.path, e.line, e.seq, e.raw_block, e.raw_item FROM events e JOIN files f ON f.id = e.file_id ORDER BY e.file_id, e.line, e.seq'
      )
      .all() as (Omit<StoredRow, 'raw'> & RawAddress)[]
  )
}

/** Ingests `paths` and checks every event's raw line reads back as the ingest gave it; returns what was stored. */
async function roundTrip(paths: string[]): Promise<{ rows: StoredRow[]; given: Map<string, Given> }> {
  const dir = tmpDir()
  removeLater(dir)
  const db = openStore(join(dir, 'store.sqlite'))
  const spy = recordRawLinesGiven()
  try {
    const result = await ingestPaths(db, paths)
    expect(result.events).toBe(spy.given.size)
  } finally {
    spy.stop()
  }
  const rows = storedRawLines(db)
  db.close()
  expect(rows.length).toBe(spy.given.size)
  for (const r of rows)
    expect({ at: `${r.path}:${r.line}:${r.seq}`, raw: r.raw }).toEqual({
      at: `${r.path}:${r.line}:${r.seq}`,
      raw: spy.given.get(`${r.file_id}:${r.line}:${r.seq}`)!.raw
    })
  return { rows, given: spy.given }
}

/** A JSON Lines file's raw lines are its own lines: checked against the file's bytes, not only against what the writer was given. */
function expectLinesOfJsonl(rows: StoredRow[], given: Map<string, Given>): number {
  let checked = 0
  const texts = new Map<string, string[]>()
  for (const r of rows) {
    // Line 0 holds what a source derives from the file as a whole, not from one of its lines.
    if (!r.path.endsWith('.jsonl') || r.line < 1 || r.raw === null || given.get(`${r.file_id}:${r.line}:${r.seq}`)!.own) continue
    if (!texts.has(r.path)) texts.set(r.path, readFileSync(r.path, 'utf8').split(/\r?\n/))
    expect({ at: `${r.path}:${r.line}`, raw: r.raw }).toEqual({ at: `${r.path}:${r.line}`, raw: texts.get(r.path)![r.line - 1] })
    checked++
  }
  return checked
}

describe('raw lines in compressed blocks', () => {
  it("gives back every fixture's every raw line byte for byte after an ingest", async () => {
    const { rows, given } = await roundTrip(fixtureDirs)
    const kept = rows.filter((r) => r.raw !== null)
    expect(new Set(rows.map((r) => r.path)).size).toBeGreaterThan(40)
    expect(kept.length).toBeGreaterThan(500)
    expect(expectLinesOfJsonl(rows, given)).toBeGreaterThan(300)
  })

  ;(haveSamples ? it : it.skip)('gives back every raw line of the real logs in ../shared/samples byte for byte', async () => {
    const { rows, given } = await roundTrip([samples])
    expect(rows.filter((r) => r.raw !== null).length).toBeGreaterThan(100)
    expect(expectLinesOfJsonl(rows, given)).toBeGreaterThan(100)
  })

  it('round-trips text SQLite would keep: empty, multi-line, astral, NUL, and a lone surrogate as U+FFFD', () => {
    const items = ['', 'a\nb\r\n', '😀 ünïcödé', 'nul\u0000inside', 'x'.repeat(100_000), 'lone \ud800 surrogate']
    const back = RawBlock.decode(encodeRawBlock(items)).items()
    expect(back.slice(0, 5)).toEqual(items.slice(0, 5))
    expect(back[5]).toBe('lone \ufffd surrogate')
    // The same as the TEXT column the lines were kept in before.
    const db = openStore(':memory:')
    expect(db.prepare('SELECT ? AS t').get(items[5])).toEqual({ t: back[5] })
    db.close()
  })

  it('closes a block at its size limit and at the end of a batch, each written with the events of its transaction', () => {
    const db = openStore(':memory:')
    const file = fileIdFor(db, '/logs/a.jsonl')
    const blocks = new RawBlockWriter(db, 10)
    const addresses: { block: number; item: number }[] = []
    db.transaction(() => {
      for (const line of ['12345', '67890', 'abc', 'defghijkl', 'z']) {
        addresses.push(blocks.next(file))
        blocks.keep(line)
      }
      blocks.close()
    })()
    expect(addresses).toEqual([
      { block: 1, item: 0 },
      { block: 1, item: 1 },
      { block: 2, item: 0 },
      { block: 2, item: 1 },
      { block: 3, item: 0 }
    ])
    expect(
      (db.prepare('SELECT id, data FROM raw_blocks ORDER BY id').all() as { id: number; data: Buffer }[]).map((b) => RawBlock.decode(b.data).items())
    ).toEqual([['12345', '67890'], ['abc', 'defghijkl'], ['z']])
    // A batch that rolls back leaves no block, and the next one does not reuse what it addressed.
    expect(() =>
      db.transaction(() => {
        blocks.next(file)
        blocks.keep('lost')
        blocks.close()
        throw new Error('crash')
      })()
    ).toThrow('crash')
    blocks.discard()
    expect(db.prepare('SELECT COUNT(*) AS n FROM raw_blocks').get()).toEqual({ n: 3 })
    db.close()
  })

  it('a grown file adds blocks and leaves the old ones as they were; a rewritten file drops its old blocks', async () => {
    const dir = tmpDir()
    removeLater(dir)
    const source = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8').split('\n')
    const log = join(dir, 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
    const half = Math.floor(source.length / 2)
    writeFileSync(log, source.slice(0, half).join('\n') + '\n')
    const db = openStore(join(dir, 'store.sqlite'))
    const blocksNow = () => db.prepare('SELECT id, file_id, data FROM raw_blocks ORDER BY id').all() as { id: number; file_id: number; data: Buffer }[]
    const linesNow = () => storedRawLines(db).filter((r) => r.raw !== null && r.seq === 0)
    await ingestPaths(db, [log])
    const before = blocksNow()
    expect(before.length).toBeGreaterThan(0)

    appendFileSync(log, source.slice(half).join('\n'))
    await ingestPaths(db, [log])
    const grown = blocksNow()
    expect(grown.slice(0, before.length)).toEqual(before)
    expect(grown.length).toBeGreaterThan(before.length)
    const lines = readFileSync(log, 'utf8').split('\n')
    for (const r of linesNow()) expect(r.raw).toBe(lines[r.line - 1])
    expect(linesNow().length).toBeGreaterThan(half)

    // Rewritten from its start: the head changes, so what was stored from it is forgotten.
    const rewritten = source.map((l) => l.replaceAll('/home/dev/projects/demo', '/home/dev/projects/rewritten'))
    writeFileSync(log, rewritten.join('\n'))
    expect(statSync(log).size).not.toBe(source.join('\n').length)
    await ingestPaths(db, [log])
    const after = blocksNow()
    const text = after.flatMap((b) => RawBlock.decode(b.data).items()).join('\n')
    expect(text).toContain('/home/dev/projects/rewritten')
    expect(text).not.toContain('/home/dev/projects/demo')
    for (const r of linesNow()) expect(r.raw).toBe(rewritten[r.line - 1])
    db.close()
  })

  it('deleting a session blanks its lines in a block it shared and deletes a block it used alone', () => {
    const db = openStore(':memory:')
    const writer = new StoreWriter(db)
    const file = fileIdFor(db, '/logs/two-sessions.jsonl')
    const ev = (session_id: string, line: number): NormalizedEvent => ({
      session_id,
      ts: null,
      line,
      payload: { kind: 'other', type: 'x' } as NormalizedEvent['payload']
    })
    db.transaction(() => {
      writer.beginBatch(new Map())
      ;[
        ['a', 'line one of a'],
        ['b', 'line two of b'],
        ['a', 'line three of a']
      ].forEach(([sid, raw], i) => writer.event(file, 'codex', 0, ev(sid, i + 1), raw, storedPayload(ev(sid, i + 1).payload)))
      writer.flushRawLines()
    })()
    const ids = db.prepare('SELECT id FROM events ORDER BY line').pluck().all() as number[]
    expect(ids.map((id) => readRawLine(db, id))).toEqual(['line one of a', 'line two of b', 'line three of a'])

    deleteSession(db, 'a')
    const [block] = db.prepare('SELECT data FROM raw_blocks').all() as { data: Buffer }[]
    expect(RawBlock.decode(block.data).items()).toEqual(['', 'line two of b', ''])
    expect(readRawLine(db, ids[1])).toBe('line two of b')

    deleteSession(db, 'b')
    expect(db.prepare('SELECT COUNT(*) AS n FROM raw_blocks').get()).toEqual({ n: 0 })
    db.close()
  })
})
