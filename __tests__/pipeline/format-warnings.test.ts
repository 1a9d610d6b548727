import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { buildReport } from '../../src/pipeline/report.js'
import { renderComment } from '../../src/render/comment/index.js'
import { renderReport } from '../../src/render/index.js'
import type { Report } from '../../src/select/report.js'
import { fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'

/**
 * Fixture: fixtures/claude-code-2.1 (real-shaped Claude Code 2.1 log, one record of a made-up
 * type), copied with four more records of that type so that more than a tenth of its records
 * are of a type the reader does not know, as after an agent update. Next to it, the unchanged
 * Claude Code 2.0 fixtures, which must not warn.
 */

const NAME = '7a1e2000-2100-4100-8100-000000000021.jsonl'
const SRC = join(fixtures, 'claude-code-2.1', 'projects', '-home-dev-widgets', NAME)
const UNKNOWN = '{"type":"tengu-future-entry","sessionId":"7a1e2000-2100-4100-8100-000000000021","payload":{"x":2}}\n'

let dir: string
let logs: string
let r: Ingested
beforeAll(async () => {
  dir = tmpDir()
  logs = join(dir, 'projects', '-home-dev-widgets')
  mkdirSync(logs, { recursive: true })
  writeFileSync(join(logs, NAME), readFileSync(SRC, 'utf8') + UNKNOWN.repeat(4))
  r = await ingestFresh([join(dir, 'projects'), join(fixtures, 'claude-code')], { worker: false })
})
afterAll(() => {
  r.close()
  rmSync(dir, { recursive: true, force: true })
})

const config = parseConfig('', 'x.yml')
const now = new Date('2026-04-01T00:00:00Z')
const report = (): Report => buildReport(r.db, { config, mode: 'summary', now }).report

describe("format drift in the report's transparency section", () => {
  it('lists exactly one warning, for the file whose records are of unknown types, with its version and counts', () => {
    const ws = report().format_warnings
    expect(ws).toHaveLength(1)
    expect(ws[0]).toMatchObject({ format: 'claude-code', agent_version: '2.1.240', unknown: 5 })
    // Redacted as a path: Claude Code's folder name spells the home directory out.
    expect(ws[0].file.endsWith(`-widgets/${NAME}`)).toBe(true)
    expect(ws[0].file).not.toContain('-home-dev-')
    expect(ws[0].message).toMatch(
      /^Claude Code.* from version 2\.1\.240: 5 of \d+ records of unknown types \(.*tengu-future-entry.*\); the format may have changed/
    )
  })

  it('shows it once in Markdown (and so the job summary), the comment, HTML and JSON', () => {
    const rep = report()
    const w = rep.format_warnings[0]
    const count = (text: string, needle: string) => text.split(needle).length - 1
    const md = renderReport(rep, 'md').files[0].content
    expect(md).toContain('Format warnings (1 file):')
    expect(count(md, 'records of unknown types')).toBe(1)
    expect(count(renderComment(rep), 'records of unknown types')).toBe(1)
    const html = renderReport(rep, 'html').files[0].content
    const transparency = html.slice(html.indexOf('<section id="transparency"'))
    expect(count(transparency, '<strong>Format warning:</strong>')).toBe(1)
    expect(count(html, 'records of unknown types')).toBe(1)
    expect(JSON.parse(renderReport(rep, 'json').files[0].content).format_warnings).toEqual([w])
  })

  it('still warns when a re-run on the cached database reads no file', async () => {
    const again = await ingestPaths(r.db, [join(dir, 'projects'), join(fixtures, 'claude-code')], { worker: false })
    expect(again.format_warnings).toEqual([])
    expect(report().format_warnings).toHaveLength(1)
  })

  it('leaves out a file none of whose sessions the report shows', () => {
    const other = buildReport(r.db, { config, mode: 'summary', now, filters: { sessions: ['11111111'] } }).report
    expect(other.sessions).toHaveLength(1)
    expect(other.format_warnings).toEqual([])
  })

  it('hides the file path in metadata-only and redacts the message like other text', () => {
    const meta = buildReport(r.db, { config: parseConfig('preset: metadata-only\n', 'x.yml'), mode: 'summary', now }).report
    expect(meta.format_warnings[0].file).toMatch(/^\[hash#\d+\]$/)
    const ruled = buildReport(r.db, {
      config: parseConfig('rules:\n  - id: codename\n    words: [tengu]\n    replacement: "[CODENAME]"\n', 'x.yml'),
      mode: 'summary',
      now
    }).report
    expect(ruled.format_warnings[0].message).not.toContain('tengu')
    expect(ruled.format_warnings[0].message).toContain('[CODENAME]')
  })
})
