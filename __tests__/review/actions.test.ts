import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import type { ListedEntry } from '../../src/review/entries.js'
import type { SessionReport } from '../../src/select/report.js'
import { COMMENTED_RULES, HOME_PATH_SESSION, SESSION_WITH_TOOL_OUTPUT, http, serveFixtures, type Served } from './fixture.js'

/*
 * The page's actions through the server, on the bundled Codex logs (self-written fixtures): each
 * writes one entry into a rules file with comments, the page's data follows it at once, and undo
 * removes exactly that entry.
 */

let s: Served
let port = 0
let auth: Record<string, string> = {}
const edits: unknown[] = []

beforeAll(async () => {
  s = await serveFixtures({ onEdit: (n) => edits.push(n) })
  port = s.server.port
  auth = { 'X-Review-Token': s.server.token }
})
afterAll(async () => s.close())

const session = async (id: string): Promise<SessionReport> => JSON.parse((await http(port, `/api/session?id=${id}`, { headers: auth })).body) as SessionReport
const entries = async (): Promise<ListedEntry[]> =>
  (JSON.parse((await http(port, '/api/entries', { headers: auth })).body) as { entries: ListedEntry[] }).entries
const post = (path: string, body: unknown) =>
  http(port, path, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` }, body: JSON.stringify(body) })
const rulesText = () => readFileSync(s.rulesPath, 'utf8')
const actions = (r: SessionReport) => r.turns.flatMap((t) => t.actions)

async function undoAll(): Promise<void> {
  for (const e of (await entries()).filter((x) => x.section !== 'rules').reverse())
    expect((await post('/api/entries/remove', { ref: e.ref, expected: e.entry })).status).toBe(200)
}

describe('redact this occurrence', () => {
  it('redacts the selection in that one tool output, lists the entry with its actor, and undo gives the text back', async () => {
    const before = await session(SESSION_WITH_TOOL_OUTPUT)
    const target = actions(before).find((a) => a.output?.includes('export function parse'))!
    // Named in the rules file by its place under its prompt, which a rebuilt database keeps (its id may not be).
    const turn = before.turns.find((t) => t.actions.some((a) => a.event_id === target.event_id))!
    const place = turn.actions.findIndex((a) => a.event_id === target.event_id) + 1
    const elsewhere = actions(before).filter((a) => a !== target && a.output?.includes('export function parse'))
    const r = await post('/api/occurrence', {
      session: SESSION_WITH_TOOL_OUTPUT,
      event: target.event_id,
      field: 'output',
      value: 'export function parse',
      reason: 'internal API'
    })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body).note).toEqual({
      kind: 'redaction',
      action: 'add',
      session: SESSION_WITH_TOOL_OUTPUT,
      prompt: turn.ordinal,
      detail: `redact "export function parse" in the output of action ${place} under prompt ${turn.ordinal}`
    })
    const after = await session(SESSION_WITH_TOOL_OUTPUT)
    const changed = actions(after).find((a) => a.event_id === target.event_id)!
    expect(changed.output).toContain('[REDACTED:override]')
    expect(changed.output).not.toContain('export function parse')
    for (const a of elsewhere) expect(actions(after).find((x) => x.event_id === a.event_id)?.output).toBe(a.output)
    expect(rulesText().startsWith(COMMENTED_RULES)).toBe(true)
    const listed = (await entries()).find((e) => e.section === 'overrides')
    expect(listed).toMatchObject({ ref: 'overrides[0]', actor: 'reviewer', date: '2026-12-06', reason: 'internal API' })
    await undoAll()
    expect(rulesText()).toBe(COMMENTED_RULES + 'overrides: []\n')
    expect(actions(await session(SESSION_WITH_TOOL_OUTPUT)).find((a) => a.event_id === target.event_id)?.output).toBe(target.output)
    expect(edits).toContainEqual(expect.objectContaining({ kind: 'redaction', action: 'remove' }))
    writeFileSync(s.rulesPath, COMMENTED_RULES)
  })

  it('names a prompt by its number, and refuses a selection the field does not hold', async () => {
    const before = await session(SESSION_WITH_TOOL_OUTPUT)
    const p = before.turns[0].prompt!
    const word = p.text.split(' ')[0]
    expect((await post('/api/occurrence', { session: SESSION_WITH_TOOL_OUTPUT, event: p.event_id, field: 'prompt', value: word })).status).toBe(200)
    expect((await entries()).find((e) => e.section === 'overrides')).toMatchObject({ prompt: 1, detail: `redact ${JSON.stringify(word)} in prompt 1` })
    expect((await session(SESSION_WITH_TOOL_OUTPUT)).turns[0].prompt?.text.startsWith('[REDACTED:override]')).toBe(true)
    const bad = await post('/api/occurrence', { session: SESSION_WITH_TOOL_OUTPUT, event: p.event_id, field: 'prompt', value: 'not in this prompt' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error).toMatch(/not in the raw text/)
    await undoAll()
    expect(rulesText()).toBe(COMMENTED_RULES + 'overrides: []\n')
  })
})

describe('un-redact a false positive', () => {
  it('keeps the value from the named detector only', async () => {
    const args = () =>
      session(HOME_PATH_SESSION).then((r) =>
        actions(r)
          .map((a) => a.arguments ?? '')
          .join('\n')
      )
    expect(await args()).toContain('[REDACTED:home-path')
    expect((await post('/api/allow', { detector: 'email', value: 'dev' })).status).toBe(200)
    expect(await args()).toContain('[REDACTED:home-path')
    expect((await post('/api/allow', { detector: 'home-path', value: 'dev', reason: 'a shared build user' })).status).toBe(200)
    expect(await args()).not.toContain('[REDACTED:home-path')
    expect(await args()).toContain('/home/dev/')
    await undoAll()
    expect(await args()).toContain('[REDACTED:home-path')
  })
})

describe('mark private', () => {
  it('empties every prompt of the session on the page and lists the entry; undo restores it', async () => {
    expect((await post('/api/private', { session: SESSION_WITH_TOOL_OUTPUT, reason: 'personal' })).status).toBe(200)
    const r = await session(SESSION_WITH_TOOL_OUTPUT)
    expect(r.turns.every((t) => t.prompt === null || t.prompt.private)).toBe(true)
    expect(actions(r).every((a) => a.output === null)).toBe(true)
    expect((await entries()).find((e) => e.section === 'private')).toMatchObject({ detail: 'session private', reason: 'personal', actor: 'reviewer' })
    expect((await post('/api/private', { session: 'ffffffff-not-listed' })).status).toBe(404)
    await undoAll()
    expect((await session(SESSION_WITH_TOOL_OUTPUT)).turns[0].prompt?.private).toBe(false)
  })
})

describe('export', () => {
  it('is refused by a server given nothing to run, and writes nothing', async () => {
    const r = await post('/api/export', {})
    expect(r.status).toBe(404)
    expect(JSON.parse(r.body).error).toMatch(/not available/)
  })
})
