import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import type { SessionList } from '../../src/review/data.js'
import type { SessionMarks } from '../../src/review/marks.js'
import type { PageHistoryEntry } from '../../src/review/server.js'
import { listHistory } from '../../src/store/review-history.js'
import { listNotes } from '../../src/store/review-notes.js'
import { listTags } from '../../src/store/review-tags.js'
import { COMMENTED_RULES, HOME_PATH_SESSION, SESSION_WITH_TOOL_OUTPUT, http, serveFixtures, type Served } from './fixture.js'

/*
 * Tags, notes, dispositions and the history through the page's server, on the bundled Codex logs
 * (self-written fixtures): each change is stored by the CLI's own store functions, recorded in the
 * history with the page's actor, and undone from the history as `ai-log-trail history undo` does.
 */

let s: Served
let port = 0
let auth: Record<string, string> = {}

beforeAll(async () => {
  s = await serveFixtures()
  port = s.server.port
  auth = { 'X-Review-Token': s.server.token }
})
afterAll(async () => s.close())

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  http(port, path, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}`, ...headers },
    body: JSON.stringify(body)
  })
const getJson = async <T>(path: string): Promise<T> => {
  const r = await http(port, path, { headers: auth })
  expect(r.status).toBe(200)
  return JSON.parse(r.body) as T
}
const row = async (id: string) => (await getJson<SessionList>('/api/sessions')).sessions.find((x) => x.id === id)!
const history = async () => (await getJson<{ entries: PageHistoryEntry[] }>('/api/history')).entries
const lastHistory = () => listHistory(s.ingested.db, { limit: 1 })[0]

describe('tags on the page', () => {
  it('tags a prompt: stored as the CLI stores it, recorded in the history, listed with the session, and undone from the history', async () => {
    const r = await post('/api/tag', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 1, label: 'TCK-1', reason: 'ticket' })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toEqual({ changed: true })
    expect(listTags(s.ingested.db, { session: SESSION_WITH_TOOL_OUTPUT })).toEqual([expect.objectContaining({ prompt: 1, label: 'TCK-1', actor: 'reviewer' })])
    expect(lastHistory()).toEqual(
      expect.objectContaining({
        kind: 'tag',
        action: 'add',
        session: SESSION_WITH_TOOL_OUTPUT,
        prompt: 1,
        detail: 'TCK-1',
        actor: 'reviewer',
        reason: 'ticket'
      })
    )
    expect((await row(SESSION_WITH_TOOL_OUTPUT)).tags).toEqual(['TCK-1'])
    expect((await getJson<SessionMarks>(`/api/marks?session=${SESSION_WITH_TOOL_OUTPUT}`)).tags.map((t) => [t.prompt, t.label])).toEqual([[1, 'TCK-1']])
    // The same tag again changes nothing and records nothing.
    const count = listHistory(s.ingested.db).length
    expect(JSON.parse((await post('/api/tag', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 1, label: 'TCK-1' })).body)).toEqual({ changed: false })
    expect(listHistory(s.ingested.db)).toHaveLength(count)

    const added = (await history()).filter((e) => e.kind === 'tag' && e.action === 'add').at(-1)!
    expect(added.undoable).toBe(true)
    const u = await post('/api/history/undo', { id: added.id })
    expect(u.status).toBe(200)
    expect(listTags(s.ingested.db, { session: SESSION_WITH_TOOL_OUTPUT })).toEqual([])
    expect(lastHistory()).toEqual(expect.objectContaining({ kind: 'tag', action: 'remove', detail: 'TCK-1', reason: `undo of #${added.id}` }))
    expect((await row(SESSION_WITH_TOOL_OUTPUT)).tags).toEqual([])
  })

  it('tags and untags a whole session', async () => {
    expect((await post('/api/tag', { session: HOME_PATH_SESSION, label: 'theme: paths' })).status).toBe(200)
    expect(listTags(s.ingested.db, { session: HOME_PATH_SESSION })).toEqual([expect.objectContaining({ prompt: null, label: 'theme: paths' })])
    expect((await post('/api/tag', { session: HOME_PATH_SESSION, prompt: null, label: 'theme: paths', remove: true })).status).toBe(200)
    expect(listTags(s.ingested.db, { session: HOME_PATH_SESSION })).toEqual([])
    expect(lastHistory()).toEqual(expect.objectContaining({ kind: 'tag', action: 'remove', prompt: null }))
  })

  it('refuses an unlisted session, a prompt the session does not have, a label on two lines, and keys it does not know', async () => {
    expect((await post('/api/tag', { session: 'no-such-session', label: 'x' })).status).toBe(404)
    expect((await post('/api/tag', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 999, label: 'x' })).status).toBe(400)
    expect((await post('/api/tag', { session: SESSION_WITH_TOOL_OUTPUT, label: 'a\nb' })).status).toBe(400)
    expect((await post('/api/tag', { session: SESSION_WITH_TOOL_OUTPUT, label: ' ' })).status).toBe(400)
    expect((await post('/api/tag', { session: SESSION_WITH_TOOL_OUTPUT, label: 'x', actor: 'someone else' })).status).toBe(400)
    expect(listTags(s.ingested.db, { session: SESSION_WITH_TOOL_OUTPUT })).toEqual([])
  })

  it('keeps the token, Host and Origin checks', async () => {
    const body = { session: SESSION_WITH_TOOL_OUTPUT, label: 'x' }
    expect((await post('/api/tag', body, { 'X-Review-Token': 'wrong' })).status).toBe(403)
    expect((await post('/api/tag', body, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await post('/api/note', { session: SESSION_WITH_TOOL_OUTPUT, text: 'x' }, { Host: 'evil.example' })).status).toBe(403)
    expect((await http(port, `/api/marks?session=${SESSION_WITH_TOOL_OUTPUT}`)).status).toBe(403)
    expect((await http(port, '/api/history')).status).toBe(403)
    expect(listTags(s.ingested.db)).toEqual([])
  })
})

