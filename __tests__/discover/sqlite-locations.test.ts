import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestForRepo } from '../../src/discover/discover.js'
import { defaultLocations, type DiscoverEnv } from '../../src/discover/locations.js'
import { repoIdentity } from '../../src/discover/repo.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { tmpDir } from '../helpers.js'
import { buildFixtureDb, fixtureRows, writeOpencodeStorage, type SqliteAgent } from '../sources/sqlite-fixtures.js'

/*
 * OpenCode and Goose keep every project's sessions in one database: discovery lists the database
 * whole and the sessions are scoped to the repository by the folder each one ran in.
 */

let base: string
let repo: string
let home: string
beforeAll(() => {
  base = tmpDir('alt-discover-db-')
  repo = join(base, 'work', 'demo')
  home = join(base, 'home')
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q', repo])
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

/** The fixture database with its demo sessions moved into the test's repository. */
function place(agent: SqliteAgent, path: string): void {
  mkdirSync(join(path, '..'), { recursive: true })
  const rows = JSON.parse(JSON.stringify(fixtureRows(agent)).replaceAll('/home/dev/demo', repo)) as ReturnType<typeof fixtureRows>
  buildFixtureDb(agent, path, rows).close()
}

describe('discovery of databases', () => {
  it('finds OpenCode databases of every channel and Goose sessions.db under the XDG data folder', () => {
    const data = join(home, '.local', 'share')
    place('opencode', join(data, 'opencode', 'opencode.db'))
    place('opencode', join(data, 'opencode', 'opencode-beta.db'))
    writeFileSync(join(data, 'opencode', 'auth.json'), '{}')
    place('goose', join(data, 'goose', 'sessions', 'sessions.db'))
    const storage = writeOpencodeStorage(join(data, 'opencode'), JSON.parse(JSON.stringify(fixtureRows('opencode')).replaceAll('/home/dev/demo', repo)))
    mkdirSync(join(storage, 'snapshot'))
    const env: DiscoverEnv = { env: {}, platform: 'linux', home }
    const locs = defaultLocations(repoIdentity(repo), env).filter((l) => l.agent !== 'any')
    expect(locs.map((l) => [l.agent, l.path.replace(home, '~'), l.inRepo])).toEqual([
      ['opencode', '~/.local/share/opencode/opencode-beta.db', false],
      ['opencode', '~/.local/share/opencode/opencode.db', false],
      ['opencode', '~/.local/share/opencode/storage/session', false],
      ['opencode', '~/.local/share/opencode/storage/message', false],
      ['opencode', '~/.local/share/opencode/storage/part', false],
      ['goose', '~/.local/share/goose/sessions/sessions.db', false]
    ])
  })

  it('honours XDG_DATA_HOME and GOOSE_PATH_ROOT, and the macOS place of Goose', () => {
    const h = join(base, 'h2')
    place('opencode', join(h, 'xdg', 'opencode', 'opencode.db'))
    place('goose', join(h, 'goose-root', 'data', 'sessions', 'sessions.db'))
    place('goose', join(h, 'Library', 'Application Support', 'Block', 'goose', 'sessions', 'sessions.db'))
    const linux = defaultLocations(repoIdentity(repo), {
      env: { XDG_DATA_HOME: join(h, 'xdg'), GOOSE_PATH_ROOT: join(h, 'goose-root') },
      platform: 'linux',
      home: h
    })
    expect(linux.filter((l) => l.agent !== 'any').map((l) => l.path.replace(h, '~'))).toEqual([
      '~/xdg/opencode/opencode.db',
      '~/goose-root/data/sessions/sessions.db'
    ])
    const mac = defaultLocations(repoIdentity(repo), { env: {}, platform: 'darwin', home: h })
    expect(mac.filter((l) => l.agent === 'goose').map((l) => l.path.replace(h, '~'))).toEqual([
      '~/Library/Application Support/Block/goose/sessions/sessions.db'
    ])
  })

  it('keeps the sessions that ran in the repository and drops the other projects', async () => {
    const d = tmpDir()
    try {
      const db = openStore(join(d, 'db.sqlite'))
      const env: DiscoverEnv = { env: {}, platform: 'linux', home }
      const r = await ingestForRepo(db, repo, null, { env })
      expect(r.errors).toEqual([])
      const kept = listSessions(db).map((s) => `${s.agent} ${s.id}`)
      // Two OpenCode databases and the JSON store hold the same sessions: each session is kept once.
      expect(kept.sort()).toEqual(['goose 20251205_1', 'opencode ses_A000000000000000000001', 'opencode ses_B000000000000000000002'])
      // … and counted once: the copies' rows carry the same dedupe keys, so they are replays.
      const a = listSessions(db).find((s) => s.id === 'ses_A000000000000000000001')
      expect(a?.prompts).toBe(2)
      expect(a?.tool_calls).toBe(4)
      expect(a?.tokens.total).toBe(19250)
      const again = await ingestForRepo(db, repo, null, { env })
      expect(again.events).toBe(0)
      db.close()
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
