import { afterAll, describe, expect, it } from '@jest/globals'
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { databaseHead, removeSnapshot, snapshotDatabase, sqliteHead } from '../../src/ingest/database.js'
import { sources } from '../../src/sources/registry.js'
import { buildCursorStore, storeDescription } from './cursor-store-fixture.js'
import { sniffInput } from './sniff-input.js'
import { buildFixtureDb } from './sqlite-fixtures.js'

/**
 * A file is taken for an agent only on that agent's own markers: every log under fixtures/ and
 * the shared samples is shown to every source's recognizer, and only sources of the folder's
 * agent may claim it. A new agent's fixture folder must be added to `agentOfFolder`, so a
 * fixture nobody maps fails here instead of going untested.
 */
const agentOfFolder: Record<string, string> = {
  aider: 'aider',
  'claude-code': 'claude-code',
  'claude-code-2.1': 'claude-code',
  cline: 'cline',
  codex: 'codex',
  'codex-0147': 'codex',
  'factory-droid': 'factory-droid',
  'copilot-chat': 'copilot-chat',
  'copilot-vscode': 'copilot-chat',
  'copilot-cli': 'copilot-cli',
  cursor: 'cursor',
  'gemini-cli': 'gemini-cli',
  goose: 'goose',
  'kilo-code': 'kilo-code',
  opencode: 'opencode',
  pi: 'pi',
  'qwen-code': 'qwen-code',
  recorder: 'recorder',
  'roo-code': 'roo-code'
}

/** Folders that hold no agent logs, and files in agent folders that are not logs. */
const notLogFolders = new Set(['records', 'redaction'])
const notLogFile = /(^|\/)(SOURCES|README|LICENSE)[^/]*$/i

const root = join(import.meta.dirname, '..', '..')
const shared = join(root, '..', 'shared', 'samples')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    return e.isDirectory() ? filesUnder(p) : statSync(p).isFile() ? [p] : []
  })
}

function logsIn(base: string): { folder: string; path: string }[] {
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !notLogFolders.has(e.name))
    .flatMap((e) => filesUnder(join(base, e.name)).map((path) => ({ folder: e.name, path })))
    .filter((f) => !notLogFile.test(f.path))
}

const fixtureLogs = logsIn(join(root, 'fixtures'))
const sharedLogs = existsSync(shared) ? logsIn(shared) : []

/** Side files beside a log that are read through the log, not on their own. */
const notALogOfItsOwn =
  /\.meta\.json$|\/tool-results\/|\/(opencode|goose|cursor\/editor|copilot-cli\/session-store)\/(schema\.sql|rows\.json)$|\/cursor\/agent-store\/[^/]+\.json$/

/** Shared samples of agents the project does not read yet: nobody may claim them. */
const unreadAgents = new Set<string>([])

/** Every source that would take the file: database sources for a SQLite file, the others for the rest. */
function claimantsOf(path: string): string[] {
  if (sqliteHead(path) === null) {
    const head = sniffInput(path)
    return sources.filter((s) => s.mode !== 'database' && s.sniff(head)).map((s) => `${s.agent}/${s.id}`)
  }
  const snapshot = snapshotDatabase(path)
  try {
    const head = databaseHead(path, snapshot)
    return sources.filter((s) => s.mode === 'database' && s.sniff(head)).map((s) => `${s.agent}/${s.id}`)
  } finally {
    removeSnapshot(snapshot)
  }
}

describe('recognition: no source claims another agent’s log', () => {
  it('knows the agent of every fixture folder', () => {
    const unmapped = [...new Set(fixtureLogs.map((f) => f.folder))].filter((f) => !(f in agentOfFolder))
    expect(unmapped).toEqual([])
  })

  const cases = [...fixtureLogs, ...sharedLogs].map((f) => [relative(root, f.path), f] as const)
  it.each(cases)('%s', (_name, { folder, path }) => {
    const claimedBy = claimantsOf(path)
    const expected = unreadAgents.has(folder) ? null : agentOfFolder[folder]
    const foreign = claimedBy.filter((c) => !c.startsWith(`${expected}/`))
    expect(foreign).toEqual([])
    // And a log of an agent we read is read: recognition that claims nothing would pass above.
    if (expected && !notALogOfItsOwn.test(path)) expect(claimedBy.length).toBeGreaterThan(0)
  })

  it('reads the shared samples when they are there', () => {
    if (!existsSync(shared)) return
    expect(sharedLogs.length).toBeGreaterThan(0)
  })
})

/**
 * The agent databases are built at test time, never committed: each is built here from its
 * fixture folder and shown to every database source, and only its own source may claim it.
 */
describe('recognition: no source claims another agent’s database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alt-recognize-db-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const built: [string, () => string, string][] = [
    ['opencode.db', () => closed(buildFixtureDb('opencode', join(dir, 'opencode.db')), join(dir, 'opencode.db')), 'opencode/opencode-db'],
    ['goose sessions.db', () => closed(buildFixtureDb('goose', join(dir, 'sessions.db')), join(dir, 'sessions.db')), 'goose/goose-db'],
    ['cursor state.vscdb', () => fromSql(join(dir, 'state.vscdb'), join('cursor', 'editor', 'schema.sql')), 'cursor/cursor-state-vscdb'],
    [
      'cursor agent store.db',
      () => buildCursorStore(join(dir, 'chats'), storeDescription('7d3f2a10-5b6c-4e8f-9a01-2c3d4e5f6a7b')),
      'cursor/cursor-agent-store'
    ],
    [
      'copilot-cli session-store.db',
      () => fromSql(join(dir, 'session-store.db'), join('copilot-cli', 'session-store', 'schema.sql')),
      'copilot-cli/copilot-cli-session-store'
    ]
  ]
  it.each(built)('%s', (_name, build, owner) => {
    expect(claimantsOf(build())).toEqual([owner])
  })
})

function closed(db: { close(): void }, path: string): string {
  db.close()
  return path
}

/** A database with a fixture folder's table definitions and no rows: recognition looks at tables only. */
function fromSql(path: string, schema: string): string {
  const db = new Database(path)
  db.exec(readFileSync(join(root, 'fixtures', schema), 'utf8'))
  db.close()
  return path
}
