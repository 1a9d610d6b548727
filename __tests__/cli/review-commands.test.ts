import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { defaultActor } from '../../src/cli/review-args.js'
import { captureIo, fixtures, tmpDir } from '../helpers.js'

const io = captureIo
const TWO_PROMPTS = '0199a1b2-0000-7000-8000-00000000c0de'
let d: string
let db: string

beforeAll(async () => {
  d = tmpDir('alt-review-cli-')
  db = join(d, 'db.sqlite')
  expect(await main(['ingest', join(fixtures, 'codex'), '--db', db], io())).toBe(0)
})
afterAll(() => rmSync(d, { recursive: true, force: true }))

/** Runs a command against the test database; returns its exit code and output. */
async function run(...argv: string[]) {
  const o = io()
  const code = await main([...argv, '--db', db], o)
  return { code, out: o.stdout, err: o.stderr }
}
const json = async (...argv: string[]) => {
  const r = await run(...argv, '--json')
  expect(r).toMatchObject({ code: 0, err: '' })
  return JSON.parse(r.out) as unknown
}

describe('tag', () => {
  it('adds by session prefix, lists as text and JSON, and removes, each change in the history', async () => {
    expect(await run('tag', 'add', '0199a1b2-0000-7000-8000-00000000c', 'TICKET-7', '--actor', 'Ada', '--reason', 'from triage')).toMatchObject({
      code: 0,
      out: `tagged session ${TWO_PROMPTS}: TICKET-7\n`
    })
    expect(await json('tag', 'add', TWO_PROMPTS, 'slow', '--prompt', '2', '--actor', 'Ada')).toEqual({
      action: 'add',
      session: TWO_PROMPTS,
      prompt: 2,
      label: 'slow',
      changed: true
    })
    expect((await run('tag', 'add', TWO_PROMPTS, 'slow', '--prompt', '2', '--actor', 'Ada')).out).toMatch(/already has the tag slow/)
    const text = await run('tag', 'list', TWO_PROMPTS.slice(0, 12))
    expect(text.out).toMatch(/^session\s+prompt\s+label\s+by\s+at \(UTC\)\n/)
    expect(text.out).toContain('TICKET-7')
    expect(await json('tag', 'list', '--label', 'ticket-7')).toEqual([
      expect.objectContaining({ session: TWO_PROMPTS, prompt: null, label: 'TICKET-7', actor: 'Ada' })
    ])
    expect(await run('tag', 'remove', TWO_PROMPTS, 'slow', '--prompt', '2', '--actor', 'Bo')).toMatchObject({ code: 0 })
    expect(await run('tag', 'remove', TWO_PROMPTS, 'slow', '--prompt', '2', '--actor', 'Bo')).toMatchObject({ code: 1 })
    const h = (await json('history', TWO_PROMPTS, '--kind', 'tag')) as { action: string; detail: string; actor: string; reason: string | null }[]
    expect(h.map((e) => [e.action, e.detail, e.actor, e.reason])).toEqual([
      ['add', 'TICKET-7', 'Ada', 'from triage'],
      ['add', 'slow', 'Ada', null],
      ['remove', 'slow', 'Bo', null]
    ])
  })

  it('refuses an unknown session, a prompt the session lacks, an ambiguous prefix and a bad subcommand', async () => {
    expect(await run('tag', 'add', 'ffffffff', 'x', '--actor', 'a')).toMatchObject({ code: 1, err: 'no session ffffffff in the database\n' })
    expect(await run('tag', 'add', TWO_PROMPTS, 'x', '--prompt', '9', '--actor', 'a')).toMatchObject({ code: 1, err: expect.stringMatching(/has no prompt 9/) })
    expect(await run('tag', 'add', '0199a1b2', 'x', '--actor', 'a')).toMatchObject({ code: 1, err: expect.stringMatching(/ambiguous/) })
    expect(await run('tag', 'add', TWO_PROMPTS, 'x', '--prompt', 'two')).toMatchObject({ code: 2 })
    expect(await run('tag', 'paint', TWO_PROMPTS)).toMatchObject({ code: 2, err: expect.stringMatching(/unknown subcommand 'paint'/) })
    expect(await run('tag', 'add', TWO_PROMPTS)).toMatchObject({ code: 2 })
    expect(await run('tag', 'add', TWO_PROMPTS, ' ', '--actor', 'a')).toMatchObject({ code: 1, err: 'a tag needs a label\n' })
    const missing = io()
    expect(await main(['tag', 'list', '--db', join(d, 'none.sqlite')], missing)).toBe(2)
  })
})

