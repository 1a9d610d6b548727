import { afterEach, describe, expect, test } from '@jest/globals'
import { readInputs } from '../../src/action/inputs.js'
import { failOnReasons } from '../../src/action/main.js'
import type { JobResult } from '../../src/pipeline/job.js'

function result(late: JobResult['late'], redactions = 0): Pick<JobResult, 'ingest' | 'report' | 'redactions' | 'late'> {
  return {
    ingest: { skipped_lines: 0 } as JobResult['ingest'],
    report: { unpriced_models: [], totals: { sessions: 1 } } as unknown as JobResult['report'],
    redactions,
    late
  }
}

const FOUND = { total: 2, by_file: { 'report.html': { email: 1 }, 'comment.md': { 'github-token': 1 } } }
const NOTHING = { total: 0, by_file: {} }

afterEach(() => {
  delete process.env['INPUT_FAIL-ON']
})

describe('fail-on: late-findings', () => {
  test('fails the step when the last check redacted anything, naming how many', () => {
    expect(failOnReasons(new Set(['late-findings']), result(FOUND))).toEqual([
      "the last check of the final files redacted 2 value(s) the report's redaction had missed"
    ])
  })

  test('does not fail when the last check found nothing, nor when the condition is not asked for', () => {
    expect(failOnReasons(new Set(['late-findings']), result(NOTHING, 5))).toEqual([])
    expect(failOnReasons(new Set(['redactions']), result(FOUND))).toEqual([])
    expect(failOnReasons(new Set(), result(FOUND, 5))).toEqual([])
  })

  test('is an accepted value of the input, beside the others', () => {
    process.env['INPUT_FAIL-ON'] = 'late-findings, redactions'
    expect([...readInputs().failOn]).toEqual(['late-findings', 'redactions'])
    process.env['INPUT_FAIL-ON'] = 'late'
    expect(() => readInputs()).toThrow(
      /input 'fail-on' has an unknown condition 'late' \(none, parse-errors, unpriced, redactions, no-sessions, publish, late-findings\)/
    )
  })
})
