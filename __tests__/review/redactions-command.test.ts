import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import type { ListedEntry } from '../../src/review/entries.js'
import { selectTurns } from '../../src/select/select.js'
import { listHistory } from '../../src/store/review-history.js'
import { captureIo, fixtures, ingestFresh, type Ingested } from '../helpers.js'
import { COMMENTED_RULES, SESSION_WITH_TOOL_OUTPUT } from './fixture.js'

/* `ai-log-trail redactions` on a rules file with comments (self-written) and the bundled Codex logs. */

let ingested: Ingested
let rules = ''
let db = ''
beforeAll(async () => {
  ingested = await ingestFresh([join(fixtures, 'codex')])
  db = join(ingested.dir, 'test.sqlite')
  rules = join(ingested.dir, 'rules.yml')
})
afterAll(() => {
  ingested.close()
  rmSync(rules, { force: true })
})

async function run(...argv: string[]) {
  const io = captureIo()
  const code = await main(['redactions', ...argv, '--rules', rules, '--actor', 'bob', '--date', '2026-12-06'], io)
  return { code, out: io.stdout, err: io.stderr }
}

describe('ai-log-trail redactions', () => {
  it('adds, lists and removes entries, and the comments survive byte for byte', async () => {
    writeFileSync(rules, COMMENTED_RULES)
    const first = [...selectTurns(ingested.db, SESSION_WITH_TOOL_OUTPUT, false)][0].prompt
    const word = (first?.text ?? '').split(' ')[0]
    expect(word.length).toBeGreaterThan(2)
    const occ = await run('add', 'occurrence', '--db', db, '--session', SESSION_WITH_TOOL_OUTPUT, '--prompt', '1', '--value', word, '--json')
    expect(occ).toMatchObject({ code: 0 })
    expect(JSON.parse(occ.out)).toEqual({
      kind: 'redaction',
      action: 'add',
      session: SESSION_WITH_TOOL_OUTPUT,
      prompt: 1,
      detail: `redact ${JSON.stringify(word)} in prompt 1`
    })
    expect((await run('add', 'allow', '--detector', 'email', '--value', 'ops@example.com', '--reason', 'team alias')).code).toBe(0)
    expect((await run('add', 'private', '--session', SESSION_WITH_TOOL_OUTPUT, '--prompt', '2')).out).toBe(`${rules}: prompt 2 private\n`)
    expect(readFileSync(rules, 'utf8').startsWith(COMMENTED_RULES.slice(0, COMMENTED_RULES.indexOf('allow:')))).toBe(true)

    const listed = JSON.parse((await run('list', '--json')).out) as ListedEntry[]
    expect(listed.map((e) => e.ref)).toEqual(['rules[0]', 'rules[1]', 'overrides[0]', 'allow.entries[0]', 'private[0]'])
    expect(listed[3]).toMatchObject({ actor: 'bob', date: '2026-12-06', reason: 'team alias', detail: 'allow "ops@example.com" for email' })
    expect((await run('list')).out).toContain('allow.entries[0]   allow     allow "ops@example.com" for email · bob · 2026-12-06 · "team alias"')

    for (const ref of ['private[0]', 'allow.entries[0]', 'overrides[0]']) expect((await run('remove', ref)).code).toBe(0)
    expect(readFileSync(rules, 'utf8')).toBe(COMMENTED_RULES + '  entries: []\noverrides: []\nprivate: []\n')
  })

  it("records each edit in the database's review history, with who and why", async () => {
    writeFileSync(rules, COMMENTED_RULES)
    const before = listHistory(ingested.db, {}).length
    expect((await run('add', 'allow', '--db', db, '--detector', 'email', '--value', 'ops@example.com', '--reason', 'team alias')).code).toBe(0)
    expect((await run('remove', 'allow.entries[0]', '--db', db, '--reason', 'not an alias after all')).code).toBe(0)
    const added = listHistory(ingested.db, {}).slice(before)
    expect(added.map((h) => [h.kind, h.action, h.actor, h.reason])).toEqual([
      ['allow', 'add', 'bob', 'team alias'],
      ['allow', 'remove', 'bob', 'not an alias after all']
    ])
  })

  it('names an event given by id by its place under its prompt, which a rebuilt database keeps; --prompt with --action names it directly', async () => {
    writeFileSync(rules, COMMENTED_RULES)
    const turns = [...selectTurns(ingested.db, SESSION_WITH_TOOL_OUTPUT, true)].filter((t) => t.ordinal >= 1)
    const t = turns.find((x) => x.actions.some((a) => (a.output ?? '').length > 8))!
    const index = t.actions.findIndex((a) => (a.output ?? '').length > 8)
    const a = t.actions[index]
    const value = (a.output ?? '').trim().split(/\s+/)[0]
    expect(value.length).toBeGreaterThan(2)
    expect(
      (await run('add', 'occurrence', '--db', db, '--session', SESSION_WITH_TOOL_OUTPUT, '--event', String(a.event_id), '--field', 'output', '--value', value))
        .code
    ).toBe(0)
    const byPlace = (JSON.parse((await run('list', '--json')).out) as ListedEntry[]).filter((e) => e.kind === 'redaction' && e.ref.startsWith('overrides'))
    expect(byPlace).toHaveLength(1)
    expect(readFileSync(rules, 'utf8')).toContain(`prompt: ${t.ordinal}\n    action: ${index + 1}\n`)
    expect(readFileSync(rules, 'utf8')).not.toMatch(/\n +event: /)
    writeFileSync(rules, COMMENTED_RULES)
    const direct = await run(
      'add',
      'occurrence',
      '--db',
      db,
      '--session',
      SESSION_WITH_TOOL_OUTPUT,
      '--prompt',
      String(t.ordinal),
      '--action',
      String(index + 1),
      '--field',
      'output',
      '--value',
      value
    )
    expect(direct.code).toBe(0)
    expect(readFileSync(rules, 'utf8')).toContain(`prompt: ${t.ordinal}\n    action: ${index + 1}\n`)
    // Named both ways, or by a place the session does not have: refused, nothing written.
    writeFileSync(rules, COMMENTED_RULES)
    const both = await run(
      'add',
      'occurrence',
      '--db',
      db,
      '--session',
      SESSION_WITH_TOOL_OUTPUT,
      '--prompt',
      '1',
      '--action',
      '1',
      '--event',
      String(a.event_id),
      '--field',
      'output',
      '--value',
      value
    )
    expect(both.code).toBe(2)
    const nowhere = await run(
      'add',
      'occurrence',
      '--db',
      db,
      '--session',
      SESSION_WITH_TOOL_OUTPUT,
      '--prompt',
      '1',
      '--action',
      '999',
      '--field',
      'output',
      '--value',
      value
    )
    expect(nowhere).toMatchObject({ code: 2, err: expect.stringMatching(/no action 999 under prompt 1/) })
    expect(readFileSync(rules, 'utf8')).toBe(COMMENTED_RULES)
  })

  it('history undo removes the rules-file entry an addition wrote, every other byte kept, and records the undo', async () => {
    writeFileSync(rules, COMMENTED_RULES)
    expect((await run('add', 'private', '--db', db, '--session', SESSION_WITH_TOOL_OUTPUT, '--prompt', '2', '--reason', 'personal')).code).toBe(0)
    const added = listHistory(ingested.db, {}).at(-1)!
    expect([added.kind, added.action]).toEqual(['private', 'add'])
    const undo = captureIo()
    expect(await main(['history', 'undo', String(added.id), '--db', db, '--rules', rules, '--actor', 'carol', '--json'], undo)).toBe(0)
    expect(JSON.parse(undo.stdout)).toMatchObject({
      action: 'undo',
      id: added.id,
      entries: [{ kind: 'private', action: 'remove', actor: 'carol', reason: `undo of #${added.id}` }]
    })
    expect(readFileSync(rules, 'utf8')).toBe(COMMENTED_RULES + 'private: []\n')
    // The entry is gone: a second undo is refused and writes nothing; so is an undo of the removal itself.
    const again = captureIo()
    expect(await main(['history', 'undo', String(added.id), '--db', db, '--rules', rules], again)).toBe(2)
    expect(again.stderr).toMatch(/no longer holds that entry/)
    const removal = listHistory(ingested.db, {}).at(-1)!
    const back = captureIo()
    expect(await main(['history', 'undo', String(removal.id), '--db', db, '--rules', rules], back)).toBe(2)
    expect(back.stderr).toMatch(/redactions add/)
    expect(readFileSync(rules, 'utf8')).toBe(COMMENTED_RULES + 'private: []\n')
  })

  it('refuses a value the field does not hold, a missing flag and a reference to nothing, writing nothing', async () => {
    writeFileSync(rules, COMMENTED_RULES)
    const bad = await run('add', 'occurrence', '--db', db, '--session', SESSION_WITH_TOOL_OUTPUT, '--prompt', '1', '--value', 'not in the prompt at all')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/not in the raw text/)
    expect((await run('add', 'allow', '--value', 'x')).code).toBe(2)
    expect((await run('remove', 'overrides[0]')).err).toMatch(/no entry 0/)
    expect(readFileSync(rules, 'utf8')).toBe(COMMENTED_RULES)
  })
})
