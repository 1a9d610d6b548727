import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestForRepo } from '../../src/discover/discover.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * A repository-scoped ingest killed after its records are committed and before it drops another
 * project's sessions: the next run must drop them, although it finds every file unchanged. The
 * killed run is lib/ in a child Node (built by `pretest`) that SIGKILLs itself at that point
 * (AI_LOG_TRAIL_CRASH_BEFORE_SCOPE, src/discover/crash-before-scope.ts). The logs are a committed
 * fixture rollout under two session ids and cwds.
 */

const lib = join(repoRoot, 'lib', 'index.js')
const CHILD = `
import { ingestForRepo, openStore } from ${JSON.stringify(lib)}
const [database, repo, env] = process.argv.slice(1)
const db = openStore(database)
await ingestForRepo(db, repo, null, { env: JSON.parse(env), worker: false })
db.close()
`

const ROLLOUT = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
const OURS = 'aaaaaaaa-0000-4000-8000-00000000000a'
const THEIRS = 'bbbbbbbb-0000-4000-8000-00000000000b'

function rollout(id: string, cwd: string): string {
  const lines = ROLLOUT.split('\n')
  const meta = JSON.parse(lines[0])
  meta.payload.id = id
  meta.payload.cwd = cwd
  delete meta.payload.git
  return [JSON.stringify(meta), ...lines.slice(1)].join('\n')
}

let base: string
let repo: string
let home: string
let codex: string
beforeAll(() => {
  base = tmpDir('alt-scope-kill-')
  repo = join(base, 'work', 'demo')
  home = join(base, 'home')
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q', repo])
  codex = join(home, '.codex', 'sessions', '2026', '03', '03')
  mkdirSync(codex, { recursive: true })
  writeFileSync(join(codex, `rollout-a-${OURS}.jsonl`), rollout(OURS, join(repo, 'src')))
  writeFileSync(join(codex, `rollout-b-${THEIRS}.jsonl`), rollout(THEIRS, join(base, 'work', 'other-project')))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

const discoverEnv = () => ({ env: {}, platform: 'linux' as const, home })

function stored(database: string): { sessions: string[]; pending: number } {
  const db = openStore(database, { readonly: true })
  try {
    return {
      sessions: db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as string[],
      pending: db.prepare('SELECT COUNT(*) FROM scope_pending').pluck().get() as number
    }
  } finally {
    db.close()
  }
}

describe('a scoped ingest killed before it scoped', () => {
  it('leaves its mark, and the next run drops the other project’s session it stored', async () => {
    const database = join(base, 'killed.sqlite')
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, repo, JSON.stringify(discoverEnv())], {
      env: { ...process.env, AI_LOG_TRAIL_CRASH_BEFORE_SCOPE: '1' },
      encoding: 'utf8'
    })
    expect(child.signal).toBe('SIGKILL')
    // What the killed run left: both sessions stored, and its mark.
    expect(stored(database)).toEqual({ sessions: [OURS, THEIRS], pending: 1 })

    const db = openStore(database)
    try {
      const again = await ingestForRepo(db, repo, null, { env: discoverEnv(), worker: false })
      // Nothing was read again: the files are unchanged since the killed run.
      expect(again.files).toBe(0)
      expect(again.out_of_scope_sessions).toBe(1)
      expect(again.sessions).toBe(0)
    } finally {
      db.close()
    }
    expect(stored(database)).toEqual({ sessions: [OURS], pending: 0 })
  })

  it('an uninterrupted run scopes its own sessions and leaves no mark', async () => {
    const database = join(base, 'whole.sqlite')
    const db = openStore(database)
    try {
      const r = await ingestForRepo(db, repo, null, { env: discoverEnv(), worker: false })
      expect(r.session_ids).toEqual([OURS])
      expect(r.out_of_scope_sessions).toBe(1)
    } finally {
      db.close()
    }
    expect(stored(database)).toEqual({ sessions: [OURS], pending: 0 })
  })

  it('does not drop what an unscoped ingest stored before any scoped run was killed', async () => {
    const database = join(base, 'unscoped.sqlite')
    const db = openStore(database)
    try {
      // Taken as given: explicit paths without a repository are not scoped.
      await ingestPaths(db, [codex], { worker: false })
      const r = await ingestForRepo(db, repo, null, { env: discoverEnv(), worker: false })
      expect(r.files).toBe(0)
      expect(r.out_of_scope_sessions).toBe(0)
    } finally {
      db.close()
    }
    expect(stored(database)).toEqual({ sessions: [OURS, THEIRS], pending: 0 })
  })
})
