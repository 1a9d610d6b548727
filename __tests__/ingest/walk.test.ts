import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type SkippedPath, walkFiles } from '../../src/ingest/walk.js'
import { tmpDir } from '../helpers.js'

function canMakeFifo(): boolean {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' })
    return process.platform !== 'win32'
  } catch {
    return false
  }
}

async function walk(paths: string[]): Promise<{ files: string[]; skipped: SkippedPath[] }> {
  const files: string[] = []
  const skipped: SkippedPath[] = []
  for await (const f of walkFiles(paths, (s) => skipped.push(s))) files.push(f)
  return { files, skipped }
}

describe('walkFiles reports what it does not read (issue #13)', () => {
  it('a dangling symbolic link and a link loop are reported with their reason', async () => {
    const d = tmpDir('alt-walk-')
    try {
      writeFileSync(join(d, 'a.jsonl'), '{}\n')
      symlinkSync(join(d, 'gone.jsonl'), join(d, 'dangling.jsonl'))
      symlinkSync(join(d, 'loop2'), join(d, 'loop1'))
      symlinkSync(join(d, 'loop1'), join(d, 'loop2'))
      const { files, skipped } = await walk([d])
      expect(files).toEqual([join(d, 'a.jsonl')])
      expect(skipped).toEqual([
        { path: join(d, 'dangling.jsonl'), reason: 'dangling symbolic link (skipped)' },
        { path: join(d, 'loop1'), reason: 'symbolic link loop (skipped)' },
        { path: join(d, 'loop2'), reason: 'symbolic link loop (skipped)' }
      ])
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })

  const fifo = canMakeFifo() ? it : it.skip
  fifo('a named pipe is reported, never opened (a read would block)', async () => {
    const d = tmpDir('alt-walk-')
    try {
      mkdirSync(join(d, 'sub'))
      execFileSync('mkfifo', [join(d, 'sub', 'pipe.jsonl')])
      writeFileSync(join(d, 'sub', 'z.jsonl'), '{}\n')
      const { files, skipped } = await walk([d])
      expect(files).toEqual([join(d, 'sub', 'z.jsonl')])
      expect(skipped).toEqual([{ path: join(d, 'sub', 'pipe.jsonl'), reason: 'named pipe (FIFO), not a regular file (skipped)' }])
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('ingest reports what the walk skipped', () => {
  it("lists a dangling link and a named pipe among the run's problems, and reads the rest", async () => {
    const { ingestFresh, fixtures } = await import('../helpers.js')
    const { spawnSync } = await import('node:child_process')
    const { cpSync, mkdtempSync, symlinkSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'alt-skip-'))
    try {
      cpSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), join(dir, 'rollout.jsonl'))
      symlinkSync(join(dir, 'gone.jsonl'), join(dir, 'dangling.jsonl'))
      const fifo = spawnSync('mkfifo', [join(dir, 'pipe.jsonl')]).status === 0
      const r = await ingestFresh([dir])
      try {
        const skipped = r.result.errors.map((e) => e.file.replace(dir + '/', ''))
        expect(skipped).toContain('dangling.jsonl')
        if (fifo) expect(skipped).toContain('pipe.jsonl')
        expect(r.sessions.length).toBe(1)
      } finally {
        r.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
