import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runJob } from '../../src/pipeline/job.js'
import { parseConfig } from '../../src/config/load.js'
import { fixtures, tmpDir } from '../helpers.js'

const dir = tmpDir('alt-scope-job-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const job = (paths: string[] | null, out: string, scope?: Parameters<typeof runJob>[0]['scope']) =>
  runJob({
    database: join(dir, 'work.sqlite'),
    repoDir: dir,
    paths,
    config: parseConfig('', 'default'),
    mode: 'summary',
    formats: ['json'],
    outDir: join(dir, out),
    version: '0.0.0',
    now: new Date('2026-06-01T00:00:00Z'),
    scope
  })

describe('a report is about a stated set of sessions', () => {
  it('dry-run PATHS reports the sessions of those paths only, whatever the working database holds', async () => {
    const first = await job([join(fixtures, 'claude-code')], 'a')
    const claude = first.report.sessions.map((s) => s.id)
    expect(claude.length).toBeGreaterThan(0)
    expect(new Set(first.report.sessions.map((s) => s.agent))).toEqual(new Set(['claude-code']))
    // The same working database, other logs: the first run's sessions stay out of the report.
    const second = await job([join(fixtures, 'codex')], 'b')
    expect(new Set(second.report.sessions.map((s) => s.agent))).toEqual(new Set(['codex']))
    expect(second.report.scope).toEqual({ kind: 'paths', label: 'the given logs' })
    const json = JSON.parse(readFileSync(join(dir, 'b', 'report.json'), 'utf8')) as { sessions: { id: string; scope_reasons: unknown[] }[] }
    expect(json.sessions.every((s) => !claude.includes(s.id))).toBe(true)
    expect(json.sessions.every((s) => JSON.stringify(s.scope_reasons) === '[{"kind":"paths"}]')).toBe(true)
    expect(second.comment).not.toContain(claude[0].slice(0, 8))
  })

  it("the sanitized database a report ships holds that report's sessions only", async () => {
    const r = await runJob({
      database: join(dir, 'work.sqlite'),
      repoDir: dir,
      paths: [join(fixtures, 'codex')],
      config: parseConfig('', 'default'),
      mode: 'summary',
      formats: ['json'],
      outDir: join(dir, 'e'),
      version: '0.0.0',
      exportDatabase: true
    })
    const { openStore } = await import('../../src/store/db.js')
    const { sessionIds } = await import('../../src/store/sessions.js')
    const db = openStore(join(dir, 'e', 'ai-log-trail.sqlite'), { readonly: true })
    try {
      expect(sessionIds(db)).toEqual(r.report.sessions.map((s) => s.id).sort())
      const files = db.prepare('SELECT path FROM files').all() as { path: string }[]
      expect(files.length).toBeGreaterThan(0)
      expect(files.every((f) => !f.path.includes('claude-code'))).toBe(true)
    } finally {
      db.close()
    }
  })

  it('asked for every session, it reports both runs', async () => {
    const all = await job([join(fixtures, 'codex')], 'c', { kind: 'all' })
    expect(new Set(all.report.sessions.map((s) => s.agent))).toEqual(new Set(['codex', 'claude-code']))
  })

  it('a change scope keeps only the sessions that made the change, and says why', async () => {
    const r = await job([join(fixtures, 'codex')], 'd', {
      kind: 'change',
      change: {
        kind: 'pr',
        label: 'pull request #9 (branch feature/stream-parser)',
        repoRoot: dir,
        branch: 'feature/stream-parser',
        changedFiles: null,
        span: { from: null, to: null },
        workflowPaths: []
      }
    })
    expect(r.report.scope).toEqual({ kind: 'pr', label: 'pull request #9 (branch feature/stream-parser)' })
    expect(r.report.sessions.length).toBeGreaterThan(0)
    for (const s of r.report.sessions) {
      expect(s.branch).toBe('feature/stream-parser')
      expect(s.scope_reasons).toEqual([{ kind: 'branch', branch: 'feature/stream-parser' }])
    }
  })
})
