import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { collect } from '../../src/collect/collect.js'
import { claudeProjectDir } from '../../src/discover/locations.js'
import { parseConfig } from '../../src/config/load.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * A real repository with a default branch and a feature branch, and a fake home whose Codex and
 * Claude Code folders hold sessions of three branches (the fixtures, with cwd, branch and id
 * rewritten). The sessions are written by hand from the bundled fixtures, not by the agents.
 */
const root = tmpDir('alt-collect-')
const repo = join(root, 'app')
const home = join(root, 'home')
const env = { env: {}, platform: 'linux' as const, home }
const config = parseConfig('', 'default')
// Assembled here so the repository holds no token shape.
const token = 'gh' + 'p_' + 'Zq8Xw2Lr5Tn7Vb1Mc4Kd9Hf3Js6Pg0Ay2Ue8R'

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' }
function commit(file: string, when: string): void {
  mkdirSync(join(repo, file, '..'), { recursive: true })
  writeFileSync(join(repo, file), when + '\n')
  execFileSync('git', ['add', '.'], { cwd: repo })
  execFileSync('git', ['commit', '-qm', file], { cwd: repo, env: { ...gitEnv, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } })
}

function codexSession(id: string, branch: string, prompt?: string): void {
  const src = readFileSync(join(fixtures, 'codex/rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
  const text = src
    .replaceAll('0199a1b2-0000-7000-8000-00000000c0de', id)
    .replaceAll('/home/dev/projects/demo', repo)
    .replaceAll('"branch":"feature/stream-parser"', `"branch":"${branch}"`)
    .replace('Refactor the parser so it streams input', prompt ?? 'Refactor the parser so it streams input')
  const dir = join(home, '.codex/sessions/2026/03/03')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `rollout-2026-03-03T11-00-00-${id}.jsonl`), text)
}

