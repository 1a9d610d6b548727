import { afterEach, describe, expect, test } from '@jest/globals'
import { readInputs } from '../../src/action/inputs.js'
import { failOnReasons } from '../../src/action/main.js'
import type { JobResult } from '../../src/pipeline/job.js'

/** `format_warnings`: the report's (its sessions' files); `ingested`: this run's ingest's. */
function result(
  late: JobResult['late'],
  redactions = 0,
  format_warnings: unknown[] = [],
  ingested: unknown[] = format_warnings
): Pick<JobResult, 'ingest' | 'report' | 'redactions' | 'late'> {
  return {
    ingest: { skipped_lines: 0, format_warnings: ingested } as JobResult['ingest'],
    report: { unpriced_models: [], totals: { sessions: 1 }, format_warnings } as unknown as JobResult['report'],
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
      /input 'fail-on' has an unknown condition 'late' \(none, parse-errors, unpriced, redactions, no-sessions, publish, late-findings, format-drift\)/
    )
  })
})

describe('fail-on: format-drift', () => {
  const drift = { file: '/logs/rollout.jsonl', message: 'OpenAI Codex CLI session rollout from version 0.151.0: 212 of 230 records of unknown types' }

  test('fails the step on a log that looks written in a changed format, naming the first', () => {
    expect(failOnReasons(new Set(['format-drift']), result(NOTHING, 0, [drift, drift]))).toEqual([
      '2 log file(s) look like a changed format: /logs/rollout.jsonl: OpenAI Codex CLI session rollout from version 0.151.0: 212 of 230 records of unknown types'
    ])
  })

  test("reads the report's warnings, so a re-run on a cached database that read no file still fails", () => {
    expect(failOnReasons(new Set(['format-drift']), result(NOTHING, 0, [drift], []))).toEqual([
      '1 log file(s) look like a changed format: /logs/rollout.jsonl: OpenAI Codex CLI session rollout from version 0.151.0: 212 of 230 records of unknown types'
    ])
    // A file read in this run whose sessions the report leaves out does not fail the step.
    expect(failOnReasons(new Set(['format-drift']), result(NOTHING, 0, [], [drift]))).toEqual([])
  })

  test('does not fail without a warning, nor when the condition is not asked for', () => {
    expect(failOnReasons(new Set(['format-drift']), result(NOTHING))).toEqual([])
    expect(failOnReasons(new Set(['parse-errors']), result(NOTHING, 0, [drift]))).toEqual([])
  })

  test('is an accepted value of the input', () => {
    process.env['INPUT_FAIL-ON'] = 'format-drift'
    expect([...readInputs().failOn]).toEqual(['format-drift'])
  })
})