describe('dispositions and notes on the page', () => {
  it('sets "needs review" on a prompt, which the list shows, and clears it', async () => {
    expect((await row(SESSION_WITH_TOOL_OUTPUT)).needs_review).toBe(false)
    expect((await post('/api/disposition', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 1, value: 'needs-review' })).status).toBe(200)
    expect((await row(SESSION_WITH_TOOL_OUTPUT)).needs_review).toBe(true)
    expect(lastHistory()).toEqual(expect.objectContaining({ kind: 'disposition', action: 'add', prompt: 1, detail: 'needs-review' }))
    expect((await post('/api/disposition', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 1, value: 'followed' })).status).toBe(200)
    expect((await row(SESSION_WITH_TOOL_OUTPUT)).needs_review).toBe(false)
    expect((await post('/api/disposition', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 1, value: null })).status).toBe(200)
    expect((await getJson<SessionMarks>(`/api/marks?session=${SESSION_WITH_TOOL_OUTPUT}`)).dispositions).toEqual([])
    expect((await post('/api/disposition', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 1, value: 'maybe' })).status).toBe(400)
    expect((await post('/api/disposition', { session: SESSION_WITH_TOOL_OUTPUT, value: 'ignored' })).status).toBe(400)
  })

  it('adds a note, stored and recorded as `ai-log-trail note` records it', async () => {
    const r = await post('/api/note', { session: SESSION_WITH_TOOL_OUTPUT, prompt: 1, text: 'asked for <b>streaming</b>' })
    expect(r.status).toBe(200)
    expect(listNotes(s.ingested.db, { session: SESSION_WITH_TOOL_OUTPUT })).toEqual([
      expect.objectContaining({ prompt: 1, text: 'asked for <b>streaming</b>', actor: 'reviewer' })
    ])
    expect(lastHistory()).toEqual(expect.objectContaining({ kind: 'note', action: 'add', detail: 'asked for <b>streaming</b>' }))
    expect((await post('/api/note', { session: SESSION_WITH_TOOL_OUTPUT, text: '   ' })).status).toBe(400)
  })
})

