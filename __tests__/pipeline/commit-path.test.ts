import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import * as realFs from 'node:fs'
import { join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The output folder's commit (src/output-folder.ts): every file is flushed to the disk before its
 * rename, a flush that fails fails the commit with the file's name and leaves every earlier file
 * in place, and an earlier file renamed over is freed off the wall's path under a second name
 * that is gone once the job is (or, when the job is killed, once the next job starts). `node:fs`
 * is wrapped to record which descriptors are flushed and which files are renamed, in order; the
 * kills run the compiled job (lib/) in a child Node, as killed-write.test.ts does.
 */

/** What the wrapped `node:fs` saw: a flush of a path (through any descriptor of it), a rename, a link. */
const calls: string[] = []
const pathOfFd = new Map<number, string>()
/** A path whose flushes fail, as a disk that does not take the file would. */
let failing: string | null = null

const flush =
  <A extends unknown[], R>(f: (fd: number, ...rest: A) => R) =>
  (fd: number, ...rest: A): R => {
    const path = pathOfFd.get(fd) ?? `fd ${fd}`
    if (failing !== null && path === failing) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
    const r = f(fd, ...rest)
    calls.push(`flush ${path}`)
    return r
  }

jest.unstable_mockModule('node:fs', () => {
  const fs = { ...realFs }
  return {
    ...fs,
    default: fs,
    openSync: (path: realFs.PathLike, ...rest: unknown[]) => {
      const fd = (realFs.openSync as (...a: unknown[]) => number)(path, ...rest)
      pathOfFd.set(fd, String(path))
      return fd
    },
    fdatasync: (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      calls.push(`pool flush ${pathOfFd.get(fd) ?? `fd ${fd}`}`)
      realFs.fdatasync(fd, cb)
    },
    fsyncSync: flush(realFs.fsyncSync),
    fdatasyncSync: flush(realFs.fdatasyncSync),
    renameSync: (from: realFs.PathLike, to: realFs.PathLike) => {
      realFs.renameSync(from, to)
      for (const [fd, path] of pathOfFd) if (path === String(from)) pathOfFd.set(fd, String(to))
      calls.push(`rename ${String(from)} ${String(to)}`)
    },
    linkSync: (from: realFs.PathLike, to: realFs.PathLike) => {
      realFs.linkSync(from, to)
      calls.push(`link ${String(from)} ${String(to)}`)
    }
  }
})

const { StagedFiles, oldFilesGone, removeLeftovers, partialName } = await import('../../src/output-folder.js')
const { FileOut } = await import('../../src/pipeline/file-out.js')
const { runJob } = await import('../../src/pipeline/job.js')
const { parseConfig } = await import('../../src/config/load.js')

const dir = tmpDir('alt-commit-path-')
afterAll(() => realFs.rmSync(dir, { recursive: true, force: true }))

beforeEach(() => {
  calls.length = 0
  failing = null
})

/** Stages `report.md` (written through `FileOut`, as the reports are) and `comment.md` (written whole). */
function stage(out: string, text: string) {
  // As on the report's worker thread: the earlier files freed on the thread pool.
  const staged = new StagedFiles(out, true)
  const report = new FileOut(staged.path('report.md'))
  report.write(`# report ${text}\n`)
  report.write('x'.repeat(3 << 20))
  report.close()
  staged.write('comment.md', `comment ${text}\n`)
  return staged
}

const read = (out: string) => Object.fromEntries(realFs.readdirSync(out).map((n) => [n, realFs.readFileSync(join(out, n), 'utf8').slice(0, 20)]))

describe('the output folder’s commit', () => {
  it('flushes each file before its rename', () => {
    const out = join(dir, 'order')
    realFs.mkdirSync(out)
    stage(out, 'one').commit()
    for (const name of ['report.md', 'comment.md']) {
      const temp = partialName(join(out, name))
      const renamed = calls.indexOf(`rename ${temp} ${join(out, name)}`)
      expect(renamed).toBeGreaterThan(-1)
      expect(calls.slice(0, renamed)).toContain(`flush ${temp}`)
    }
  })

  it('starts each file’s flush on the thread pool as soon as it is whole, before the next is written', () => {
    const out = join(dir, 'early')
    realFs.mkdirSync(out)
    const staged = new StagedFiles(out, true)
    const report = new FileOut(staged.path('report.md'))
    report.write('# report\n')
    report.close()
    const pool = () => calls.filter((c) => c.startsWith('pool flush '))
    expect(pool()).toEqual([`pool flush ${partialName(join(out, 'report.md'))}`])
    staged.write('comment.md', 'comment\n')
    expect(pool()).toEqual([`pool flush ${partialName(join(out, 'report.md'))}`, `pool flush ${partialName(join(out, 'comment.md'))}`])
    staged.commit()
  })

  it('frees the earlier file under a second name that is gone once the job is', async () => {
    const out = join(dir, 'second-name')
    realFs.mkdirSync(out)
    stage(out, 'one').commit()
    await oldFilesGone()
    const ino = realFs.statSync(join(out, 'report.md')).ino
    calls.length = 0
    stage(out, 'two').commit()
    const old = join(out, `.report.md.${process.pid}.old`)
    // The earlier file got its second name before the rename, so the rename frees nothing.
    expect(calls.indexOf(`link ${join(out, 'report.md')} ${old}`)).toBeLessThan(
      calls.indexOf(`rename ${partialName(join(out, 'report.md'))} ${join(out, 'report.md')}`)
    )
    expect(calls.some((c) => c.startsWith('link '))).toBe(true)
    await oldFilesGone()
    expect(realFs.existsSync(old)).toBe(false)
    expect(realFs.statSync(join(out, 'report.md')).ino).not.toBe(ino)
    expect(read(out)).toEqual({ 'report.md': '# report two\nxxxxxxx', 'comment.md': 'comment two\n' })
  })

  it('fails with the file’s name when its flush fails, and leaves every earlier file in place', async () => {
    const out = join(dir, 'failing')
    realFs.mkdirSync(out)
    stage(out, 'one').commit()
    await oldFilesGone()
    const before = read(out)
    const staged = stage(out, 'two')
    failing = partialName(join(out, 'comment.md'))
    expect(() => staged.commit()).toThrow(/comment\.md could not be flushed to the disk: EIO/)
    staged.abandon()
    // report.md was staged first and flushed: it is still the earlier run's, as comment.md is.
    expect(read(out)).toEqual(before)
  })
})

const job = join(repoRoot, 'lib', 'pipeline', 'job.js')
const load = join(repoRoot, 'lib', 'config', 'load.js')

const CHILD = `
import { runJob } from ${JSON.stringify(job)}
import { parseConfig } from ${JSON.stringify(load)}
const [database, outDir, ...paths] = process.argv.slice(1)
const r = await runJob({
  database, repoDir: outDir, paths, config: parseConfig('', 'default'), mode: 'full',
  formats: ['md', 'json', 'html', 'csv'], outDir, version: '0.0.0', now: new Date('2026-06-01T00:00:00Z'),
  changedFiles: null
})
process.stdout.write(JSON.stringify({ files: r.files, memo: r.memo }))
`

/** Runs a job in a child Node; `crashAt` is `<file>@linked` or `<file>@renamed`. */
function runChild(out: string, paths: string[], crashAt = '', memo = '0') {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, join(dir, 'store.sqlite'), out, ...paths], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NODE_NO_WARNINGS: '1', AI_LOG_TRAIL_JOB_MEMO: memo, AI_LOG_TRAIL_CRASH_PLACING: crashAt }
  })
  if (crashAt) {
    expect(r.signal).toBe('SIGKILL')
    return { files: [], memo: '' }
  }
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
  return JSON.parse(r.stdout) as { files: string[]; memo: string }
}

