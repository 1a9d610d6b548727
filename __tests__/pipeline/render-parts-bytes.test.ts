import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { appendFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { FileOut } from '../../src/pipeline/file-out.js'
import { partCounts } from '../../src/pipeline/render-parts.js'
import { fullRunFixture, CHANGED, line } from './full-run.js'

/*
 * A session's part kept from an earlier run is written to its file as the UTF-8 bytes it was kept
 * as, never decoded into a string and encoded again (src/pipeline/file-out.ts `writeBytes`). The
 * spy counts the text each file is handed as strings; the files are compared byte for byte with
 * those the same store gives with the parts off.
 */

const { logs, kept, run } = fullRunFixture('alt-render-parts-bytes-', partCounts)

/** Characters handed to `FileOut.write` as strings, by file name, while `spy` is on. */
function spyOnStrings(): Map<string, number> {
  const chars = new Map<string, number>()
  const write = FileOut.prototype.write
  jest.spyOn(FileOut.prototype, 'write').mockImplementation(function (this: FileOut, text: string, bytes?: number) {
    // A job writes each file under its temporary name (src/output-folder.ts).
    const name = basename(this.path).replace(/^\.(.+)\.\d+\.partial$/, '$1')
    chars.set(name, (chars.get(name) ?? 0) + text.length)
    write.call(this, text, bytes)
  })
  return chars
}

afterEach(() => {
  jest.restoreAllMocks()
})

describe('kept parts written as bytes', () => {
  beforeAll(async () => {
    const first = await run(kept)
    expect(first.hits).toBe(0)
    expect(first.misses).toBeGreaterThan(0)
  }, 120_000)

  it('hands a file no kept session’s text as a string, and writes the same bytes', async () => {
    const strings = spyOnStrings()
    const again = await run(kept)
    jest.restoreAllMocks()
    expect(again.misses).toBe(0)
    expect(again.hits).toBeGreaterThan(0)
    // Every row of these files is a session's part: only the header line is handed as text.
    for (const name of ['prompts.csv', 'tool_calls.csv']) {
      const header = again.files[name].indexOf('\n') + 1
      expect(again.files[name].length).toBeGreaterThan(header * 2)
      expect(strings.get(name) ?? 0).toBeLessThanOrEqual(header)
    }
    expect(again.files).toEqual((await run(kept, {}, { AI_LOG_TRAIL_RENDER_PARTS: '0' })).files)
  }, 120_000)

  it('writes a grown session’s parts as text and the others as bytes, the same bytes as a rebuild', async () => {
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:06:00.000Z', 'Also run the linter before the commit'))
    const strings = spyOnStrings()
    const grown = await run(kept)
    jest.restoreAllMocks()
    expect(grown.misses).toBeGreaterThan(0)
    expect(grown.hits).toBeGreaterThan(0)
    const header = grown.files['prompts.csv'].indexOf('\n') + 1
    expect(strings.get('prompts.csv') ?? 0).toBeGreaterThan(header)
    expect(strings.get('prompts.csv') ?? 0).toBeLessThan(grown.files['prompts.csv'].length)
    expect(grown.files).toEqual((await run(kept, {}, { AI_LOG_TRAIL_RENDER_PARTS: '0' })).files)
  }, 120_000)
})
