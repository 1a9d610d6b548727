import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { removeLeftovers } from '../../src/output-folder.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * What a job killed before its renames leaves in its output folder (a file's second write, a memo
 * replay's files) is removed by the next job, so the folder's upload does not publish it; what a
 * process still running writes there is left to it. Inputs: the committed Codex fixtures.
 */

const dir = tmpDir('alt-leftovers-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The id of a process that has ended. */
const endedPid = () => spawnSync(process.execPath, ['-e', '0']).pid

describe('removeLeftovers', () => {
  it('removes the temporary files of processes that ended, and nothing else', async () => {
    const out = join(dir, 'unit')
    mkdirSync(out, { recursive: true })
    const ended = endedPid()
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      const names = [
        `report.md.${ended}.alt-next`,
        `.report.json.${ended}.memo`,
        `.report.html.${ended}.partial`,
        `..ai-log-trail.sqlite.${ended}.partial.${ended}.work-wal`,
        `ai-log-trail.sqlite.tmp-${ended}`,
        `tool_calls.csv.${sleeper.pid}.alt-next`,
        `.report.html.${sleeper.pid}.partial`,
        `.report.md.${process.pid}.memo`,
        'report.md',
        '.gitkeep',
        'notes.123.memo.txt',
        `report.md.alt-next`
      ]
      for (const n of names) writeFileSync(join(out, n), 'x')
      expect(removeLeftovers(out)).toEqual([
        `..ai-log-trail.sqlite.${ended}.partial.${ended}.work-wal`,
        `.report.html.${ended}.partial`,
        `.report.json.${ended}.memo`,
        `ai-log-trail.sqlite.tmp-${ended}`,
        `report.md.${ended}.alt-next`
      ])
      expect(readdirSync(out).sort()).toEqual(names.slice(5).sort())
    } finally {
      sleeper.kill()
    }
  })

  it('removes, when told a file, only what was left while writing that file', () => {
    const out = join(dir, 'one-file')
    mkdirSync(out, { recursive: true })
    const ended = endedPid()
    const names = [`.out.md.${ended}.partial`, `.out.md.${ended}.partial.${ended}.alt-next`, `.other.md.${ended}.partial`, `.out.md.x.${ended}.partial`]
    for (const n of names) writeFileSync(join(out, n), 'x')
    expect(removeLeftovers(out, 'out.md')).toEqual([`.out.md.${ended}.partial`, `.out.md.${ended}.partial.${ended}.alt-next`])
    expect(readdirSync(out).sort()).toEqual(names.slice(2).sort())
  })

  it('takes a folder that does not exist yet for an empty one', () => {
    expect(removeLeftovers(join(dir, 'not-there'))).toEqual([])
  })
})

describe('a job', () => {
  it('removes what a killed job left in its folder before writing its own files', async () => {
    const logs = join(dir, 'logs')
    cpSync(join(fixtures, 'codex'), logs, { recursive: true })
    const out = join(dir, 'out')
    mkdirSync(out, { recursive: true })
    const ended = endedPid()
    writeFileSync(join(out, `report.md.${ended}.alt-next`), 'half a report')
    writeFileSync(join(out, `.report.json.${ended}.memo`), 'half a replay')
    const result = await runJob({
      database: join(dir, 'store.sqlite'),
      repoDir: dir,
      paths: [logs],
      config: parseConfig('', 'test.yml'),
      mode: 'summary',
      formats: ['md', 'json'],
      outDir: out,
      version: '0.0.0',
      now: new Date('2026-12-01T10:00:00Z')
    })
    expect(readdirSync(out).sort()).toEqual([...result.files].sort())
  })
})
