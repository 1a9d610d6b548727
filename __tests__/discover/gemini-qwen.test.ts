import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { ingestForRepo } from '../../src/discover/discover.js'
import { defaultLocations, qwenProjectDir } from '../../src/discover/locations.js'
import { repoIdentity } from '../../src/discover/repo.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { fixtures, tmpDir } from '../helpers.js'

const JOURNAL = join(fixtures, 'gemini-cli', 'session-2026-05-10T08-00-e5f6a7b8.jsonl')
const QWEN = join(fixtures, 'qwen-code', '5b2f7c1e-3a9d-4e8b-b1c0-7d6e5f4a3b21.jsonl')
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/** The Gemini journal fixture as session `id` (a main session: its header names no folder). */
function journal(id: string): string {
  return readFileSync(JOURNAL, 'utf8').replaceAll('e5f6a7b8-2222-4333-8444-555566667777', id)
}

/** A Qwen recording of session `id` run in `cwd`. */
function qwen(id: string, cwd: string): string {
  return readFileSync(QWEN, 'utf8').replaceAll('5b2f7c1e-3a9d-4e8b-b1c0-7d6e5f4a3b21', id).replaceAll('"/home/dev/shop', JSON.stringify(cwd).slice(0, -1))
}

let base: string
let repo: string
let root: string
let home: string
beforeAll(() => {
  base = tmpDir('alt-gq-')
  repo = join(base, 'work', 'shop')
  home = join(base, 'home')
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q', repo])
  root = repoIdentity(repo).root
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

function freshHome(name: string): string {
  const h = join(home, name)
  mkdirSync(h, { recursive: true })
  return h
}

describe('Gemini CLI project folders', () => {
  it('are found by sha256, by the slugs of projects.json and by .project_root markers, under GEMINI_CLI_HOME too', () => {
    const h = freshHome('gemini-places')
    const tmp = join(h, '.gemini', 'tmp')
    for (const d of [sha256(root), 'shop', 'shop-1', 'shop-2', 'shop-3', 'elsewhere', sha256('/somewhere/else')])
      mkdirSync(join(tmp, d, 'chats'), { recursive: true })
    // The registry names the repository and a subfolder it was started in; another project's slug is left out.
    const registry = { [root]: 'shop', [join(root, 'web')]: 'shop-1', [join(root, 'old')]: 'shop-3', '/somewhere/else': 'elsewhere' }
    writeFileSync(join(h, '.gemini', 'projects.json'), JSON.stringify({ projects: registry }))
    // A slug folder whose registry entry is gone still says whose it is.
    writeFileSync(join(tmp, 'shop-2', '.project_root'), join(root, 'api'))
    writeFileSync(join(tmp, 'elsewhere', '.project_root'), '/somewhere/else')
    // A stale registry entry: the folder's own marker says it now belongs to another project.
    writeFileSync(join(tmp, 'shop-3', '.project_root'), '/somewhere/else/again')
    const found = (env: NodeJS.ProcessEnv, at: string) =>
      defaultLocations(repoIdentity(repo), { env, platform: 'linux', home: at })
        .filter((l) => l.agent === 'gemini-cli')
        .map((l) => l.path.replace(h, '~'))
        .sort()
    const expected = [`~/.gemini/tmp/${sha256(root)}`, '~/.gemini/tmp/shop', '~/.gemini/tmp/shop-1', '~/.gemini/tmp/shop-2']
    expect(found({}, h)).toEqual(expected)
    expect(found({ GEMINI_CLI_HOME: h }, join(base, 'nobody'))).toEqual(expected)
  })

  it('keep their sessions, which name no folder, and another project’s folder is not read', async () => {
    const h = freshHome('gemini-scope')
    const tmp = join(h, '.gemini', 'tmp')
    mkdirSync(join(tmp, 'shop', 'chats'), { recursive: true })
    mkdirSync(join(tmp, 'other', 'chats'), { recursive: true })
    writeFileSync(join(h, '.gemini', 'projects.json'), JSON.stringify({ projects: { [root]: 'shop', '/somewhere/else': 'other' } }))
    writeFileSync(join(tmp, 'shop', 'chats', 'session-2026-05-10T08-00-aaaaaaaa.jsonl'), journal('aaaaaaaa-2222-4333-8444-555566667777'))
    writeFileSync(join(tmp, 'other', 'chats', 'session-2026-05-10T08-00-bbbbbbbb.jsonl'), journal('bbbbbbbb-2222-4333-8444-555566667777'))
    const d = tmpDir()
    try {
      const db = openStore(join(d, 'db.sqlite'))
      const r = await ingestForRepo(db, repo, null, { env: { env: {}, platform: 'linux', home: h } })
      expect(listSessions(db).map((s) => s.id.slice(0, 8))).toEqual(['aaaaaaaa'])
      expect(r.out_of_scope_sessions).toBe(0)
      db.close()
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('Qwen Code project folders', () => {
  it('are named after the escaped cwd, under QWEN_RUNTIME_DIR when set', () => {
    expect(qwenProjectDir('/home/dev/my.app', 'linux')).toBe('-home-dev-my-app')
    expect(qwenProjectDir('C:\\Users\\Dev\\App', 'win32')).toBe('c--users-dev-app')
    const h = freshHome('qwen-places')
    for (const base of [join(h, '.qwen'), join(h, 'runtime')]) {
      for (const d of [qwenProjectDir(root, 'linux'), qwenProjectDir(join(root, 'web'), 'linux'), '-somewhere-else'])
        mkdirSync(join(base, 'projects', d, 'chats'), { recursive: true })
    }
    const found = (env: NodeJS.ProcessEnv) =>
      defaultLocations(repoIdentity(repo), { env, platform: 'linux', home: h })
        .filter((l) => l.agent === 'qwen-code')
        .map((l) => l.path.replace(h, '~'))
    const dirs = (b: string) => [
      `~/${b}/projects/${qwenProjectDir(root, 'linux')}/chats`,
      `~/${b}/projects/${qwenProjectDir(join(root, 'web'), 'linux')}/chats`
    ]
    expect(found({})).toEqual(dirs('.qwen'))
    expect(found({ QWEN_RUNTIME_DIR: join(h, 'runtime') })).toEqual(dirs('runtime'))
  })

  it('keep the sessions whose recorded cwd is in the repository', async () => {
    const h = freshHome('qwen-scope')
    // `<repo>-two` escapes to a name that starts like the repository's: read, then dropped by its cwd.
    const mine = join(h, '.qwen', 'projects', qwenProjectDir(root, 'linux'), 'chats')
    const sibling = join(h, '.qwen', 'projects', qwenProjectDir(root + '-two', 'linux'), 'chats')
    mkdirSync(mine, { recursive: true })
    mkdirSync(sibling, { recursive: true })
    writeFileSync(join(mine, 'aaaaaaaa-3a9d-4e8b-b1c0-7d6e5f4a3b21.jsonl'), qwen('aaaaaaaa-3a9d-4e8b-b1c0-7d6e5f4a3b21', root))
    writeFileSync(join(sibling, 'bbbbbbbb-3a9d-4e8b-b1c0-7d6e5f4a3b21.jsonl'), qwen('bbbbbbbb-3a9d-4e8b-b1c0-7d6e5f4a3b21', root + '-two'))
    const d = tmpDir()
    try {
      const db = openStore(join(d, 'db.sqlite'))
      const r = await ingestForRepo(db, repo, null, { env: { env: {}, platform: 'linux', home: h } })
      expect(listSessions(db).map((s) => [s.id.slice(0, 8), s.agent])).toEqual([['aaaaaaaa', 'qwen-code']])
      expect(r.out_of_scope_sessions).toBe(1)
      db.close()
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