describe('the history on the page', () => {
  it('records a rules-file edit with the reason given, and its Undo removes the entry, every other byte of the file kept', async () => {
    expect(readFileSync(s.rulesPath, 'utf8')).toBe(COMMENTED_RULES)
    expect((await post('/api/rules', { value: 'export function parse', id: 'parser-name' })).status).toBe(200)
    expect(readFileSync(s.rulesPath, 'utf8')).not.toBe(COMMENTED_RULES)
    const added = (await history()).at(-1)!
    expect(added).toEqual(expect.objectContaining({ kind: 'redaction', action: 'add', actor: 'reviewer', session: null, undoable: true }))
    expect(added.detail).toContain('rule parser-name')

    const u = await post('/api/history/undo', { id: added.id, reason: 'too broad' })
    expect(u.status).toBe(200)
    expect(readFileSync(s.rulesPath, 'utf8')).toBe(COMMENTED_RULES)
    const after = await history()
    expect(after.at(-1)).toEqual(expect.objectContaining({ kind: 'redaction', action: 'remove', reason: 'too broad', undoable: false }))
    // Gone from the file: nothing left to undo.
    expect(after.find((e) => e.id === added.id)?.undoable).toBe(false)
    expect((await post('/api/history/undo', { id: added.id })).status).toBe(409)
    // A removal cannot be undone from here: the history does not keep the removed entry whole.
    const removal = await post('/api/history/undo', { id: after.at(-1)!.id })
    expect(removal.status).toBe(409)
    expect(removal.body).toMatch(/removed a rules-file entry/)
    expect((await post('/api/history/undo', { id: 999999 })).status).toBe(404)
  })

  it('records the reason given with an occurrence redacted on the page', async () => {
    const session = JSON.parse((await http(port, `/api/session?id=${SESSION_WITH_TOOL_OUTPUT}`, { headers: auth })).body) as {
      turns: { actions: { event_id: number; output: string | null }[] }[]
    }
    const target = session.turns.flatMap((t) => t.actions).find((a) => a.output?.includes('Wall time'))!
    expect(
      (await post('/api/occurrence', { session: SESSION_WITH_TOOL_OUTPUT, event: target.event_id, field: 'output', value: 'Wall time', reason: 'noise' }))
        .status
    ).toBe(200)
    const added = (await history()).at(-1)!
    expect(added).toEqual(expect.objectContaining({ kind: 'redaction', action: 'add', session: SESSION_WITH_TOOL_OUTPUT, reason: 'noise', undoable: true }))
    expect((await post('/api/history/undo', { id: added.id })).status).toBe(200)
    expect(readFileSync(s.rulesPath, 'utf8')).toBe(COMMENTED_RULES + 'overrides: []\n')
  })
})

describe('the history with a rules file that does not parse', () => {
  it('is still listed, its rules-file changes without Undo until the file is fixed', async () => {
    expect((await post('/api/rules', { value: 'Globex', id: 'client2' })).status).toBe(200)
    const good = readFileSync(s.rulesPath, 'utf8')
    writeFileSync(s.rulesPath, good + 'rules: [unclosed\n')
    try {
      const entries = await history()
      expect(entries.length).toBeGreaterThan(0)
      expect(entries.filter((e) => e.kind === 'redaction').every((e) => !e.undoable)).toBe(true)
      expect(entries.filter((e) => e.kind === 'tag').every((e) => e.undoable)).toBe(true)
    } finally {
      writeFileSync(s.rulesPath, good)
    }
    expect((await history()).at(-1)).toEqual(expect.objectContaining({ kind: 'redaction', action: 'add', undoable: true }))
  })
})

describe('"has redactions"', () => {
  it('counts what a full report redacts in each session, tool arguments included', async () => {
    const counts = (await getJson<{ sessions: Record<string, number> }>('/api/redacted')).sessions
    expect(counts[HOME_PATH_SESSION]).toBeGreaterThan(0)
    const listed = new Set((await getJson<SessionList>('/api/sessions')).sessions.map((x) => x.id))
    for (const id of Object.keys(counts)) expect(listed.has(id)).toBe(true)
  })
})
