import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { factsNeeded, resolveScope, resolveScopeIn, type ScopeRequest } from '../../src/scope/request.js'
import { openStore, type Db } from '../../src/store/db.js'
import { eachSessionFacts, readSessionFacts } from '../../src/store/scope-facts.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * A scope resolved from the store reads only the facts its kind needs, one session at a time
 * (`resolveScopeIn`); it must take the same sessions, for the same reasons, as one resolved from
 * every fact of every session. The committed fixtures of every agent (real and self-written logs,
 * fixtures/<agent>/SOURCES.md) give sessions with edits, several log files and pull-request links.
 */

const AGENTS = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider', 'recorder']
let dir: string
let db: Db
beforeAll(async () => {
  dir = tmpDir('alt-scope-facts-')
  db = openStore(join(dir, 'work.sqlite'))
  await ingestPaths(
    db,
    AGENTS.map((a) => join(fixtures, a))
  )
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function requests(): ScopeRequest[] {
  const facts = readSessionFacts(db)
  const edited = [...new Set(facts.flatMap((f) => f.edits.map((e) => e.path.replace(/^\/+/, ''))))].slice(0, 6)
  const branch = facts.find((f) => f.branch !== null)?.branch ?? null
  return [
    { kind: 'all' },
    { kind: 'paths', paths: [join(fixtures, 'claude-code')] },
    {
      kind: 'change',
      change: {
        kind: 'pr',
        label: 'pull request #1',
        repoRoot: dir,
        branch,
        changedFiles: edited,
        span: { from: null, to: null },
        workflowPaths: [join(fixtures, 'codex')]
      }
    }
  ]
}

it('takes the same sessions for the same reasons as a scope resolved from every fact', () => {
  const all = requests()
  expect(all[2].kind === 'change' && all[2].change.changedFiles!.length).toBeGreaterThan(0)
  for (const request of all) {
    const whole = resolveScope(request, readSessionFacts(db))
    expect(whole.sessions.length).toBeGreaterThan(0)
    expect(resolveScopeIn(db, request)).toEqual(whole)
  }
  // The change's scope has a session taken for its edits alone: without them it would differ.
  const change = resolveScopeIn(db, all[2])
  expect(change.sessions.some((s) => s.reasons.some((r) => r.kind === 'touched'))).toBe(true)
})

it('reads only the facts a kind needs, and leaves the others empty', () => {
  const whole = readSessionFacts(db)
  expect(whole.some((f) => f.edits.length > 0)).toBe(true)
  const forPaths = [...eachSessionFacts(db, factsNeeded({ kind: 'paths', paths: [] }))]
  expect(forPaths.map((f) => [f.id, f.log_files])).toEqual(whole.map((f) => [f.id, f.log_files]))
  expect(forPaths.every((f) => f.edits.length === 0 && f.pull_requests.length === 0)).toBe(true)
  const forAll = [...eachSessionFacts(db, factsNeeded({ kind: 'all' }))]
  expect(forAll.map((f) => f.id)).toEqual(whole.map((f) => f.id))
  expect(forAll.every((f) => f.log_files.length === 0)).toBe(true)
})
