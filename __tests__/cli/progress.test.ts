import { describe, expect, it } from '@jest/globals'
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { formatEta, Progress, progressFor } from '../../src/cli/progress.js'
import { runJob } from '../../src/pipeline/job.js'
import { parseConfig } from '../../src/config/load.js'
import { fixtures, tmpDir } from '../helpers.js'

describe('progress line', () => {
  it('stays silent for the first second, then draws files, MB, MB/s and time left on one line', () => {
    let t = 0
    let out = ''
    const p = new Progress({ write: (s) => (out += s), totalBytes: 100e6, totalFiles: 4, now: () => t })
    t = 500
    p.update('a', 10e6)
    expect(out).toBe('')
    t = 2000
    p.update('a', 20e6)
    expect(out).toBe('\ringest: 1/4 files, 20.0/100.0 MB, 10.0 MB/s, 8 s left\x1b[K')
    t = 2050
    p.update('b', 5e6)
    expect(out.split('\r').length).toBe(2)
    p.finish()
    expect(out.endsWith('\r\x1b[K')).toBe(true)
  })

  it('writes nothing at all when the ingest is quick', () => {
    let out = ''
    const p = new Progress({ write: (s) => (out += s), totalBytes: 1, totalFiles: 1, now: () => 0 })
    p.update('a', 1)
    p.finish()
    expect(out).toBe('')
  })

  it('formats the time left', () => {
    expect(formatEta(42)).toBe('42 s')
    expect(formatEta(125)).toBe('2 min 5 s')
    expect(formatEta(7300)).toBe('2 h 1 min')
  })

  it('sizes the work of a dry-run and is told, file by file, how far its ingest read, then cleared', async () => {
    const codex = join(fixtures, 'codex')
    const files = readdirSync(codex).map((f) => join(codex, f))
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0)
    let drawn = ''
    const sized = await progressFor([codex], (t) => (drawn += t), { now: () => 5000, delayMs: 0 })
    sized.update(files[0], statSync(files[0]).size)
    expect(drawn).toContain(`1/${files.length} files, ${(statSync(files[0]).size / 1e6).toFixed(1)}/${(bytes / 1e6).toFixed(1)} MB`)
    const seen = new Map<string, number>()
    let finished = 0
    const d = tmpDir()
    try {
      await runJob({
        database: join(d, 'work.sqlite'),
        repoDir: d,
        paths: [codex],
        config: parseConfig('', 'default'),
        mode: 'summary',
        formats: ['md'],
        outDir: join(d, 'out'),
        version: '0.0.0',
        progress: {
          update: (file, bytes) => {
            expect(finished).toBe(0)
            seen.set(file, bytes)
          },
          finish: () => finished++
        }
      })
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
    expect(finished).toBe(1)
    const rollout = join(codex, 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
    expect(seen.get(rollout)).toBe(statSync(rollout).size)
    expect(seen.size).toBeGreaterThan(3)
  })
})
