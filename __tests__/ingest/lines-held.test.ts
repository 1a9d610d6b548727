import { afterEach, describe, expect, it } from '@jest/globals'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zstdCompressSync } from 'node:zlib'
import { readCompressedLines, readLines, type Line } from '../../src/ingest/lines.js'
import { tmpDir } from '../helpers.js'

/*
 * On the ingest worker's capped attempt a line over `maxHeldBytes` ends the read before its text
 * is made (src/ingest/held-bytes.ts); one over `maxLineBytes` is still skipped and the read goes
 * on, as without the bound. Inputs are self-written.
 */

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function file(name: string, content: string | Buffer): string {
  const d = tmpDir()
  dirs.push(d)
  const f = join(d, name)
  writeFileSync(f, content)
  return f
}

async function all(lines: AsyncIterable<Line>): Promise<Line[]> {
  const out: Line[] = []
  for await (const l of lines) out.push(l)
  return out
}

const held = 64 * 1024
const limits = { lineNo: 0, maxLineBytes: 1024 * 1024, maxHeldBytes: held }
const shape = (l: Line) => [l.lineNo, l.text, l.end, l.overHeld ?? null, l.tooLong ?? null]

describe('a line over the held bound', () => {
  for (const chunkBytes of [4096, 1 << 20])
    it(`ends the read there, unread, with its size (chunks of ${chunkBytes} bytes)`, async () => {
      const big = 'b'.repeat(held + 1)
      const f = file('a.jsonl', `{"x":1}\n${big}\n{"y":2}\n`)
      const lines = await all(readLines(f, 'utf8', { ...limits, start: 0, chunkBytes }))
      expect(lines.map(shape)).toEqual([
        [1, '{"x":1}', 8, null, null],
        [2, '', 8 + big.length + 1, big.length, null]
      ])
    })

  it('at the bound, is read as any other line', async () => {
    const big = 'b'.repeat(held)
    const f = file('a.jsonl', `${big}\n{"y":2}\n`)
    const lines = await all(readLines(f, 'utf8', { ...limits, start: 0, chunkBytes: 4096 }))
    expect(lines.map((l) => [l.lineNo, l.text.length, l.overHeld ?? null])).toEqual([
      [1, held, null],
      [2, 7, null]
    ])
  })

  it('over the line limit too, is skipped as before and the read goes on', async () => {
    const huge = 'h'.repeat(limits.maxLineBytes + 1)
    const f = file('a.jsonl', `${huge}\n{"y":2}\n`)
    const lines = await all(readLines(f, 'utf8', { ...limits, start: 0, chunkBytes: 4096 }))
    expect(lines.map(shape)).toEqual([
      [1, '', huge.length + 1, null, huge.length],
      [2, '{"y":2}', huge.length + 1 + 8, null, null]
    ])
  })

  it('unterminated at the end of the file, ends the read the same way', async () => {
    const big = 'b'.repeat(held + 10)
    const f = file('a.jsonl', `{"x":1}\n${big}`)
    const lines = await all(readLines(f, 'utf8', { ...limits, start: 0, chunkBytes: 4096 }))
    expect(lines.map((l) => [l.lineNo, l.overHeld ?? null, l.unterminated ?? false])).toEqual([
      [1, null, false],
      [2, big.length, true]
    ])
  })

  it('in a compressed log, ends the read the same way', async () => {
    const big = 'b'.repeat(held + 1)
    const f = file('a.jsonl.zst', zstdCompressSync(Buffer.from(`{"x":1}\n${big}\n{"y":2}\n`)))
    const lines = await all(readCompressedLines(f, 'zstd', limits))
    expect(lines.map((l) => [l.lineNo, l.overHeld ?? null])).toEqual([
      [1, null],
      [2, big.length]
    ])
  })

  it('in a UTF-16 log, ends the read once the line held passes the bound', async () => {
    const big = 'b'.repeat(held)
    const f = file('a.jsonl', Buffer.from(`\uFEFF{"x":1}\n${big}\n{"y":2}\n`, 'utf16le'))
    const lines = await all(readLines(f, 'utf16le', { ...limits, start: 0, chunkBytes: 4096 }))
    expect(lines[0]).toMatchObject({ lineNo: 1, text: '{"x":1}' })
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatchObject({ lineNo: 2, text: '' })
    expect(lines[1].overHeld).toBeGreaterThan(held)
  })

  it('without the bound, is read whole', async () => {
    const big = 'b'.repeat(held + 1)
    const f = file('a.jsonl', `${big}\n`)
    const lines = await all(readLines(f, 'utf8', { start: 0, lineNo: 0, maxLineBytes: limits.maxLineBytes, chunkBytes: 4096 }))
    expect(lines.map((l) => l.text.length)).toEqual([big.length])
  })
})