function claudeSession(id: string, branch: string): void {
  const src = readFileSync(join(fixtures, 'claude-code/projects/-home-dev-demo/11111111-1111-4111-8111-111111111111.jsonl'), 'utf8')
  const text = src
    .replaceAll('11111111-1111-4111-8111-111111111111', id)
    .replaceAll('/home/dev/demo', repo)
    .replaceAll('"gitBranch":"main"', `"gitBranch":"${branch}"`)
  const dir = join(home, '.claude/projects', claudeProjectDir(repo))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${id}.jsonl`), text)
}

function tree(dir: string): Record<string, number> {
  const out: Record<string, number> = {}
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out[relative(dir, p)] = statSync(p).mtimeMs
    }
  }
  walk(dir)
  return out
}

beforeAll(() => {
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo })
  commit('README.md', '2026-04-01T09:00:00Z')
  execFileSync('git', ['checkout', '-q', '-b', 'feat/x'], { cwd: repo })
  commit('src/x.ts', '2026-04-02T09:00:00Z')
  codexSession('0199a1b2-0000-7000-8000-0000000000a1', 'main')
  codexSession('0199a1b2-0000-7000-8000-0000000000a2', 'feat/x', `Use ${token} to push the branch`)
  codexSession('0199a1b2-0000-7000-8000-0000000000a3', 'feat/y')
  claudeSession('c1111111-1111-4111-8111-111111111111', 'feat/x')
  claudeSession('c2222222-2222-4222-8222-222222222222', 'feat/y')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('collect', () => {
  it('with --dry-run says what it would stage and writes nothing', async () => {
    const r = await collect({ repoDir: repo, config, env, dryRun: true })
    expect(r.staged.map((f) => [f.path, f.status])).toEqual([
      ['.ai-logs/claude-code/c1111111-1111-4111-8111-111111111111.jsonl', 'new'],
      ['.ai-logs/codex/0199a1b2-0000-7000-8000-0000000000a2.jsonl', 'new']
    ])
    expect(() => statSync(join(repo, '.ai-logs'))).toThrow()
  })

  it("writes exactly the current branch's sessions, each with its reason, redacted", async () => {
    const r = await collect({ repoDir: repo, config, env })
    expect(r.scope.label).toBe('branch feat/x')
    expect(r.staged.map((f) => ({ path: f.path, status: f.status, reasons: f.reasons }))).toEqual([
      { path: '.ai-logs/claude-code/c1111111-1111-4111-8111-111111111111.jsonl', status: 'new', reasons: [{ kind: 'branch', branch: 'feat/x' }] },
      { path: '.ai-logs/codex/0199a1b2-0000-7000-8000-0000000000a2.jsonl', status: 'new', reasons: [{ kind: 'branch', branch: 'feat/x' }] }
    ])
    expect(Object.keys(tree(join(repo, '.ai-logs'))).sort()).toEqual([
      'claude-code/c1111111-1111-4111-8111-111111111111.jsonl',
      'codex/0199a1b2-0000-7000-8000-0000000000a2.jsonl'
    ])
    const copy = readFileSync(join(repo, '.ai-logs/codex/0199a1b2-0000-7000-8000-0000000000a2.jsonl'), 'utf8')
    expect(copy).not.toContain(token)
    expect(copy).toContain('[REDACTED:github-token')
    expect(r.redactions).toBeGreaterThan(0)
    // The copies passed the last check too: the structured pass had left nothing for it.
    expect(r.late).toEqual({ total: 0, by_file: {} })
    for (const line of copy.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('changes nothing on a second run', async () => {
    const before = tree(join(repo, '.ai-logs'))
    const r = await collect({ repoDir: repo, config, env })
    expect(r.staged.map((f) => f.status)).toEqual(['unchanged', 'unchanged'])
    expect(tree(join(repo, '.ai-logs'))).toEqual(before)
  })

  it('updates a grown session and rewrites nothing else', async () => {
    const before = tree(join(repo, '.ai-logs'))
    const dir = join(home, '.claude/projects', claudeProjectDir(repo))
    const file = join(dir, 'c1111111-1111-4111-8111-111111111111.jsonl')
    const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) as string) as Record<string, unknown>
    writeFileSync(
      file,
      readFileSync(file, 'utf8') + JSON.stringify({ ...last, uuid: 'f0000000-0000-4000-8000-00000000ffff', timestamp: '2026-04-03T10:00:00.000Z' }) + '\n'
    )
    const r = await collect({ repoDir: repo, config, env })
    expect(r.staged.map((f) => f.status)).toEqual(['updated', 'unchanged'])
    const after = tree(join(repo, '.ai-logs'))
    expect(after['codex/0199a1b2-0000-7000-8000-0000000000a2.jsonl']).toBe(before['codex/0199a1b2-0000-7000-8000-0000000000a2.jsonl'])
    expect(readFileSync(join(repo, '.ai-logs/claude-code/c1111111-1111-4111-8111-111111111111.jsonl'), 'utf8')).toContain(
      'f0000000-0000-4000-8000-00000000ffff'
    )
  })

  it('with --all takes every branch, and --branch another one', async () => {
    const all = await collect({ repoDir: repo, config, env, dryRun: true, all: true })
    expect(all.staged.map((f) => f.session).sort()).toEqual([
      '0199a1b2-0000-7000-8000-0000000000a1',
      '0199a1b2-0000-7000-8000-0000000000a2',
      '0199a1b2-0000-7000-8000-0000000000a3',
      'c1111111-1111-4111-8111-111111111111',
      'c2222222-2222-4222-8222-222222222222'
    ])
    const y = await collect({ repoDir: repo, config, env, dryRun: true, branch: 'feat/y', base: 'main' })
    expect(y.staged.map((f) => f.session)).toEqual(['c2222222-2222-4222-8222-222222222222', '0199a1b2-0000-7000-8000-0000000000a3'])
  })

  it("copies a Claude session's tool output side files, redacted, where its copied transcript finds them", async () => {
    // The hand-written Claude Code 2.1 sample, moved to this repository and branch, its side file holding a token.
    const W = '7a1e2000-2100-4100-8100-000000000021'
    const id = 'c3333333-3333-4333-8333-333333333333'
    const src = join(fixtures, 'claude-code-2.1/projects/-home-dev-widgets')
    const dir = join(home, '.claude/projects', claudeProjectDir(repo))
    writeFileSync(
      join(dir, `${id}.jsonl`),
      readFileSync(join(src, `${W}.jsonl`), 'utf8')
        .replaceAll(W, id)
        .replaceAll('/home/dev/widgets', repo)
        .replaceAll('fix/flaky-clock', 'feat/z')
    )
    mkdirSync(join(dir, id, 'tool-results'), { recursive: true })
    const side = `side-file-head-marker\nnpm notice publishing with ${token}\n` + readFileSync(join(src, W, 'tool-results/toolu_01SideBash.txt'), 'utf8')
    writeFileSync(join(dir, id, 'tool-results/toolu_01SideBash.txt'), side)
    const r = await collect({ repoDir: repo, config, env, branch: 'feat/z', base: 'main' })
    const copy = `.ai-logs/claude-code/${id}/tool-results/toolu_01SideBash.txt`
    expect(r.staged.map((f) => [f.path, f.status])).toEqual([
      [`.ai-logs/claude-code/${id}.jsonl`, 'new'],
      [copy, 'new']
    ])
    const text = readFileSync(join(repo, copy), 'utf8')
    expect(text).toContain('side-file-head-marker')
    expect(text).not.toContain(token)
    // Read back from .ai-logs/, the copy's tool output is the redacted side file, found without a problem.
    const { ingestFresh } = await import('../helpers.js')
    const ing = await ingestFresh([join(repo, '.ai-logs/claude-code', `${id}.jsonl`)])
    try {
      expect(ing.result.errors).toEqual([])
      const out = ing.db.prepare(`SELECT output FROM function_results WHERE call_id = 'toolu_01SideBash'`).get() as { output: string }
      expect(out.output).toBe(text)
    } finally {
      ing.close()
    }
  })
})
