import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { networkInterfaces } from 'node:os'
import { connect } from 'node:net'
import { readFileSync } from 'node:fs'
import type { SessionList } from '../../src/review/data.js'
import type { SessionReport } from '../../src/select/report.js'
import { COMMENTED_RULES, HOME_PATH_EVENT_TEXT, HOME_PATH_SESSION, SESSION_WITH_TOOL_OUTPUT, http, serveFixtures, type Served } from './fixture.js'

let s: Served
let port = 0
let auth: Record<string, string> = {}

beforeAll(async () => {
  s = await serveFixtures()
  port = s.server.port
  auth = { 'X-Review-Token': s.server.token }
})
afterAll(async () => s.close())

const getJson = async <T>(path: string): Promise<T> => {
  const r = await http(port, path, { headers: auth })
  expect(r.status).toBe(200)
  return JSON.parse(r.body) as T
}

describe('review server: who may ask', () => {
  it('the URL names 127.0.0.1, the port and a long random token', () => {
    expect(s.server.url).toBe(`http://127.0.0.1:${port}/?token=${s.server.token}`)
    expect(s.server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers the page and the API with the token, in the query or the header', async () => {
    expect((await http(port, `/?token=${s.server.token}`)).status).toBe(200)
    expect((await http(port, '/api/sessions', { headers: auth })).status).toBe(200)
  })

  it('refuses every path without the token, or with a wrong one, with 403 and no data', async () => {
    for (const path of ['/', '/api/sessions', `/api/session?id=${SESSION_WITH_TOOL_OUTPUT}`, '/nothing']) {
      const r = await http(port, path)
      expect(r.status).toBe(403)
      expect(r.body).toBe('forbidden\n')
    }
    const wrong = s.server.token.slice(0, -1) + (s.server.token.endsWith('A') ? 'B' : 'A')
    expect((await http(port, `/?token=${wrong}`)).status).toBe(403)
    expect((await http(port, '/api/sessions', { headers: { 'X-Review-Token': s.server.token + 'x' } })).status).toBe(403)
  })

  it('refuses a foreign Host, even with the token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      const r = await http(port, `/?token=${s.server.token}`, { headers: { Host: host } })
      expect(r.status).toBe(403)
    }
  })

  it('refuses a write from another origin, even with the token', async () => {
    const r = await http(port, '/api/rules', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: JSON.stringify({ value: 'export function' })
    })
    expect(r.status).toBe(403)
    expect(readFileSync(s.rulesPath, 'utf8')).toBe(COMMENTED_RULES)
  })

  it('listens on 127.0.0.1 only: no other address of this machine answers', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && a.address !== '127.0.0.1')
      .map((a) => a!.address)
    for (const address of [...others, '127.0.0.2']) {
      const refused = await new Promise<boolean>((resolve) => {
        const c = connect({ host: address, port }, () => {
          c.destroy()
          resolve(false)
        })
        c.on('error', () => resolve(true))
      })
      expect({ address, refused }).toEqual({ address, refused: true })
    }
  })
})

describe('review server: what it sends', () => {
  it('serves the page with a strict CSP: its own script and style by hash, requests only to itself', async () => {
    const r = await http(port, `/?token=${s.server.token}`)
    const csp = String(r.headers['content-security-policy'])
    expect(csp).toMatch(/^default-src 'none'; /)
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/unsafe|https?:|\*/)
    expect(r.headers['referrer-policy']).toBe('no-referrer')
    expect(r.headers['cache-control']).toBe('no-store')
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    // Nothing on the page names another place to load from.
    expect(r.body).not.toMatch(/(src|href)="(?!data:|#)/)
    expect(r.body).not.toMatch(/https?:\/\//)
  })

  it('lists every session with its first prompt, agent, time, tokens, cost and why it is in scope', async () => {
    const list = await getJson<SessionList>('/api/sessions')
    expect(list.sessions.map((x) => x.id)).toContain(SESSION_WITH_TOOL_OUTPUT)
    const row = list.sessions.find((x) => x.id === SESSION_WITH_TOOL_OUTPUT)!
    expect(row.agent).toBe('codex')
    expect(row.first_prompt).toEqual(expect.any(String))
    expect(row.scope_reasons).toEqual([{ kind: 'all' }])
    expect(row).toEqual(expect.objectContaining({ started_at: expect.any(String), tokens: expect.any(Number), tool_calls: expect.any(Number) }))
  })

  it('sends a session redacted, and the raw text of one field only when asked for it', async () => {
    const session = await getJson<SessionReport>(`/api/session?id=${HOME_PATH_SESSION}`)
    const call = session.turns.flatMap((t) => t.actions).find((a) => a.arguments?.includes(HOME_PATH_EVENT_TEXT))!
    expect(call.arguments).toContain('[REDACTED:home-path')
    const r = await http(port, '/api/raw', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: HOME_PATH_SESSION, event: call.event_id, field: 'arguments' })
    })
    expect(r.status).toBe(200)
    const raw = (JSON.parse(r.body) as { text: string }).text
    const user = /\/home\/([^/"]+)\//.exec(raw)?.[1]
    expect(user).toBeTruthy()
    expect(raw).not.toContain('REDACTED')
    // The value the detector removed never reaches the page except through /api/raw.
    const all = (await http(port, `/api/session?id=${HOME_PATH_SESSION}`, { headers: auth })).body + (await http(port, '/api/sessions', { headers: auth })).body
    expect(all).not.toContain(`/home/${user}/`)
  })

  it('gives no raw text by GET, for an unlisted session, an unknown event or a field that is not a text', async () => {
    expect((await http(port, '/api/raw', { headers: auth })).status).toBe(404)
    const post = (body: unknown) =>
      http(port, '/api/raw', { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    expect((await post({ session: 'no-such-session', event: 1, field: 'output' })).status).toBe(404)
    expect((await post({ session: HOME_PATH_SESSION, event: 1, field: 'cwd' })).status).toBe(400)
    expect((await post({ session: HOME_PATH_SESSION, event: 999999, field: 'output' })).status).toBe(404)
  })

  it('"redact everywhere" writes a rule into the rules file and the next answers are redacted by it', async () => {
    const value = 'export function parse'
    const before = await http(port, `/api/session?id=${SESSION_WITH_TOOL_OUTPUT}`, { headers: auth })
    expect(before.body).toContain(value)
    const r = await http(port, '/api/rules', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ value, id: 'parser-name' })
    })
    expect(r.status).toBe(200)
    const after = await http(port, `/api/session?id=${SESSION_WITH_TOOL_OUTPUT}`, { headers: auth })
    expect(after.body).not.toContain(value)
    expect(after.body).toContain('[REDACTED:parser-name]')
    const text = readFileSync(s.rulesPath, 'utf8')
    const at = COMMENTED_RULES.indexOf('# allow-list below')
    expect(text).toBe(COMMENTED_RULES.slice(0, at) + '  - id: parser-name\n    literals:\n      - export function parse\n' + COMMENTED_RULES.slice(at))
  })
})

describe('review server: stopping', () => {
  it('stops by itself after the idle time', async () => {
    const served = await serveFixtures({ idleMinutes: 0.002 })
    try {
      // A server that ignored its idle time would never close: the test's timeout fails it.
      await served.server.closed
      await expect(http(served.server.port, '/')).rejects.toThrow()
    } finally {
      await served.close()
    }
  })
})