describe('note', () => {
  it('adds, lists and removes notes by id', async () => {
    const added = (await json('note', 'add', TWO_PROMPTS, 'the agent skipped the tests', '--prompt', '1', '--actor', 'Ada')) as { note: { id: number } }
    expect(added).toMatchObject({ action: 'add', changed: true, note: { session: TWO_PROMPTS, prompt: 1, text: 'the agent skipped the tests', actor: 'Ada' } })
    const list = (await json('note', 'list', TWO_PROMPTS)) as { id: number; text: string }[]
    expect(list.map((n) => n.text)).toEqual(['the agent skipped the tests'])
    expect((await run('note', 'list')).out).toMatch(/the agent skipped the tests/)
    expect(await run('note', 'remove', String(added.note.id), '--actor', 'Bo', '--reason', 'fixed')).toMatchObject({
      code: 0,
      out: `removed note ${added.note.id} from session ${TWO_PROMPTS}, prompt 1\n`
    })
    expect(await run('note', 'remove', String(added.note.id), '--actor', 'Bo')).toMatchObject({ code: 1, out: `no note ${added.note.id}\n` })
    expect(await run('note', 'remove', 'first')).toMatchObject({ code: 2 })
    expect((await run('note', 'list', TWO_PROMPTS)).out).toBe('no notes\n')
  })
})

describe('disposition', () => {
  it("sets (as a person types it), replaces, lists and clears a prompt's disposition; needs --prompt", async () => {
    expect(await run('disposition', 'set', TWO_PROMPTS, 'needs review', '--prompt', '2', '--actor', 'Ada')).toMatchObject({
      code: 0,
      out: `session ${TWO_PROMPTS}, prompt 2: needs-review\n`
    })
    expect(await json('disposition', 'set', TWO_PROMPTS, 'followed', '--prompt', '2', '--actor', 'Ada')).toMatchObject({ value: 'followed', changed: true })
    expect(await json('disposition', 'list', TWO_PROMPTS)).toEqual([expect.objectContaining({ prompt: 2, value: 'followed' })])
    expect(await run('disposition', 'set', TWO_PROMPTS, 'done', '--prompt', '2')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown disposition 'done'/)
    })
    expect(await run('disposition', 'set', TWO_PROMPTS, 'ignored')).toMatchObject({ code: 2, err: expect.stringMatching(/--prompt/) })
    expect(await run('disposition', 'clear', TWO_PROMPTS, '--prompt', '2', '--actor', 'Ada')).toMatchObject({ code: 0 })
    expect(await run('disposition', 'clear', TWO_PROMPTS, '--prompt', '2', '--actor', 'Ada')).toMatchObject({ code: 1 })
  })
})

describe('history', () => {
  it('undoes a change by its id with a new entry, and refuses to undo it twice', async () => {
    const added = (await json('tag', 'add', TWO_PROMPTS, 'to-undo', '--actor', 'Ada')) as { changed: boolean }
    expect(added.changed).toBe(true)
    const last = ((await json('history', '--limit', '1')) as { id: number; detail: string }[])[0]
    expect(last.detail).toBe('to-undo')
    const undone = (await json('history', 'undo', String(last.id), '--actor', 'Bo')) as { entries: { action: string; reason: string }[] }
    expect(undone.entries).toEqual([expect.objectContaining({ action: 'remove', reason: `undo of #${last.id}` })])
    expect(((await json('tag', 'list', '--label', 'to-undo')) as unknown[]).length).toBe(0)
    expect(await run('history', 'undo', String(last.id), '--actor', 'Bo')).toMatchObject({ code: 1, err: expect.stringMatching(/nothing left to undo/) })
    const table = await run('history', '--kind', 'tag')
    expect(table.out).toMatch(/^id\s+at \(UTC\)\s+by\s+change\s+session\s+prompt\s+what\s+why\n/)
    expect(table.out).toMatch(/remove tag .*to-undo\s+undo of #/)
    expect(await run('history', '--kind', 'colour')).toMatchObject({ code: 2 })
  })
})

describe('the actor', () => {
  it("defaults to the repository's git user.name", () => {
    const repo = tmpDir('alt-actor-')
    try {
      execFileSync('git', ['init', '-q'], { cwd: repo })
      execFileSync('git', ['config', 'user.name', 'Grace Reviewer'], { cwd: repo })
      expect(defaultActor(repo)).toBe('Grace Reviewer')
      // Outside a repository with no global name, the login name: never empty.
      expect(defaultActor(join(repo, '..')).length).toBeGreaterThan(0)
    } finally {
      rmSync(repo, { recursive: true, force: true })
    }
  })
})