const digests = (out: string) =>
  Object.fromEntries(
    realFs.readdirSync(out).map((f) => [
      f,
      createHash('sha256')
        .update(realFs.readFileSync(join(out, f)))
        .digest('hex')
    ])
  )
const temporary = (name: string) => name.startsWith('.') || name.endsWith('.alt-next')
const shown = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).filter(([n]) => !temporary(n)))

const codex = join(fixtures, 'codex')
const claude = join(fixtures, 'claude-code')

describe('a job killed while it puts its files into place', () => {
  for (const point of ['linked', 'renamed'] as const) {
    it(`leaves each file whole, either run’s, when killed once report.md is ${point}; the next job removes the second name`, () => {
      const out = join(dir, `killed-${point}`)
      realFs.rmSync(join(dir, 'store.sqlite'), { force: true })
      runChild(out, [codex])
      const first = digests(out)
      // The same job to its end in another folder: what the killed job's files are once placed.
      const other = join(dir, `whole-${point}`)
      runChild(other, [codex, claude])
      const second = digests(other)
      runChild(out, [codex, claude], `report.md@${point}`)
      const after = digests(out)
      const left = Object.keys(after).filter((n) => /^\.report\.md\.\d+\.old$/.test(n))
      expect(left).toHaveLength(1)
      // The second name is the earlier run's report.md, whole.
      expect(after[left[0]]).toBe(first['report.md'])
      const expected = { ...first, ...(point === 'renamed' ? { 'report.md': second['report.md'] } : {}) }
      expect(shown(after)).toEqual(expected)
      expect(second['report.md']).not.toBe(first['report.md'])
      const next = runChild(out, [codex, claude]).files
      expect(realFs.readdirSync(out).sort()).toEqual([...next].sort())
      expect(digests(out)).toEqual(second)
    }, 120_000)
  }

  it('leaves no second name once a job that replays its memo ends', () => {
    const out = join(dir, 'replayed')
    realFs.rmSync(join(dir, 'store.sqlite'), { force: true })
    runChild(out, [codex], '', '1')
    const first = digests(out)
    expect(runChild(out, [codex], '', '1').memo).toBe('replayed')
    expect(digests(out)).toEqual(first)
    expect(realFs.readdirSync(out).filter(temporary)).toEqual([])
  }, 120_000)
})

