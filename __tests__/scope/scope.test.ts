import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  branchChange,
  describeReason,
  pullRequestChange,
  releaseChange,
  scopeToAll,
  scopeToChange,
  scopeToPaths,
  type ChangeSpec
} from '../../src/scope/index.js'
import type { SessionFacts } from '../../src/store/scope-facts.js'
import { tmpDir } from '../helpers.js'

const root = tmpDir('alt-scope-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

function facts(id: string, over: Partial<SessionFacts> = {}): SessionFacts {
  return { id, agent: 'codex', branch: null, started_at: '2026-05-01T10:00:00.000Z', ended_at: null, log_files: [], edits: [], pull_requests: [], ...over }
}

const spec = (over: Partial<ChangeSpec> = {}): ChangeSpec => ({
  kind: 'pr',
  label: 'pull request #7',
  repoRoot: root,
  branch: 'feat/x',
  changedFiles: ['src/a.ts', 'src/b.ts', '.ai-logs/codex/s1.jsonl'],
  span: { from: '2026-05-01T00:00:00.000Z', to: '2026-05-02T00:00:00.000Z' },
  workflowPaths: [],
  ...over
})

describe('which sessions made a change', () => {
  it('takes a session by each rule, and says every reason that holds', () => {
    const out = scopeToChange(
      [
        facts('on-branch', { branch: 'feat/x' }),
        facts('log-added', { log_files: [join(root, '.ai-logs/codex/s1.jsonl')] }),
        facts('from-job', { log_files: ['/tmp/job-output/exec.jsonl'] }),
        facts('touched', {
          edits: [
            { path: '/home/u/app/src/a.ts', ts: '2026-05-01T12:00:00Z' },
            { path: 'src/b.ts', ts: '2026-05-01T13:00:00Z' }
          ]
        }),
        facts('both', { branch: 'feat/x', edits: [{ path: 'src/a.ts', ts: '2026-05-01T12:00:00Z' }] })
      ],
      spec({ workflowPaths: ['/tmp/job-output'] })
    )
    expect(out.sessions).toEqual([
      { id: 'on-branch', reasons: [{ kind: 'branch', branch: 'feat/x' }] },
      { id: 'log-added', reasons: [{ kind: 'log-in-change', path: '.ai-logs/codex/s1.jsonl' }] },
      { id: 'from-job', reasons: [{ kind: 'workflow', path: '/tmp/job-output/exec.jsonl' }] },
      { id: 'touched', reasons: [{ kind: 'touched', files: 2, of: 3 }] },
      {
        id: 'both',
        reasons: [
          { kind: 'branch', branch: 'feat/x' },
          { kind: 'touched', files: 1, of: 3 }
        ]
      }
    ])
  })

  it('takes an edit at a zone-less wall-clock time (Aider) when it falls within the span in some zone, and only then', () => {
    const at = (ts: string) => facts(ts, { agent: 'aider', started_at: null, edits: [{ path: 'src/a.ts', ts }] })
    // The span is 2026-05-01 00:00Z to 2026-05-02 00:00Z.
    const out = scopeToChange(
      [
        // 09:00 in Tokyo (+09:00) is 00:00Z on the 2nd, the span's last instant; read as UTC it would be outside.
        at('2026-05-02T09:00:00'),
        // The zones run from −12 to +14 hours: 13:00 on 30 April is 01:00Z on 1 May at −12,
        // 14:00 on 2 May is 00:00Z on 2 May at +14.
        at('2026-04-30T13:00:00'),
        at('2026-05-02T14:00:00'),
        // No zone puts these within the span (its first instant is outside it).
        at('2026-04-30T12:00:00'),
        at('2026-05-02T14:01:00')
      ],
      spec()
    )
    expect(out.sessions.map((x) => x.id)).toEqual(['2026-05-02T09:00:00', '2026-04-30T13:00:00', '2026-05-02T14:00:00'])
  })

  it('leaves out another branch, an older log, and edits outside the span', () => {
    const out = scopeToChange(
      [
        facts('other-branch', { branch: 'feat/y' }),
        facts('old-log', { log_files: [join(root, '.ai-logs/codex/s0.jsonl')] }),
        facts('edited-before', { edits: [{ path: 'src/a.ts', ts: '2026-04-30T23:59:59Z' }] }),
        facts('edited-after', { edits: [{ path: 'src/a.ts', ts: '2026-05-02T00:00:01Z' }] }),
        facts('edited-untimed', { edits: [{ path: 'src/a.ts', ts: null }] }),
        facts('edited-other-file', { edits: [{ path: 'src/a.ts.bak', ts: '2026-05-01T12:00:00Z' }] })
      ],
      spec()
    )
    expect(out.sessions).toEqual([])
  })

  it('does not take a log inside the repository for one from the job', () => {
    const out = scopeToChange(
      [facts('committed-earlier', { log_files: [join(root, '.ai-logs/old.jsonl')] })],
      spec({ workflowPaths: [root, join(root, '.ai-logs')] })
    )
    expect(out.sessions).toEqual([])
  })

  it('uses no file rule when the changed files are unknown', () => {
    const out = scopeToChange(
      [facts('t', { edits: [{ path: 'src/a.ts', ts: '2026-05-01T12:00:00Z' }] }), facts('b', { branch: 'feat/x' })],
      spec({ changedFiles: null })
    )
    expect(out.sessions.map((s) => s.id)).toEqual(['b'])
  })

  it('scopes to given paths whatever else is known', () => {
    const a = join(root, 'logs-a')
    const out = scopeToPaths([facts('in', { log_files: [join(a, 'x.jsonl')] }), facts('out', { log_files: [join(root, 'logs-ab', 'y.jsonl')] })], [a])
    expect(out).toEqual({ kind: 'paths', label: 'the given logs', sessions: [{ id: 'in', reasons: [{ kind: 'paths' }] }] })
    expect(scopeToAll([facts('a'), facts('b')]).sessions.map((s) => s.id)).toEqual(['a', 'b'])
  })

  it('gives every session of a paths or all scope one shared reasons list that no holder can change', () => {
    const a = join(root, 'logs-a')
    const many = Array.from({ length: 3 }, (_, i) => facts(`s${i}`, { log_files: [join(a, `${i}.jsonl`)] }))
    for (const out of [scopeToPaths(many, [a]), scopeToAll(many)]) {
      const [first, ...rest] = out.sessions
      for (const s of rest) expect(s.reasons).toBe(first.reasons)
      expect(() => (first.reasons as unknown[]).push({ kind: 'branch', branch: 'x' })).toThrow(TypeError)
      expect(() => Object.assign(first.reasons[0], { kind: 'since' })).toThrow(TypeError)
      expect(rest[0].reasons).toEqual([{ kind: out.kind }])
    }
  })

  it('describes each reason in a reviewer’s words', () => {
    expect(describeReason({ kind: 'branch', branch: 'feat/x' }, 'pr')).toBe('branch feat/x')
    expect(describeReason({ kind: 'log-in-change', path: 'x' }, 'pr')).toBe('log added in this pull request')
    expect(describeReason({ kind: 'workflow', path: '/x' }, 'pr')).toBe('ran in this workflow')
    expect(describeReason({ kind: 'touched', files: 3, of: 6 }, 'pr')).toBe('touched 3 of the 6 changed files')
    expect(describeReason({ kind: 'since', ref: 'v1.0.0' }, 'release')).toBe('started after v1.0.0')
    expect(describeReason({ kind: 'pr-link', agent: 'claude-code' }, 'pr')).toBe('linked to this pull request by Claude Code')
  })
})

describe('sessions an agent linked to the pull request', () => {
  const pr = spec({ branch: 'main', changedFiles: null, pullRequest: { repository: 'Acme/Widgets', number: 7 } })

  it('takes a session whose pr-link names this pull request, whatever its branch, and says so', () => {
    const out = scopeToChange(
      [
        facts('linked', { agent: 'claude-code', branch: 'other', pull_requests: ['https://github.com/acme/widgets/pull/7'] }),
        facts('linked-with-tail', {
          agent: 'claude-code',
          pull_requests: ['https://github.com/acme/widgets/pull/70', 'https://github.com/ACME/widgets/pull/7/files']
        })
      ],
      pr
    )
    expect(out.sessions).toEqual([
      { id: 'linked', reasons: [{ kind: 'pr-link', agent: 'claude-code' }] },
      { id: 'linked-with-tail', reasons: [{ kind: 'pr-link', agent: 'claude-code' }] }
    ])
  })

  it('leaves out a link to another number, another repository, a fork of the same name, or an issue', () => {
    const out = scopeToChange(
      [
        facts('other-number', { pull_requests: ['https://github.com/acme/widgets/pull/8', 'https://github.com/acme/widgets/pull/77'] }),
        facts('other-repo', { pull_requests: ['https://github.com/acme/gadgets/pull/7'] }),
        facts('fork', { pull_requests: ['https://github.com/someone/widgets/pull/7'] }),
        facts('issue', { pull_requests: ['https://github.com/acme/widgets/issues/7'] }),
        facts('garbage', { pull_requests: ['not a url', ''] })
      ],
      pr
    )
    expect(out.sessions).toEqual([])
  })

  it('matches nothing when the pull request itself is not known (a local branch)', () => {
    const out = scopeToChange([facts('linked', { pull_requests: ['https://github.com/acme/widgets/pull/7'] })], spec({ branch: 'main', changedFiles: null }))
    expect(out.sessions).toEqual([])
  })

  it('pullRequestChange carries the repository and number the rule needs', () => {
    const change = pullRequestChange({
      repoDir: root,
      number: 7,
      headRef: 'feat/x',
      baseSha: null,
      headSha: null,
      changedFiles: [],
      workflowPaths: [],
      repository: 'acme/widgets'
    })
    expect(change.pullRequest).toEqual({ repository: 'acme/widgets', number: 7 })
    expect(
      pullRequestChange({ repoDir: root, number: 7, headRef: 'feat/x', baseSha: null, headSha: null, changedFiles: [], workflowPaths: [] }).pullRequest
    ).toBeUndefined()
  })
})

describe('a change read from a real git repository', () => {
  const repo = join(root, 'repo')
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' }
    })
  const commit = (file: string, when: string) => {
    mkdirSync(join(repo, file, '..'), { recursive: true })
    writeFileSync(join(repo, file), when)
    git('add', '.')
    execFileSync('git', ['commit', '-qm', file], {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_DATE: when
      }
    })
  }
  mkdirSync(repo, { recursive: true })
  git('init', '-q', '-b', 'main')
  commit('README.md', '2026-05-01T09:00:00Z')
  git('tag', 'v1.0.0')
  commit('src/old.ts', '2026-05-02T09:00:00Z')
  git('tag', 'v1.1.0')
  git('checkout', '-q', '-b', 'feat/x')
  commit('src/new.ts', '2026-05-03T09:00:00Z')
  commit('.ai-logs/codex/s1.jsonl', '2026-05-03T10:00:00Z')

  it('compares the checked-out branch with the default branch from their merge base', () => {
    const c = branchChange({ repoDir: repo })
    expect(c.branch).toBe('feat/x')
    expect(c.changedFiles?.sort()).toEqual(['.ai-logs/codex/s1.jsonl', 'src/new.ts'])
    expect(c.span).toEqual({ from: '2026-05-02T09:00:00.000Z', to: null })
  })

  it('takes a release since the previous tag', () => {
    const c = releaseChange(repo, 'v1.1.0')
    expect(c.label).toBe('release v1.1.0 (since v1.0.0)')
    expect(c.changedFiles).toEqual(['src/old.ts'])
    expect(c.span).toEqual({ from: '2026-05-01T09:00:00.000Z', to: '2026-05-02T09:00:00.000Z' })
    const out = scopeToChange(
      [
        facts('before', { started_at: '2026-05-01T08:00:00Z' }),
        facts('between', { started_at: '2026-05-01T20:00:00Z' }),
        facts('after', { started_at: '2026-05-02T10:00:00Z' })
      ],
      c
    )
    expect(out.sessions).toEqual([{ id: 'between', reasons: [{ kind: 'since', ref: 'v1.0.0' }] }])
  })

  it('refuses an unknown tag with a clear error', () => {
    expect(() => releaseChange(repo, 'v9')).toThrow('no such tag or commit here: v9')
  })
})

describe('the facts a scope reads from the store', () => {
  it('gives each session its log files, branch and timed edits', async () => {
    const { ingestFresh, fixtures } = await import('../helpers.js')
    const ing = await ingestFresh([join(fixtures, 'codex'), join(fixtures, 'claude-code')])
    try {
      const { readSessionFacts } = await import('../../src/store/scope-facts.js')
      const all = readSessionFacts(ing.db)
      expect(all.map((f) => f.id)).toEqual(ing.sessions.map((s) => s.id))
      for (const f of all) expect(f.log_files.length).toBeGreaterThan(0)
      expect(all.some((f) => f.branch !== null)).toBe(true)
      const edits = all.flatMap((f) => f.edits)
      expect(edits.length).toBeGreaterThan(0)
      expect(edits.every((e) => e.path.length > 0)).toBe(true)
      expect(scopeToPaths(all, [join(fixtures, 'codex')]).sessions.length).toBe(ing.sessions.filter((s) => s.agent === 'codex').length)
    } finally {
      ing.close()
    }
  })
})
