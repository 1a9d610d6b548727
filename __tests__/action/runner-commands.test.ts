import { afterEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as mine from '../../src/action/runner-commands.js'
import { tmpDir } from '../helpers.js'

/* The Action's own workflow commands write what @actions/core writes, byte for byte. */

const saved = { ...process.env }
const dirs: string[] = []
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
  jest.restoreAllMocks()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function stdoutOf(f: () => void): string {
  let out = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  try {
    f()
  } finally {
    spy.mockRestore()
  }
  return out
}

const MESSAGES = ['plain', 'with % and\r\nnew lines', '', 'colons: a,b', new Error('an error: with, commas')]
const PROPERTIES = [{}, { file: 'logs/a,b:c.jsonl', startLine: 3 }, { title: 'T', startLine: 0 }, { file: undefined }]

describe('runner commands, as @actions/core writes them', () => {
  it.each(MESSAGES.flatMap((m) => PROPERTIES.map((p) => [m, p] as const)))('warning and error annotations (%p, %p)', (message, props) => {
    expect(stdoutOf(() => mine.warning(message, props))).toBe(stdoutOf(() => core.warning(message, props)))
    expect(stdoutOf(() => mine.error(message, props))).toBe(stdoutOf(() => core.error(message, props)))
  })

  it('info, debug, masks and failing the step', () => {
    for (const m of ['x', 'a%b\nc']) {
      expect(stdoutOf(() => mine.info(m))).toBe(stdoutOf(() => core.info(m)))
      expect(stdoutOf(() => mine.debug(m))).toBe(stdoutOf(() => core.debug(m)))
      expect(stdoutOf(() => mine.setSecret(m))).toBe(stdoutOf(() => core.setSecret(m)))
    }
    const ours = stdoutOf(() => mine.setFailed('broken: yes'))
    expect(process.exitCode).toBe(1)
    process.exitCode = undefined
    expect(ours).toBe(stdoutOf(() => core.setFailed('broken: yes')))
    expect(process.exitCode).toBe(1)
  })

  it('inputs, trimmed, with spaces in names as underscores', () => {
    process.env.INPUT_GITHUB_TOKEN = '  tok \n'
    process.env['INPUT_SOME_NAME'] = 'v'
    for (const name of ['github-token', 'some name', 'missing']) expect(mine.getInput(name)).toBe(core.getInput(name))
  })

  it('outputs, to the output file or as the old command', () => {
    const d = tmpDir()
    dirs.push(d)
    const values: unknown[] = ['text', 'two\nlines', 12, null, { a: 1 }, '']
    for (const [i, v] of values.entries()) {
      const a = join(d, `a${i}`)
      const b = join(d, `b${i}`)
      writeFileSync(a, '')
      writeFileSync(b, '')
      process.env.GITHUB_OUTPUT = a
      mine.setOutput('name', v)
      process.env.GITHUB_OUTPUT = b
      core.setOutput('name', v)
      const uuids = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_ID')
      expect(uuids(readFileSync(a, 'utf8'))).toBe(uuids(readFileSync(b, 'utf8')))
    }
    delete process.env.GITHUB_OUTPUT
    expect(stdoutOf(() => mine.setOutput('n', 'v%1'))).toBe(stdoutOf(() => core.setOutput('n', 'v%1')))
    process.env.GITHUB_OUTPUT = join(d, 'absent')
    expect(() => mine.setOutput('n', 'v')).toThrow('Missing file at path')
  })

  it('appends to the job summary as summary.addRaw(text).write() does', async () => {
    const d = tmpDir()
    dirs.push(d)
    const a = join(d, 'a.md')
    const b = join(d, 'b.md')
    writeFileSync(a, 'before\n')
    writeFileSync(b, 'before\n')
    process.env.GITHUB_STEP_SUMMARY = a
    await mine.appendSummary('# Report\n')
    await mine.appendSummary('\n> note\n')
    process.env.GITHUB_STEP_SUMMARY = b
    await core.summary.addRaw('# Report\n').write()
    await core.summary.addRaw('\n> note\n').write()
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'))
    process.env.GITHUB_STEP_SUMMARY = join(d, 'absent.md')
    await expect(mine.appendSummary('x')).rejects.toThrow('Unable to access summary file')
  })
})
