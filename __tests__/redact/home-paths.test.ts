import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { homePathDetector } from '../../src/redact/detectors/home-paths.js'
import { engineOptions } from '../../src/redact/engine-options.js'
import { redactText } from '../../src/redact/engine.js'
import { lateCheckContent, lateCheckOptions } from '../../src/redact/late/check.js'
import { csvRecords, MAX_CELL_CHARS } from '../../src/render/csv-format.js'
import { tmpDir } from '../helpers.js'

const found = (text: string): string[] => homePathDetector.find(text).map((f) => text.slice(f.start, f.end))

const NAME = 'mkowalczyk'
/** A line of a Grep tool's output, as Claude Code sessions hold them: one home path per line. */
const grepLine = (i: number) => `/home/${NAME}/src/run-at-2/src/api/r${String(i).padStart(5, '0')}.ts:660: x\n`

/**
 * A Grep output whose redacted form (`/home/[REDACTED:home-path#1]/…` on every line) has a marker
 * across the CSV's cut at MAX_CELL_CHARS: the cut moves to the marker's start, so the cell ends in
 * `/home/` and the truncation note follows it. `marker` is the redacted name's length.
 */
function outputCutAtMarker(marker: number): string {
  const redactedLine = grepLine(0).length - NAME.length + marker
  // The marker of line k starts at head + k * redactedLine + '/home/'.length; put one 10 before the cut.
  const markerStart = MAX_CELL_CHARS - 10 - '/home/'.length
  const head = markerStart % redactedLine
  const lines = Array.from({ length: Math.ceil(MAX_CELL_CHARS / redactedLine) + 40 }, (_, i) => grepLine(i))
  return (head > 0 ? 'h'.repeat(head - 1) + '\n' : '') + lines.join('')
}

describe('home-path: an elided user name', () => {
  it('a segment that is only an ellipsis is no name (the CSV’s cut at a marker, a tool’s elided path)', () => {
    for (const text of [
      '/home/… (truncated, 60,875 more characters)',
      '/Users/… (truncated, 55 more characters)',
      'C:\\Users\\… (truncated, 1 more character)',
      'ls /home/…/src/run-at-2',
      'cd /Users/……/x'
    ])
      expect([text, found(text)]).toEqual([text, []])
  })

  it('a cut name, or a name next to an ellipsis, is still found', () => {
    for (const [text, name] of [
      ['/home/al… (truncated, 9 more characters)', 'al…'],
      ['/home/alice…', 'alice…'],
      ['/Users/…alice/src', '…alice'],
      ['/home/alice/…', 'alice'],
      ['C:\\Users\\jokafor…', 'jokafor…'],
      [grepLine(7), NAME]
    ])
      expect([text, found(text)]).toEqual([text, [name]])
  })
})

describe('a tool’s output cut at a marker in tool_calls.csv', () => {
  const config = parseConfig('', 'default')
  const fieldOpts = engineOptions(config)('tool_output')

  it('the cell the CSV writes holds no value for the last check', () => {
    const redacted = redactText(outputCutAtMarker('[REDACTED:home-path#1]'.length), fieldOpts).text
    expect(redacted).not.toContain(NAME)
    const csv = csvRecords([
      ['session_id', 'output'],
      ['s1', redacted]
    ])
    // The shape the bench corpora showed: the cut at the marker leaves `/home/`, then the note.
    expect(csv).toMatch(/\n\/home\/… \(truncated, [\d,]+ more characters\)"\r\n$/)
    const late = lateCheckContent('tool_calls.csv', csv, lateCheckOptions(config))
    expect(late.findings).toEqual([])
    expect(late.text).toBe(csv)
  })
})

describe('a full-mode report of a session with such an output', () => {
  const dirs: string[] = []
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('the last check finds nothing, so the files are rendered once and the job memo keeps them', async () => {
    const dir = tmpDir('alt-home-cut-')
    dirs.push(dir)
    const project = join(dir, 'logs', 'projects', `-home-${NAME}-src-run-at-2`)
    mkdirSync(project, { recursive: true })
    const sessionId = '55555555-5555-4555-8555-555555555555'
    const base = { isSidechain: false, userType: 'external', cwd: `/home/${NAME}/src/run-at-2`, sessionId, version: '2.0.50', gitBranch: 'main' }
    const usage = { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 20, service_tier: 'standard' }
    const events = [
      {
        ...base,
        parentUuid: null,
        type: 'user',
        message: { role: 'user', content: 'Where is parseLine used?' },
        uuid: 'c0000000-0000-4000-8000-000000000001',
        timestamp: '2025-11-20T10:00:00.000Z'
      },
      {
        ...base,
        parentUuid: 'c0000000-0000-4000-8000-000000000001',
        type: 'assistant',
        message: {
          id: 'msg_05A1',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5-20250929',
          content: [
            {
              type: 'tool_use',
              id: 'toolu_05A1',
              name: 'Grep',
              input: { pattern: 'parseLine', path: `/home/${NAME}/src/run-at-2`, output_mode: 'content', '-n': true }
            }
          ],
          stop_reason: null,
          stop_sequence: null,
          usage
        },
        requestId: 'req_05A1',
        uuid: 'c0000000-0000-4000-8000-000000000002',
        timestamp: '2025-11-20T10:00:02.000Z'
      },
      {
        ...base,
        parentUuid: 'c0000000-0000-4000-8000-000000000002',
        type: 'user',
        message: { role: 'user', content: [{ tool_use_id: 'toolu_05A1', type: 'tool_result', content: outputCutAtMarker('[REDACTED:home-path#1]'.length) }] },
        uuid: 'c0000000-0000-4000-8000-000000000003',
        timestamp: '2025-11-20T10:00:03.000Z'
      }
    ]
    writeFileSync(join(project, `${sessionId}.jsonl`), events.map((e) => JSON.stringify(e)).join('\n') + '\n')
    const out = join(dir, 'out')
    const job = () =>
      runJob({
        database: join(dir, 'work.sqlite'),
        repoDir: dir,
        paths: [join(dir, 'logs')],
        config: parseConfig('', 'default'),
        mode: 'full',
        formats: ['md', 'json', 'csv', 'html'],
        outDir: out,
        now: new Date('2026-01-01T00:00:00Z'),
        version: '0.0.0'
      })
    const result = await job()
    expect(result.late).toEqual({ total: 0, by_file: {} })
    // The job memo keeps no run whose last check found something (src/pipeline/job-memo.ts).
    expect(result.memo).toBe('kept')
    expect((await job()).memo).toBe('replayed')
    const csv = readFileSync(join(out, 'tool_calls.csv'), 'utf8')
    expect(csv).toMatch(/\n\/home\/… \(truncated, [\d,]+ more characters\)"/)
    expect(csv).not.toContain(NAME)
  })
})
