import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'
import { FakeGitHub } from './fake-github.js'
import { installAction, killRunning, runAction, type EventSpec, type RunActionResult } from './run-action.js'

/*
 * The bundled Action in a real git repository the test builds: a default branch with two merged
 * pull requests whose sessions are committed under .ai-logs/ (tags v1.0 and v1.1 after each), a
 * feature branch with a committed session of its own, and the runner's home holding sessions of
 * that branch and of another. A cached database carries an earlier pull request's run. The
 * sessions are the Codex fixture with id, cwd and branch rewritten (written here, not by Codex).
 */

const RUN_TIMEOUT = 90_000
const suite = existsSync(join(repoRoot, 'dist', 'index.js')) ? describe : describe.skip
const gh = new FakeGitHub('octo-org/scoped')

let root = ''
let actionDir = ''
let workspace = ''
let home = ''
let database = ''
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' }
const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, env: gitEnv, encoding: 'utf8' }).trim()

const ID = {
  a: '0199a1b2-0000-7000-8000-0000000000aa',
  b: '0199a1b2-0000-7000-8000-0000000000bb',
  x: '0199a1b2-0000-7000-8000-0000000000cc',
  x2: '0199a1b2-0000-7000-8000-0000000000dd',
  other: '0199a1b2-0000-7000-8000-0000000000ee'
}
const logName = (id: string) => `rollout-2026-03-03T11-00-00-${id}.jsonl`

function session(id: string, branch: string, started: string): string {
  return readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
    .replaceAll('0199a1b2-0000-7000-8000-00000000c0de', id)
    .replaceAll('/home/dev/projects/demo', workspace)
    .replaceAll('"branch":"feature/stream-parser"', `"branch":"${branch}"`)
    .replaceAll('2026-03-03T10:', `${started}T10:`)
}

function commit(files: Record<string, string>, when: string, message: string): void {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(workspace, f, '..'), { recursive: true })
    writeFileSync(join(workspace, f), text)
  }
  git('add', '.')
  execFileSync('git', ['commit', '-qm', message], { cwd: workspace, env: { ...gitEnv, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } })
}

function merge(branch: string, when: string): void {
  git('checkout', '-q', 'main')
  execFileSync('git', ['merge', '-q', '--no-ff', '-m', `Merge ${branch}`, branch], {
    cwd: workspace,
    env: { ...gitEnv, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when }
  })
}

function pullEvent(number: number, headRef: string): EventSpec {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: { number, head: { ref: headRef, sha: git('rev-parse', headRef) }, base: { ref: 'main', sha: git('rev-parse', 'main') } },
      repository: { name: gh.repo, full_name: gh.repository, owner: { login: gh.owner } }
    }
  }
}

