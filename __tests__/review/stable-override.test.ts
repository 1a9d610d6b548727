import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../src/config/load.js'
import { exportLikeDryRun } from '../../src/review/export.js'
import type { Report, SessionReport } from '../../src/select/report.js'
import { fixtures, tmpDir } from '../helpers.js'
import { COMMENTED_RULES, http, SESSION_WITH_TOOL_OUTPUT, serveFixtures, type Served } from './fixture.js'

/*
 * An occurrence redacted on the page must still be redacted after the database is rebuilt from the
 * same logs, where event ids may differ: the page names the event by its place under its prompt.
 * On the bundled Codex and Claude Code logs (self-written fixtures), read in the other order the
 * second time so the ids do differ.
 */

const VALUE = 'Wall time'
let s: Served
let dir = ''

beforeAll(async () => {
  s = await serveFixtures({ agents: ['claude-code', 'codex'] })
  dir = tmpDir('alt-review-rebuild-')
})
afterAll(async () => {
  await s.close()
  rmSync(dir, { recursive: true, force: true })
})

const outputs = (x: SessionReport) => x.turns.flatMap((t) => t.actions.map((a) => ({ prompt: t.ordinal, a })))

/** What dry-run publishes from a database built afresh from the same logs (codex first this time). */
async function dryRunOnRebuilt(database: string): Promise<SessionReport> {
  rmSync(database, { force: true })
  const paths = [join(fixtures, 'codex'), join(fixtures, 'claude-code')]
  const r = await exportLikeDryRun({
    database,
    repoDir: dir,
    paths,
    config: loadConfig(s.rulesPath).config,
    mode: 'full',
    formats: ['json'],
    version: 'test',
    scope: { kind: 'paths', paths }
  })
  try {
    const report = JSON.parse(readFileSync(join(r.dir, 'report.json'), 'utf8')) as Report
    return report.sessions.find((x) => x.id === SESSION_WITH_TOOL_OUTPUT)!
  } finally {
    rmSync(r.dir, { recursive: true, force: true })
  }
}

describe('an override written on the page, after the database is rebuilt from the same logs', () => {
  it('still redacts the one output it named, though that event has another id now', async () => {
    const auth = { 'X-Review-Token': s.server.token }
    const session = JSON.parse((await http(s.server.port, `/api/session?id=${SESSION_WITH_TOOL_OUTPUT}`, { headers: auth })).body) as SessionReport
    const found = outputs(session).filter((x) => x.a.output?.includes(VALUE))
    expect(found.length).toBeGreaterThan(0)
    const target = found[0]
    const r = await http(s.server.port, '/api/occurrence', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: SESSION_WITH_TOOL_OUTPUT, event: target.a.event_id, field: 'output', value: VALUE })
    })
    expect(r.status).toBe(200)
    expect(readFileSync(s.rulesPath, 'utf8')).not.toMatch(/event: /)

    const database = join(dir, 'rebuilt.sqlite')
    const rebuilt = await dryRunOnRebuilt(database)
    const at = (x: { a: { event_id: number } }) => outputs(session).findIndex((y) => y.a.event_id === x.a.event_id)
    const place = at(target)
    const same = outputs(rebuilt)[place]
    // The same record, under another id: an override naming the old id would miss it.
    expect(same.a.kind).toBe(target.a.kind)
    expect(same.prompt).toBe(target.prompt)
    expect(same.a.event_id).not.toBe(target.a.event_id)
    expect(same.a.output).toContain('[REDACTED:override]')
    expect(same.a.output).not.toContain(VALUE)
    // Only there: the other outputs holding the value are published as they were.
    for (const other of found.slice(1)) expect(outputs(rebuilt)[at(other)].a.output).toContain(VALUE)
  })

  it('still reads an override written the old way, by event id', async () => {
    const database = join(dir, 'rebuilt.sqlite')
    writeFileSync(s.rulesPath, COMMENTED_RULES)
    const first = await dryRunOnRebuilt(database)
    const target = outputs(first).find((x) => x.a.output?.includes(VALUE))!
    writeFileSync(
      s.rulesPath,
      COMMENTED_RULES +
        `overrides:\n  - session: ${SESSION_WITH_TOOL_OUTPUT}\n    event: ${target.a.event_id}\n    field: output\n    find: ${VALUE}\n    actor: reviewer\n    date: 2026-12-06\n    reason: old form\n`
    )
    const again = await dryRunOnRebuilt(database)
    const same = outputs(again).find((x) => x.a.event_id === target.a.event_id)!
    expect(same.a.output).toContain('[REDACTED:override]')
    expect(same.a.output).not.toContain(VALUE)
  })
})
