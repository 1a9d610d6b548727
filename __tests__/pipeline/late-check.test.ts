import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import Database from 'better-sqlite3'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fitToBudget } from '../../src/pipeline/final-check.js'
import { runJob, type JobResult } from '../../src/pipeline/job.js'
import { parseConfig } from '../../src/config/load.js'
import type { Config } from '../../src/config/schema.js'
import { lateCheckOptions } from '../../src/redact/late/check.js'
import { ruleDetector } from '../../src/redact/rules.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * A value the structured pass cannot see: the last check's options get a rule the report's
 * redaction does not have (through the job's test hook), as if a renderer had published text
 * that never went through the redaction of the report's fields. The committed fixtures hold the
 * word in prompts, tool arguments and outputs, file paths and the raw events.
 */
const WORD = /health/i
const withHiddenRule = (config: Config, included?: readonly string[]) => {
  const o = lateCheckOptions(config, included)
  return { ...o, detectors: [ruleDetector({ id: 'codeword', pattern: 'health', flags: 'i' }), ...o.detectors] }
}

const OUTPUTS = ['report.md', 'report.json', 'sessions.csv', 'prompts.csv', 'tool_calls.csv', 'tokens.csv', 'report.html', 'comment.md', 'summary.md']

let dir: string
let out: string
let result: JobResult
const job = (outDir: string, hook = true) =>
  runJob({
    database: join(dir, 'work.sqlite'),
    repoDir: dir,
    paths: [join(fixtures, 'claude-code'), join(fixtures, 'recorder')],
    config: parseConfig('', 'default'),
    mode: 'full',
    formats: ['md', 'json', 'csv', 'html'],
    outDir,
    now: new Date('2026-01-01T00:00:00Z'),
    version: '0.0.0',
    exportDatabase: true,
    lateCheckOptions: hook ? withHiddenRule : undefined
  })

beforeAll(async () => {
  dir = tmpDir('alt-late-')
  out = join(dir, 'out')
  result = await job(out)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the last check in the job', () => {
  test('without it the word is published (the test would prove nothing otherwise)', async () => {
    const plain = await job(join(dir, 'plain'), false)
    expect(plain.late.total).toBe(0)
    expect(readFileSync(join(dir, 'plain', 'report.md'), 'utf8')).toMatch(WORD)
    expect(readFileSync(join(dir, 'plain', 'ai-log-trail.sqlite')).toString('latin1')).toMatch(WORD)
  })

  test('no output file holds a trace of a value the structured pass let through', () => {
    expect(result.files).toEqual([...OUTPUTS, 'ai-log-trail.sqlite'])
    for (const f of OUTPUTS) expect([f, readFileSync(join(out, f), 'utf8')]).toEqual([f, expect.not.stringMatching(WORD)])
    for (const [name, text] of [
      ['comment', result.comment],
      ['summary', result.summary],
      ['release section', result.releaseSection]
    ])
      expect([name, text]).toEqual([name, expect.not.stringMatching(WORD)])
    expect(readFileSync(join(out, 'ai-log-trail.sqlite')).toString('latin1')).not.toMatch(WORD)
  })

  test('the files stay valid: JSON parses, the database opens, markers replace the word', () => {
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { redactions: { late?: unknown } }
    expect(report.redactions.late).toEqual(result.late)
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('[REDACTED:codeword]')
    const db = new Database(join(out, 'ai-log-trail.sqlite'), { readonly: true })
    const prompts = db.prepare('SELECT text FROM prompts').pluck().all() as string[]
    db.close()
    expect(prompts.some((p) => p.includes('[REDACTED:codeword]'))).toBe(true)
  })

  test('counted per detector and per file, and told in the transparency sections', () => {
    expect(result.late.total).toBeGreaterThan(0)
    const files = Object.keys(result.late.by_file).sort()
    expect(files).toEqual(
      expect.arrayContaining(['ai-log-trail.sqlite', 'comment.md', 'report.html', 'report.json', 'report.md', 'summary.md', 'release notes'])
    )
    for (const byDetector of Object.values(result.late.by_file)) expect(Object.keys(byDetector)).toEqual(['codeword'])
    const sum = Object.values(result.late.by_file).reduce((n, d) => n + d.codeword, 0)
    expect(sum).toBe(result.late.total)
    const line = `Late check: ${result.late.total.toLocaleString('en-US')} values redacted in the final files (codeword × `
    for (const f of ['report.md', 'summary.md', 'comment.md']) expect(readFileSync(join(out, f), 'utf8')).toContain(line)
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(line)
    expect(result.report.redactions.late).toEqual(result.late)
  })

  test('running the last check again on the published files finds nothing', async () => {
    const { lateCheckContent } = await import('../../src/redact/late/check.js')
    const { lateCheckDatabase } = await import('../../src/redact/late/database.js')
    const opts = withHiddenRule(parseConfig('', 'default'))
    for (const f of OUTPUTS) expect([f, lateCheckContent(f, readFileSync(join(out, f), 'utf8'), opts).findings]).toEqual([f, []])
    expect(lateCheckDatabase(join(out, 'ai-log-trail.sqlite'), opts).total).toBe(0)
  })
})

describe('a budgeted body (the comment) after the last check', () => {
  test('stays within its budget when markers are longer than what they replace', () => {
    const opts = lateCheckOptions(parseConfig('', 'default'))
    // Each short address becomes a marker of 27 characters: the checked text is longer than rendered.
    const render = (budget: number) => 'x@qz.io '.repeat(Math.floor(budget / 8))
    const budgets: number[] = []
    const r = fitToBudget((b) => (budgets.push(b), render(b)), 64_512, 'comment.md', opts)
    expect(r.text.content.length).toBeLessThanOrEqual(64_512)
    expect(r.text.content).not.toContain('x@qz.io')
    expect(r.check.total).toBe(r.text.content.split('[REDACTED:email#').length - 1)
    expect(r.check.total).toBeGreaterThan(1000)
    expect(budgets[0]).toBe(64_512)
    expect(budgets.length).toBeGreaterThan(1)
  })
})
