import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { listSessions } from '../../src/store/queries.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(repoRoot, 'bin', 'ai-log-trail.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d) => (stdout += d))
    p.stderr.on('data', (d) => (stderr += d))
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('two ingests into the same database at the same time', () => {
  it('both succeed, and nothing is lost or doubled', async () => {
    const d = tmpDir()
    try {
      // Enough copies that the two processes overlap in time.
      for (let i = 0; i < 20; i++) cpSync(join(fixtures, 'codex'), join(d, 'logs', `copy${i}`), { recursive: true })
      const db = join(d, 'shared.sqlite')
      const [a, b] = await Promise.all([runCli(['ingest', join(d, 'logs'), '--db', db, '--json']), runCli(['ingest', join(d, 'logs'), '--db', db, '--json'])])
      expect(a.stderr).toBe('')
      expect(b.stderr).toBe('')
      expect([a.code, b.code]).toEqual([0, 0])

      const ref = join(d, 'ref.sqlite')
      const refDb = openStore(ref)
      await ingestPaths(refDb, [join(fixtures, 'codex')])
      const expected = listSessions(refDb)
      refDb.close()

      const h = openStore(db)
      const got = listSessions(h)
      h.close()
      // Twenty copies of the same logs are the same sessions, counted once.
      expect(got).toEqual(expected)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('processes creating the same new database at the same time', () => {
  it('all open it, and each migration step is applied once', async () => {
    const d = tmpDir()
    try {
      // Each process loads the store module, then waits for the same instant before opening, so
      // the opens overlap however slowly the processes start.
      const script = `import('${join(repoRoot, 'lib', 'store', 'db.js')}').then((m) => { while (Date.now() < Number(process.argv[2])); const db = m.openStore(process.argv[1]); console.log(db.pragma('user_version', { simple: true })); db.close() })`
      const open = (db: string, at: number) =>
        new Promise<{ code: number; out: string; err: string }>((resolve) => {
          const p = spawn(process.execPath, ['-e', script, db, String(at)], { stdio: ['ignore', 'pipe', 'pipe'] })
          let out = ''
          let err = ''
          p.stdout.on('data', (x) => (out += x))
          p.stderr.on('data', (x) => (err += x))
          p.on('close', (code) => resolve({ code: code ?? -1, out, err }))
        })
      // Each round is a new file and six processes racing through every step from an empty file.
      for (let round = 0; round < 3; round++) {
        const db = join(d, `new${round}.sqlite`)
        const at = Date.now() + 1500
        const runs = await Promise.all(Array.from({ length: 6 }, () => open(db, at)))
        for (const r of runs) expect(r).toEqual({ code: 0, out: expect.stringMatching(/^\d+\n$/), err: '' })
        expect(new Set(runs.map((r) => r.out)).size).toBe(1)
      }
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
