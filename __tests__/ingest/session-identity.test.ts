import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestForRepo } from '../../src/discover/discover.js'
import { repoIdentity } from '../../src/discover/repo.js'
import { scopeToRepo } from '../../src/discover/scope.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { selectReport } from '../../src/select/select.js'
import { openStore, type Db } from '../../src/store/db.js'
import { fileIdFor } from '../../src/store/files.js'
import { listSessions } from '../../src/store/queries.js'
import { SessionIdentity } from '../../src/store/session-identity.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * One session id in two projects' logs is two sessions (reliability issue #13, case 10b). The logs
 * are the Codex rollout fixture (self-written) and the Claude Code transcript fixture, with their
 * session id, cwd and prompts rewritten per case.
 */

const ROLLOUT = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
const FIXTURE_PROMPT = 'Refactor the parser so it streams input'
const TRANSCRIPT = readFileSync(join(fixtures, 'claude-code', 'projects', '-home-dev-demo', '11111111-1111-4111-8111-111111111111.jsonl'), 'utf8')
const ID = '0199a1b2-0000-7000-8000-0000000051d0'

/** A Codex rollout of session `id` started in `cwd` (none: no cwd at all) whose person's prompt is `prompt`. */
function rollout(id: string, cwd: string | null, prompt: string): string {
  const lines = ROLLOUT.trimEnd().split('\n')
  const meta = JSON.parse(lines[0])
  meta.payload.id = id
  if (cwd === null) delete meta.payload.cwd
  else meta.payload.cwd = cwd
  delete meta.payload.git
  const rest = lines
    .slice(1)
    .filter((l) => cwd !== null || !/"cwd"|<cwd>/.test(l))
    .map((l) => l.replaceAll('/home/dev/projects/demo', cwd ?? '').replaceAll(FIXTURE_PROMPT, prompt))
  return [JSON.stringify(meta), ...rest].join('\n') + '\n'
}

/** One more person's prompt, for a log that grows. */
function laterPrompt(prompt: string): string {
  return JSON.stringify({ timestamp: '2026-03-03T12:00:00.000Z', type: 'event_msg', payload: { type: 'user_message', message: prompt, images: [] } }) + '\n'
}

/** The Claude Code transcript fixture as session `id`, run in `cwd`, its first prompt replaced. */
function transcript(id: string, cwd: string, prompt: string): string {
  const records = TRANSCRIPT.split('\n').map((l) => (l.trim() ? JSON.parse(l) : null))
  const sid = records.find((o) => o?.sessionId)?.sessionId as string
  const first = records.find((o) => o?.type === 'user' && typeof o.message?.content === 'string')?.message.content as string
  return TRANSCRIPT.replaceAll(sid, id).replaceAll('"/home/dev/demo', JSON.stringify(cwd).slice(0, -1)).replaceAll(JSON.stringify(first).slice(1, -1), prompt)
}

const dirs: string[] = []
const dbs: Db[] = []
afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function setup(): { base: string; db: Db; repoA: string; repoB: string; logs: string } {
  const base = tmpDir('alt-identity-')
  dirs.push(base)
  const repoA = join(base, 'work', 'alpha')
  const repoB = join(base, 'work', 'beta')
  for (const r of [repoA, repoB]) {
    mkdirSync(r, { recursive: true })
    execFileSync('git', ['init', '-q', r])
  }
  const logs = join(base, 'logs')
  mkdirSync(logs)
  const db = openStore(join(base, 'store.sqlite'))
  dbs.push(db)
  return { base, db, repoA, repoB, logs }
}

function prompts(db: Db): string[] {
  return (db.prepare(`SELECT text FROM prompts WHERE by_agent = 0 ORDER BY text`).all() as { text: string }[]).map((r) => r.text)
}

function reportText(db: Db): string {
  return JSON.stringify(selectReport(db, { mode: 'full', now: new Date('2026-04-01T00:00:00Z') }))
}

describe('session identity across projects', () => {
  it('keeps one session id logged in two repositories as two sessions, and a report scoped to one shows none of the other’s prompts', async () => {
    const { db, repoA, repoB, logs } = setup()
    writeFileSync(join(logs, `rollout-a-${ID}.jsonl`), rollout(ID, repoA, 'alpha prompt: tidy the parser'))
    writeFileSync(join(logs, `rollout-b-${ID}.jsonl`), rollout(ID, repoB, 'beta prompt: the other project’s plans'))
    const r = await ingestForRepo(db, repoA, [logs])
    expect(r.out_of_scope_sessions).toBe(1)
    expect(listSessions(db).map((s) => s.cwd)).toEqual([repoA])
    const text = reportText(db)
    expect(text).toContain('alpha prompt')
    expect(text).not.toContain('beta prompt')
    // The dropped session's log grows: its new records stay out too, rather than joining alpha's.
    appendFileSync(join(logs, `rollout-b-${ID}.jsonl`), laterPrompt('beta prompt, later'))
    const again = await ingestForRepo(db, repoA, [logs])
    expect(again.out_of_scope_sessions).toBe(1)
    expect(reportText(db)).not.toContain('beta prompt')
  })

  it('splits a Claude Code transcript and a Codex rollout that share an id but not a project', async () => {
    const { db, repoA, repoB, logs } = setup()
    writeFileSync(join(logs, `${ID}.jsonl`), transcript(ID, repoB, 'beta prompt in claude'))
    writeFileSync(join(logs, `rollout-a-${ID}.jsonl`), rollout(ID, repoA, 'alpha prompt in codex'))
    await ingestPaths(db, [logs])
    const sessions = listSessions(db)
    expect(sessions.map((s) => [s.agent, s.cwd]).sort()).toEqual([
      ['claude-code', repoB],
      ['codex', repoA]
    ])
    // The first project seen keeps the log's id; the other gets it with a suffix naming its project.
    expect(sessions.map((s) => s.id).filter((id) => id === ID)).toHaveLength(1)
    expect(sessions.every((s) => s.id === ID || s.id.startsWith(`${ID}@`))).toBe(true)
    expect(
      scopeToRepo(
        db,
        repoIdentity(repoA),
        [],
        sessions.map((s) => s.id)
      )
    ).toHaveLength(1)
    expect(reportText(db)).toContain('alpha prompt')
    expect(reportText(db)).not.toContain('beta prompt')
  })

  it('places a log by the cwd it gives even when its first records come before it', async () => {
    const { db, repoA, repoB, logs } = setup()
    writeFileSync(join(logs, `rollout-a-${ID}.jsonl`), rollout(ID, repoA, 'alpha prompt in codex'))
    // Alpha's log is read first, so it holds the log's id.
    await ingestPaths(db, [logs])
    // The transcript's first person's prompt carries no cwd: only the lines after it say where it ran.
    const lines = transcript(ID, repoB, 'beta prompt before any cwd').split('\n')
    const first = lines.findIndex((l) => l.includes('beta prompt before any cwd'))
    const o = JSON.parse(lines[first])
    delete o.cwd
    lines[first] = JSON.stringify(o)
    writeFileSync(join(logs, `${ID}.jsonl`), lines.join('\n'))
    await ingestPaths(db, [logs])
    const owner = db
      .prepare(`SELECT s.agent AS agent, s.cwd AS cwd FROM prompts p JOIN sessions s ON s.id = p.session_id WHERE p.text = 'beta prompt before any cwd'`)
      .all()
    expect(owner).toEqual([{ agent: 'claude-code', cwd: repoB }])
  })

  it('keeps a grown log in its own session on every re-run, and a re-run changes nothing', async () => {
    const { db, repoA, repoB, logs } = setup()
    const a = join(logs, `rollout-a-${ID}.jsonl`)
    const b = join(logs, `rollout-b-${ID}.jsonl`)
    writeFileSync(a, rollout(ID, repoA, 'alpha one'))
    writeFileSync(b, rollout(ID, repoB, 'beta one'))
    await ingestPaths(db, [logs])
    const before = listSessions(db).map((s) => [s.id, s.cwd])
    appendFileSync(a, laterPrompt('alpha two'))
    appendFileSync(b, laterPrompt('beta two'))
    const grown = await ingestPaths(db, [logs])
    expect(grown.session_ids.sort()).toEqual(before.map(([id]) => id).sort())
    expect(listSessions(db).map((s) => [s.id, s.cwd])).toEqual(before)
    const byCwd = (cwd: string) =>
      (
        db.prepare(`SELECT p.text FROM prompts p JOIN sessions s ON s.id = p.session_id WHERE s.cwd = ? AND p.by_agent = 0 ORDER BY p.text`).all(cwd) as {
          text: string
        }[]
      )
        .map((r) => r.text)
        .filter((t) => /^(alpha|beta) /.test(t))
    expect(byCwd(repoA)).toEqual(['alpha one', 'alpha two'])
    expect(byCwd(repoB)).toEqual(['beta one', 'beta two'])
    const again = await ingestPaths(db, [logs])
    expect(again.files).toBe(0)
    expect(listSessions(db).map((s) => [s.id, s.cwd])).toEqual(before)
  })

  it('still takes copies of one log (archived, or sanitized with the user name redacted) for one session', async () => {
    const { db, logs } = setup()
    const cwd = '/home/alice/projects/alpha'
    const log = rollout(ID, cwd, 'alpha prompt')
    mkdirSync(join(logs, 'archive'))
    mkdirSync(join(logs, '.ai-logs'))
    writeFileSync(join(logs, `rollout-${ID}.jsonl`), log)
    writeFileSync(join(logs, 'archive', `rollout-${ID}.jsonl`), log)
    writeFileSync(join(logs, '.ai-logs', `${ID}.jsonl`), log.replaceAll('/home/alice/', '/home/[REDACTED:home-path]/'))
    await ingestPaths(db, [logs])
    expect(listSessions(db).map((s) => s.id)).toEqual([ID])
    expect(prompts(db).filter((t) => t === 'alpha prompt')).toHaveLength(3)
    // The fixture's two person prompts, each counted once.
    expect(listSessions(db)[0].prompts).toBe(2)
  })

  it('does not split a session whose cwd one of its logs does not say, nor one that moved into a subfolder', async () => {
    const { db, repoA, logs } = setup()
    writeFileSync(join(logs, `rollout-1-${ID}.jsonl`), rollout(ID, null, 'said nowhere'))
    writeFileSync(join(logs, `rollout-2-${ID}.jsonl`), rollout(ID, repoA, 'in the project'))
    writeFileSync(join(logs, `rollout-3-${ID}.jsonl`), rollout(ID, join(repoA, 'src'), 'in a subfolder'))
    writeFileSync(join(logs, `rollout-4-${ID}.jsonl`), rollout(ID, null, 'said nowhere either'))
    await ingestPaths(db, [logs])
    expect(listSessions(db).map((s) => [s.id, s.cwd])).toEqual([[ID, repoA]])
  })
})

describe('the stored session of each file and log id, asked record by record', () => {
  it('answers each file and log id on its own when they alternate, and anew once forgotten after a file’s sources went', () => {
    const db = openStore(':memory:')
    try {
      const identity = new SessionIdentity(db)
      const a = fileIdFor(db, '/logs/a.jsonl')
      const b = fileIdFor(db, '/logs/b.jsonl')
      identity.beginBatch(new Map([[ID, '/work/alpha']]))
      const first = identity.resolve(a, ID)
      expect(first).toBe(ID)
      expect(identity.resolve(a, 'other-log')).toBe('other-log')
      expect(identity.resolve(a, ID)).toBe(first)
      // The same log id from another project's file is another session, though asked right after.
      identity.beginBatch(new Map([[ID, '/work/beta']]))
      const second = identity.resolve(b, ID)
      expect(second).not.toBe(first)
      expect(identity.resolve(b, ID)).toBe(second)
      expect(identity.resolve(a, ID)).toBe(first)
      // File a rewritten: its sources deleted, the identity told to forget; it then joins anew.
      db.prepare('DELETE FROM session_sources WHERE file_id = ?').run(a)
      db.prepare('UPDATE session_sources SET project = NULL WHERE file_id = ?').run(b)
      identity.forget()
      identity.beginBatch(new Map())
      expect(identity.resolve(a, ID)).toBe(second)
    } finally {
      db.close()
    }
  })
})
