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