describe('a replay of the job memo', () => {
  it('flushes each file it writes before its rename, as a job’s own files are', async () => {
    const out = join(dir, 'replay-flush')
    const options = {
      database: join(dir, 'replay.sqlite'),
      repoDir: out,
      paths: [join(fixtures, 'codex')],
      config: parseConfig('', 'default'),
      mode: 'summary' as const,
      formats: ['md' as const, 'json' as const],
      outDir: out,
      version: '0.0.0',
      now: new Date('2026-06-01T00:00:00Z'),
      changedFiles: null,
      exportDatabase: false
    }
    expect((await runJob(options)).memo).toBe('kept')
    calls.length = 0
    const again = await runJob(options)
    expect(again.memo).toBe('replayed')
    const renames = calls.filter((c) => c.startsWith('rename '))
    expect(renames.length).toBeGreaterThanOrEqual(again.files.length)
    for (const r of renames) {
      const temp = r.split(' ')[1]
      expect(calls.slice(0, calls.indexOf(r))).toContain(`flush ${temp}`)
    }
  }, 60_000)
})

// Keeps the import of removeLeftovers honest: the second name is one of the leftovers it removes.
describe('removeLeftovers', () => {
  it('removes the second name an ended process left', () => {
    const out = join(dir, 'leftover')
    realFs.mkdirSync(out)
    const ended = spawnSync(process.execPath, ['-e', '0']).pid
    realFs.writeFileSync(join(out, `.report.md.${ended}.old`), 'x')
    realFs.writeFileSync(join(out, 'report.md'), 'x')
    expect(removeLeftovers(out)).toEqual([`.report.md.${ended}.old`])
  })
})
