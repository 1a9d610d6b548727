import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeCheckedJson } from '../../src/pipeline/json-file.js'
import type { EngineOptions } from '../../src/redact/types.js'
import { renderJson } from '../../src/render/json.js'
import type { Report } from '../../src/select/report.js'
import { fixtureReports } from '../render/support.js'
import { tmpDir } from '../helpers.js'
import { codewordOptions, wholeCheck } from './whole-check.js'

/*
 * The JSON report written a session at a time must be the whole-document check's result byte for
 * byte. The reports are the committed fixtures' (real logs); the rule stands for a value the
 * structured pass let through, as in late-check.test.ts: the fixtures hold the word in prompts,
 * tool arguments and outputs, file paths, and the scope of none of them.
 */
const opts = codewordOptions

let dir: string
let reports: Map<string, Report>
beforeAll(async () => {
  dir = tmpDir('alt-json-file-')
  reports = await fixtureReports()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const wholeDocument = (report: Report, o: EngineOptions) => wholeCheck('report.json', renderJson(report), o)

describe('the JSON report written a session at a time', () => {
  test.each(['summary', 'full'])('%s mode: the same bytes and counts as checking the whole document', (mode) => {
    const report = reports.get(mode) as Report
    // `generator` sits in the frame, `health` in the sessions' text: both parts of the document.
    for (const words of ['health', 'health|ai-log-trail', 'no such word anywhere']) {
      const path = join(dir, `${mode}-${words.length}.json`)
      const { check } = writeCheckedJson(report, path, opts(words))
      const want = wholeDocument(report, opts(words))
      const text = readFileSync(path, 'utf8')
      expect(text).toBe(want.text)
      expect(check).toEqual(want.check)
      // Laid out as one JSON.stringify of the whole document would.
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n')
    }
    // The rule did find something, or the comparison above proves little.
    expect(wholeDocument(report, opts('health')).check.total).toBeGreaterThan(0)
    expect(wholeDocument(report, opts('ai-log-trail')).check.by_file['report.json'].codeword).toBe(1)
  })

  test('a report without sessions keeps an empty array', () => {
    const report = { ...(reports.get('summary') as Report), sessions: [] }
    const path = join(dir, 'empty.json')
    writeCheckedJson(report, path, opts('health'))
    const text = readFileSync(path, 'utf8')
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n')
    expect(text).toContain('"sessions": [],')
  })
})

describe('the JSON report written again with the last check’s note', () => {
  test('the same bytes and counts as writing it afresh, its sessions not read', () => {
    const report = reports.get('full') as Report
    let locked = false
    const sessions = {
      length: report.sessions.length,
      [Symbol.iterator]() {
        if (locked) throw new Error('the sessions were read again')
        return report.sessions[Symbol.iterator]()
      }
    }
    const path = join(dir, 'again.json')
    const first = writeCheckedJson({ ...report, sessions }, path, opts('health'))
    locked = true
    const late = { total: 2, by_file: { 'report.json': { codeword: 2 } } }
    const noted = { ...report, redactions: { ...report.redactions, late } }
    const again = writeCheckedJson({ ...noted, sessions }, path, opts('health'), 'report.json', first.written)
    const want = wholeDocument(noted, opts('health'))
    expect(readFileSync(path, 'utf8')).toBe(want.text)
    expect(want.text).toContain('"late"')
    expect(again.check).toEqual(want.check)
    expect(want.check.total).toBeGreaterThan(0)
  })
})
