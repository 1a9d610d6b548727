import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { ingestForRepo } from '../../src/discover/discover.js'
import { claudeProjectDir, defaultLocations } from '../../src/discover/locations.js'
import { belongsTo, repoIdentity } from '../../src/discover/repo.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { fixtures, tmpDir } from '../helpers.js'

const ROLLOUT = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')

/** A Codex rollout of session `id` started in `cwd` with an optional remote. */
function rollout(id: string, cwd: string, remote?: string): string {
  const lines = ROLLOUT.split('\n')
  const meta = JSON.parse(lines[0])
  meta.payload.id = id
  meta.payload.cwd = cwd
  if (remote) meta.payload.git = { repository_url: remote }
  else delete meta.payload.git
  return [JSON.stringify(meta), ...lines.slice(1)].join('\n')
}

let base: string
let repo: string
let home: string
beforeAll(() => {
  base = tmpDir('alt-discover-')
  repo = join(base, 'work', 'demo')
  home = join(base, 'home')
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q', repo])
  execFileSync('git', ['-C', repo, 'remote', 'add', 'origin', 'git@github.com:example/demo.git'])
  const codex = join(home, 'custom-codex', 'sessions', '2026', '03', '03')
  mkdirSync(codex, { recursive: true })
  writeFileSync(join(codex, 'rollout-a-aaaaaaaa-0000-4000-8000-000000000001.jsonl'), rollout('aaaaaaaa-0000-4000-8000-000000000001', join(repo, 'src')))
  writeFileSync(
    join(codex, 'rollout-b-bbbbbbbb-0000-4000-8000-000000000002.jsonl'),
    rollout('bbbbbbbb-0000-4000-8000-000000000002', join(base, 'work', 'other-project'))
  )
  writeFileSync(
    join(codex, 'rollout-c-cccccccc-0000-4000-8000-000000000003.jsonl'),
    rollout('cccccccc-0000-4000-8000-000000000003', '/elsewhere/checkout', 'https://github.com/example/demo')
  )
  writeFileSync(
    join(codex, 'rollout-d-dddddddd-0000-4000-8000-000000000004.jsonl'),
    rollout('dddddddd-0000-4000-8000-000000000004', join(base, 'work', 'demo-two'))
  )
  // Claude Code keeps one folder per project; another project's folder must not even be read.
  const claude = join(home, '.claude', 'projects')
  cpSync(join(fixtures, 'claude-code', 'projects', '-home-dev-demo'), join(claude, claudeProjectDir(repo)), { recursive: true })
  for (const f of readdirSync(join(claude, claudeProjectDir(repo)), { recursive: true, encoding: 'utf8' })) {
    const p = join(claude, claudeProjectDir(repo), f)
    if (p.endsWith('.jsonl')) writeFileSync(p, readFileSync(p, 'utf8').replaceAll('"/home/dev/demo', JSON.stringify(repo).slice(0, -1)))
  }
  cpSync(join(fixtures, 'claude-code', 'projects', '-home-dev-demo'), join(claude, '-somewhere-else'), { recursive: true })
  // A symlink loop must not hang the walk.
  symlinkSync(join(home, 'custom-codex', 'sessions'), join(codex, 'loop'))
  // Logs committed to the repository are kept whatever their cwd.
  mkdirSync(join(repo, '.ai-logs'))
  writeFileSync(
    join(repo, '.ai-logs', 'rollout-e-eeeeeeee-0000-4000-8000-000000000005.jsonl'),
    rollout('eeeeeeee-0000-4000-8000-000000000005', '/ci/runner/work')
  )
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

const env = () => ({ env: { CODEX_HOME: join(home, 'custom-codex') }, platform: 'linux' as const, home })

describe('discovery scoped to the repository', () => {
  it('finds each agent’s default places, honouring CODEX_HOME', () => {
    const locs = defaultLocations(repoIdentity(repo), env())
    expect(locs.map((l) => [l.agent, l.path.replace(base, '')])).toEqual([
      ['codex', '/home/custom-codex/sessions'],
      ['claude-code', `/home/.claude/projects/${claudeProjectDir(repo)}`],
      ['any', '/work/demo/.ai-logs']
    ])
  })

  it('adds the project folder CLAUDE_CODE_PROJECT_DIR_NAME names, in every Claude config folder; a name that is a path is ignored', () => {
    const config = join(home, 'claude-tenant')
    mkdirSync(join(config, 'projects', 'widgets-tenant'), { recursive: true })
    mkdirSync(join(config, 'projects', 'unrelated'), { recursive: true })
    const claudeOf = (extra: Record<string, string>) =>
      defaultLocations(repoIdentity(repo), { ...env(), env: { ...env().env, CLAUDE_CONFIG_DIR: config, ...extra } })
        .filter((l) => l.agent === 'claude-code')
        .map((l) => [l.path.replace(base, ''), l.inRepo])
    expect(claudeOf({ CLAUDE_CODE_PROJECT_DIR_NAME: 'widgets-tenant' })).toEqual([['/home/claude-tenant/projects/widgets-tenant', false]])
    expect(claudeOf({ CLAUDE_CODE_PROJECT_DIR_NAME: '../claude-tenant/projects/unrelated' })).toEqual([])
    expect(claudeOf({ CLAUDE_CODE_PROJECT_DIR_NAME: '..' })).toEqual([])
    expect(claudeOf({})).toEqual([])
  })

  it('keeps sessions in the repo, its remote, or committed to it; drops other projects', async () => {
    const d = tmpDir()
    try {
      const db = openStore(join(d, 'db.sqlite'))
      const r = await ingestForRepo(db, repo, null, { env: env() })
      const ids = listSessions(db)
        .map((s) => s.id.slice(0, 8))
        .sort()
      expect(ids).toEqual(['11111111', '22222222', '33333333', '44444444', 'aaaaaaaa', 'cccccccc', 'eeeeeeee'])
      expect(r.out_of_scope_sessions).toBe(2)
      // A second run reads nothing and drops nothing new.
      const again = await ingestForRepo(db, repo, null, { env: env() })
      expect(again.events).toBe(0)
      expect(
        listSessions(db)
          .map((s) => s.id.slice(0, 8))
          .sort()
      ).toEqual(ids)
      db.close()
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })

  it('finds Gemini project folders by hash and VS Code workspaces by workspace.json', () => {
    const h = tmpDir()
    try {
      const root = repoIdentity(repo).root
      const hash = createHash('sha256').update(root).digest('hex')
      mkdirSync(join(h, '.gemini', 'tmp', hash, 'chats'), { recursive: true })
      mkdirSync(join(h, '.gemini', 'tmp', 'f'.repeat(64), 'chats'), { recursive: true })
      const ws = join(h, '.config', 'Code', 'User', 'workspaceStorage')
      mkdirSync(join(ws, 'w1', 'chatSessions'), { recursive: true })
      writeFileSync(join(ws, 'w1', 'workspace.json'), JSON.stringify({ folder: `file://${root}` }))
      mkdirSync(join(ws, 'w2', 'chatSessions'), { recursive: true })
      writeFileSync(join(ws, 'w2', 'workspace.json'), JSON.stringify({ folder: 'file:///somewhere/else' }))
      const locs = defaultLocations(repoIdentity(repo), { env: {}, platform: 'linux', home: h })
      expect(locs.filter((l) => l.agent !== 'any').map((l) => [l.agent, l.path.replace(h, '')])).toEqual([
        ['gemini-cli', `/.gemini/tmp/${hash}`],
        ['copilot-chat', '/.config/Code/User/workspaceStorage/w1/chatSessions']
      ])
    } finally {
      rmSync(h, { recursive: true, force: true })
    }
  })

  it('scopes explicit paths only when asked', async () => {
    const d = tmpDir()
    try {
      const db = openStore(join(d, 'db.sqlite'))
      const r = await ingestForRepo(db, repo, [join(home, 'custom-codex', 'sessions')])
      expect(r.out_of_scope_sessions).toBe(2)
      expect(
        listSessions(db)
          .map((s) => s.id.slice(0, 8))
          .sort()
      ).toEqual(['aaaaaaaa', 'cccccccc'])
      db.close()
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('a recorded cwd is compared in one spelling', () => {
  const repo = { root: '/work/app', worktrees: ['/work/app'], remotes: [] }

  it('does not take <repo>/../elsewhere for a folder of the repository', () => {
    expect(belongsTo(repo, { cwd: '/work/app/../secret', repository: null })).toBe(false)
    expect(belongsTo(repo, { cwd: '/work/app/src/../../secret/x', repository: null })).toBe(false)
  })

  it('still takes the repository and its subfolders, however written', () => {
    expect(belongsTo(repo, { cwd: '/work/app', repository: null })).toBe(true)
    expect(belongsTo(repo, { cwd: '/work/app/./src/', repository: null })).toBe(true)
    expect(belongsTo(repo, { cwd: '/work/app/src/../lib', repository: null })).toBe(true)
    expect(belongsTo(repo, { cwd: '/work/app-other', repository: null })).toBe(false)
  })
})