async function run(
  event: EventSpec,
  name: string
): Promise<{
  r: RunActionResult
  report: { scope: { kind: string; label: string }; sessions: { id: string; scope_reasons: { kind: string }[] }[] }
  comment: string
}> {
  const dir = join(root, name)
  const r = await runAction({
    actionDir,
    dir,
    repository: gh.repository,
    apiUrl: gh.url,
    event,
    timeoutMs: RUN_TIMEOUT,
    // The step runs in the repository built above, with the home that holds the agents' logs.
    env: { GITHUB_WORKSPACE: workspace, HOME: home, CODEX_HOME: join(home, '.codex') },
    inputs: { database, formats: 'json', now: '2026-05-01T00:00:00Z' }
  })
  if (r.code !== 0) throw new Error(`the action failed:\n${r.stdout.slice(-3000)}\n${r.stderr}`)
  const out = r.outputs['report-dir']
  return { r, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')), comment: readFileSync(join(out, 'comment.md'), 'utf8') }
}

suite('the Action reports the sessions of the change under review', () => {
  beforeAll(async () => {
    root = tmpDir('alt-e2e-scope-')
    actionDir = installAction(repoRoot, root)
    workspace = join(root, 'repo')
    home = join(root, 'home')
    database = join(root, 'cache', 'ai-log-trail.sqlite')
    mkdirSync(workspace, { recursive: true })
    git('init', '-q', '-b', 'main')
    commit({ 'README.md': 'demo\n' }, '2026-04-01T09:00:00Z', 'start')
    git('checkout', '-q', '-b', 'feat/a')
    commit({ 'src/a.ts': 'a\n', [`.ai-logs/codex/${logName(ID.a)}`]: session(ID.a, 'feat/a', '2026-04-02') }, '2026-04-02T12:00:00Z', 'a')
    merge('feat/a', '2026-04-02T13:00:00Z')
    git('tag', 'v1.0')
    git('checkout', '-q', '-b', 'feat/b')
    commit({ 'src/b.ts': 'b\n', [`.ai-logs/codex/${logName(ID.b)}`]: session(ID.b, 'feat/b', '2026-04-03') }, '2026-04-03T12:00:00Z', 'b')
    merge('feat/b', '2026-04-03T13:00:00Z')
    git('tag', 'v1.1')
    git('checkout', '-q', '-b', 'feat/x')
    commit({ 'src/x.ts': 'x\n', [`.ai-logs/codex/${logName(ID.x)}`]: session(ID.x, 'feat/x', '2026-04-04') }, '2026-04-04T12:00:00Z', 'x')
    // Not committed: the agents' own places on the runner, one session of this branch and one of another.
    const sessions = join(home, '.codex', 'sessions', '2026', '04', '04')
    mkdirSync(sessions, { recursive: true })
    writeFileSync(join(sessions, logName(ID.x2)), session(ID.x2, 'feat/x', '2026-04-04'))
    writeFileSync(join(sessions, logName(ID.other)), session(ID.other, 'feat/other', '2026-04-04'))
    await gh.start()
    gh.pullFiles.set(1, ['src/a.ts', `.ai-logs/codex/${logName(ID.a)}`])
    gh.pullFiles.set(3, ['src/x.ts', `.ai-logs/codex/${logName(ID.x)}`])
  }, RUN_TIMEOUT)

  afterAll(async () => {
    killRunning()
    await gh.close()
    rmSync(root, { recursive: true, force: true })
  })

  it(
    "a pull request's comment lists exactly its branch's sessions, each with its reason, whatever the cached database holds",
    async () => {
      // An earlier run, on the first pull request, fills the cached database.
      git('checkout', '-q', 'feat/a')
      const first = await run(pullEvent(1, 'feat/a'), 'pr-1')
      expect(first.report.sessions.map((s) => s.id)).toEqual([ID.a])
      git('checkout', '-q', 'feat/x')
      const { report, comment, r } = await run(pullEvent(3, 'feat/x'), 'pr-3')
      expect(report.scope).toEqual({ kind: 'pr', label: 'pull request #3 (branch feat/x)' })
      const reasons = Object.fromEntries(report.sessions.map((s) => [s.id, s.scope_reasons.map((x) => x.kind).sort()]))
      expect(reasons).toEqual({ [ID.x]: ['branch', 'log-in-change'], [ID.x2]: ['branch'] })
      expect(comment).toContain('log added in this pull request')
      expect(comment).toContain('branch feat/x')
      for (const id of [ID.a, ID.b, ID.other]) expect(comment).not.toContain(id.slice(-12))
      expect(r.stdout).toContain('scope: pull request #3 (branch feat/x) (2 session(s))')
    },
    RUN_TIMEOUT * 3
  )

  it(
    'a release run lists exactly the sessions since the previous tag',
    async () => {
      git('checkout', '-q', 'v1.1')
      gh.addRelease(77, 'v1.1', 'notes')
      const { report } = await run(
        {
          name: 'release',
          payload: {
            action: 'published',
            release: { id: 77, tag_name: 'v1.1' },
            repository: { name: gh.repo, full_name: gh.repository, owner: { login: gh.owner } }
          }
        },
        'release'
      )
      expect(report.scope).toEqual({ kind: 'release', label: 'release v1.1 (since v1.0)' })
      expect(report.sessions.map((s) => [s.id, s.scope_reasons.map((x) => x.kind).sort()])).toEqual([[ID.b, ['log-in-change', 'since']]])
    },
    RUN_TIMEOUT * 2
  )
})
