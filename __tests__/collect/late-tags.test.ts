import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { collect } from '../../src/collect/collect.js'
import { parseConfig } from '../../src/config/load.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * Two Codex sessions of the current branch, each staged as its own copy (a report of its own,
 * numbered from 1). An address with a zero-width joiner before its `@` is not one to the field
 * pass; the last check reads the copy as a reader sees it (invisible characters dropped) and finds it.
 */
const root = tmpDir('alt-collect-tags-')
const repo = join(root, 'app')
const home = join(root, 'home')
const env = { env: {}, platform: 'linux' as const, home }
const ZWJ = '\u200d'
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' }

function codexSession(id: string, prompt: string): void {
  const src = readFileSync(join(fixtures, 'codex/rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
  const text = src
    .replaceAll('0199a1b2-0000-7000-8000-00000000c0de', id)
    .replaceAll('/home/dev/projects/demo', repo)
    .replaceAll('"branch":"feature/stream-parser"', '"branch":"feat/x"')
    .replace('Refactor the parser so it streams input', prompt)
  const dir = join(home, '.codex/sessions/2026/03/03')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `rollout-2026-03-03T11-00-00-${id}.jsonl`), text)
}

beforeAll(() => {
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo })
  writeFileSync(join(repo, 'README.md'), 'x\n')
  execFileSync('git', ['add', '.'], { cwd: repo })
  execFileSync('git', ['commit', '-qm', 'init'], { cwd: repo, env: gitEnv })
  execFileSync('git', ['checkout', '-q', '-b', 'feat/x'], { cwd: repo })
  codexSession('0199a1b2-0000-7000-8000-0000000000b1', `mail bob@acmecorp.io and alice${ZWJ}@acmecorp.io`)
  codexSession('0199a1b2-0000-7000-8000-0000000000b2', `mail carol${ZWJ}@acmecorp.io`)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('collect’s last check', () => {
  it('continues each copy’s own numbering', async () => {
    const r = await collect({ repoDir: repo, config: parseConfig('', 'default'), env })
    expect(r.staged.map((f) => f.path)).toEqual([
      '.ai-logs/codex/0199a1b2-0000-7000-8000-0000000000b1.jsonl',
      '.ai-logs/codex/0199a1b2-0000-7000-8000-0000000000b2.jsonl'
    ])
    expect(r.late.total).toBeGreaterThanOrEqual(2)
    const [first, second] = r.staged.map((f) => readFileSync(join(repo, f.path), 'utf8'))
    for (const copy of [first, second]) expect(copy).not.toMatch(/(?:alice|carol)\u200d?@/)
    // Bob is `#1` in his copy; before, Alice (only the check saw her) was `#1` as well.
    expect(first).toContain('mail [REDACTED:email#1] and [REDACTED:email#2]')
    expect(first).not.toContain('and [REDACTED:email#1]')
    expect(second).toContain('mail [REDACTED:email#1]')
  })
})
