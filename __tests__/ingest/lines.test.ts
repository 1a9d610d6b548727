import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readLines } from '../../src/ingest/lines.js'
import { tmpDir } from '../helpers.js'

const dirs: string[] = []
afterEach(() => {
  jest.restoreAllMocks()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('a line that spans many chunks', () => {
  it('is joined once: the bytes copied are linear in its length, not in its length times its chunks', async () => {
    const d = tmpDir()
    dirs.push(d)
    const f = join(d, 'long.jsonl')
    const long = 'a'.repeat(8 * 1024 * 1024)
    writeFileSync(f, `{"x":1}\n${long}\n{"y":2}\n${long}`)
    let copied = 0
    const concat = Buffer.concat.bind(Buffer)
    jest.spyOn(Buffer, 'concat').mockImplementation((list: readonly Uint8Array[], length?: number) => {
      const out = concat(list, length)
      copied += out.length
      return out
    })
    const lines = []
    for await (const l of readLines(f, 'utf8', { start: 0, lineNo: 0, maxLineBytes: 64 * 1024 * 1024, chunkBytes: 64 * 1024 })) lines.push(l)
    expect(lines.map((l) => [l.lineNo, l.text.length, l.end, l.unterminated ?? false])).toEqual([
      [1, 7, 8, false],
      [2, long.length, 8 + long.length + 1, false],
      [3, 7, 8 + long.length + 1 + 8, false],
      [4, long.length, 8 + 2 * (long.length + 1) + 8 - 1, true]
    ])
    expect(lines[1].text).toBe(long)
    // Each long line is copied about twice (its pieces, then the joined line), never once per chunk.
    expect(copied).toBeLessThanOrEqual(2 * (long.length + 1) + 64 * 1024)
  })

  it('over the cap, is skipped without being held, and the next line is read', async () => {
    const d = tmpDir()
    dirs.push(d)
    const f = join(d, 'long.jsonl')
    writeFileSync(f, `{"x":1}\n${'b'.repeat(300 * 1024)}\n{"y":2}\n`)
    const lines = []
    for await (const l of readLines(f, 'utf8', { start: 0, lineNo: 0, maxLineBytes: 100 * 1024, chunkBytes: 64 * 1024 })) lines.push(l)
    expect(lines.map((l) => [l.lineNo, l.text, l.tooLong])).toEqual([
      [1, '{"x":1}', undefined],
      [2, '', 300 * 1024],
      [3, '{"y":2}', undefined]
    ])
  })
})

describe('the bytes a line was read from', () => {
  it('come with a line whose text is exactly their UTF-8, spanning chunks or not, and not with one that held invalid bytes', async () => {
    const d = tmpDir()
    dirs.push(d)
    const f = join(d, 'mixed.jsonl')
    const spanning = `{"m":"${'é'.repeat(40_000)}"}`
    writeFileSync(
      f,
      Buffer.concat([
        Buffer.from('{"a":"déjà 🚀"}\r\n'),
        Buffer.from(`${spanning}\n`),
        Buffer.from('{"b":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}\n{"last":true}')
      ])
    )
    const seen: { text: string; bytes: string | undefined }[] = []
    // Each line's bytes are looked at before the next line is read: they are a view of the read buffer.
    for await (const l of readLines(f, 'utf8', { start: 0, lineNo: 0, maxLineBytes: 1024 * 1024, chunkBytes: 16 * 1024 }))
      seen.push({ text: l.text, bytes: l.bytes?.toString('hex') })
    expect(seen.map((l) => l.text)).toEqual(['{"a":"déjà 🚀"}', spanning, '{"b":"\ufffd\ufffd"}', '{"last":true}'])
    for (const l of [seen[0], seen[1], seen[3]]) expect(l.bytes).toBe(Buffer.from(l.text, 'utf8').toString('hex'))
    expect(seen[2].bytes).toBeUndefined()
  })
})
