import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * A job killed with SIGKILL while it writes a file of its output folder (a report, the comment,
 * the sanitized database) leaves under each file's own name the earlier run's whole file, or no
 * file: never one cut short, which the folder's next upload would publish. What it wrote goes
 * under temporary names the next job removes. The jobs run the compiled job (lib/, built by
 * `pretest`) in a child Node, killed at a chosen file by `AI_LOG_TRAIL_CRASH_WRITING`
 * (src/output-folder.ts). Inputs: the committed fixtures.
 */

const job = join(repoRoot, 'lib', 'pipeline', 'job.js')
const load = join(repoRoot, 'lib', 'config', 'load.js')

const CHILD = `
import { runJob } from ${JSON.stringify(job)}
import { parseConfig } from ${JSON.stringify(load)}
const [database, outDir, exportDatabase, ...paths] = process.argv.slice(1)
const r = await runJob({
  database, repoDir: outDir, paths, config: parseConfig('', 'default'), mode: 'full',
  formats: ['md', 'json', 'html', 'csv'], outDir, version: '0.0.0', now: new Date('2026-06-01T00:00:00Z'),
  changedFiles: null, exportDatabase: exportDatabase === 'db'
})
process.stdout.write(JSON.stringify(r.files))
`

const dir = tmpDir('alt-killed-write-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs a job in a child Node; `crashAt` names the file it is killed while writing. */
function runJob(out: string, paths: string[], o: { crashAt?: string; database?: boolean } = {}) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, join(dir, 'store.sqlite'), out, o.database ? 'db' : '-', ...paths], {
    encoding: 'utf8',
    // No memo: the second job writes its files rather than replaying the first's.
    env: { ...process.env, NODE_OPTIONS: '', NODE_NO_WARNINGS: '1', AI_LOG_TRAIL_JOB_MEMO: '0', AI_LOG_TRAIL_CRASH_WRITING: o.crashAt ?? '' }
  })
  if (o.crashAt) {
    expect(r.signal).toBe('SIGKILL')
    return []
  }
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
  return JSON.parse(r.stdout) as string[]
}

/** The folder's files by name, with their length and hash. */
const contents = (out: string) =>
  Object.fromEntries(
    readdirSync(out).map((f) => {
      const bytes = readFileSync(join(out, f))
      return [f, `${bytes.length} ${createHash('sha256').update(bytes).digest('hex')}`]
    })
  )
/** What a job writes under a temporary name: hidden, or a second write's `.alt-next`. */
const temporary = (name: string) => name.startsWith('.') || name.endsWith('.alt-next')

const codex = join(fixtures, 'codex')
const claude = join(fixtures, 'claude-code')

describe('a job killed while writing', () => {
  it('leaves the earlier run’s whole files under their names, and the next job removes what it wrote', () => {
    const out = join(dir, 'again')
    const first = runJob(out, [codex])
    const before = contents(out)
    expect(Object.keys(before).sort()).toEqual([...first].sort())
    // More sessions: every file of the killed run differs from the first run's.
    runJob(out, [codex, claude], { crashAt: 'report.md' })
    const after = contents(out)
    expect(Object.fromEntries(Object.entries(after).filter(([name]) => !temporary(name)))).toEqual(before)
    expect(Object.keys(after).filter(temporary).length).toBeGreaterThan(0)
    const next = runJob(out, [codex, claude])
    expect(readdirSync(out).sort()).toEqual([...next].sort())
    expect(contents(out)['report.md']).not.toEqual(before['report.md'])
  }, 120_000)

  it('leaves no file under its name in a folder it wrote first, the files it had finished included', () => {
    const out = join(dir, 'fresh')
    mkdirSync(out)
    // The comment is written after every report file is whole.
    runJob(out, [codex], { crashAt: 'comment.md' })
    expect(readdirSync(out).filter((n) => !temporary(n))).toEqual([])
    expect(readdirSync(out).length).toBeGreaterThan(0)
    const next = runJob(out, [codex])
    expect(readdirSync(out).sort()).toEqual([...next].sort())
  }, 120_000)

  it('leaves neither the store’s unredacted copy nor a part of the sanitized database for the folder’s upload', () => {
    const out = join(dir, 'database')
    mkdirSync(out)
    runJob(out, [codex], { database: true, crashAt: 'ai-log-trail.sqlite' })
    expect(readdirSync(out).filter((n) => !temporary(n))).toEqual([])
    const next = runJob(out, [codex], { database: true })
    expect(next).toContain('ai-log-trail.sqlite')
    expect(readdirSync(out).sort()).toEqual([...next].sort())
  }, 120_000)
})
