import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ParseRecord } from '../../src/sources/types.js'
import { fixtureCases, fixtureContext, json, logLines, parseFixture, recordsFiles, runLines, type RecordsFile } from './records.js'

/**
 * Every sample log's parse, compared with its committed `.records.json`: parsers only, no
 * database. `UPDATE_RECORDS=1` rewrites the expected files from the current parsers (read the
 * diff: it is the change in what the parsers yield).
 */
const UPDATE = process.env.UPDATE_RECORDS === '1'
const cases = fixtureCases()

function stored(path: string): RecordsFile {
  return JSON.parse(readFileSync(path, 'utf8')) as RecordsFile
}

describe('fixture records', () => {
  it('finds a log of every agent', () => {
    expect(new Set(cases.map((c) => c.source.agent))).toEqual(
      new Set([
        'codex',
        'claude-code',
        'gemini-cli',
        'qwen-code',
        'copilot-chat',
        'copilot-cli',
        'cursor',
        'cline',
        'roo-code',
        'kilo-code',
        'pi',
        'factory-droid',
        'aider',
        'recorder'
      ])
    )
  })

  it('has one records file per fixture log, and none for a log that is gone', () => {
    if (UPDATE) return
    expect(recordsFiles()).toEqual(cases.map((c) => c.recordsPath).sort())
  })

  it.each(cases.map((c) => [c.input, c] as const))('%s', async (_input, c) => {
    const actual = await parseFixture(c.input, c.source)
    if (UPDATE) {
      mkdirSync(dirname(c.recordsPath), { recursive: true })
      writeFileSync(c.recordsPath, JSON.stringify(actual, null, 2) + '\n')
      return
    }
    const expected = stored(c.recordsPath)
    expect(actual.source).toBe(expected.source)
    expect(actual.records).toEqual(expected.records)
    // The state is stored as this JSON between ingests: its bytes, key order included, must not drift.
    expect(JSON.stringify(actual.state)).toBe(JSON.stringify(expected.state))
  })
})

describe('line parser state', () => {
  const lineCases = cases.filter((c) => c.source.mode === 'lines')

  it.each(lineCases.map((c) => [c.input, c] as const))(
    '%s: resumed from its JSON state after any line, the rest of the file parses the same',
    async (_input, c) => {
      if (c.source.mode !== 'lines') throw new Error('not a line source')
      const ctx = fixtureContext(c.input)
      const lines = await logLines(c.input)
      const whole = await parseFixture(c.input, c.source)
      expect(lines.length).toBeGreaterThan(1)
      for (let cut = 1; cut < lines.length; cut++) {
        const first = runLines(c.source, ctx, lines.slice(0, cut))
        const saved = JSON.parse(JSON.stringify(first.parser.state() ?? null)) as unknown
        const rest = runLines(c.source, ctx, lines.slice(cut), saved)
        const tail: ParseRecord[] = []
        rest.parser.end(tail)
        expect({ cut, records: json([...first.records, ...rest.records, ...tail]) }).toEqual({ cut, records: whole.records })
        expect(JSON.stringify(rest.parser.state() ?? null)).toBe(JSON.stringify(whole.state))
      }
    }
  )
})
