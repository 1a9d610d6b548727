import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startReview, type ReviewRun } from '../../src/cli/commands/review.js'
import { main } from '../../src/cli/main.js'
import type { SessionList } from '../../src/review/data.js'
import { captureIo, fixtures, tmpDir } from '../helpers.js'
import { http } from './fixture.js'

let run: ReviewRun | undefined
let dirs: string[] = []

afterEach(async () => {
  await run?.stop()
  await run?.done
  run = undefined
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs = []
})

async function start(args: string[], env: NodeJS.ProcessEnv) {
  const dir = tmpDir('alt-review-cli-')
  dirs.push(dir)
  const io = captureIo()
  const opened: string[] = []
  const r = await startReview(['--db', join(dir, 'db.sqlite'), '--rules', join(dir, 'rules.yml'), ...args, join(fixtures, 'codex')], io, {
    openBrowser: (u) => opened.push(u),
    env
  })
  if (typeof r === 'number') throw new Error('no server')
  run = r
  return { io, opened, url: new URL(io.stdout.split('\n')[0]) }
}

describe('ai-log-trail review', () => {
  it('prints the URL with its token as the first line, and lists the given logs’ sessions as in scope', async () => {
    const { io, url } = await start(['--no-open'], { DISPLAY: ':0' })
    expect(io.stdout.split('\n')[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32,}$/)
    expect((await http(Number(url.port), url.pathname + url.search)).status).toBe(200)
    const list = JSON.parse(
      (await http(Number(url.port), '/api/sessions', { headers: { 'X-Review-Token': url.searchParams.get('token')! } })).body
    ) as SessionList
    expect(list.sessions.length).toBeGreaterThan(0)
    expect(list.sessions.every((x) => x.scope_reasons.some((r) => r.kind !== 'all'))).toBe(true)
  })

  it('exports what dry-run would publish from the same logs, database and rules, and writes entries with --actor', async () => {
    const { url } = await start(['--no-open', '--actor', 'carol'], {})
    const auth = { 'X-Review-Token': url.searchParams.get('token')!, 'Content-Type': 'application/json' }
    const post = (path: string, body: unknown) => http(Number(url.port), path, { method: 'POST', headers: auth, body: JSON.stringify(body) })
    const list = JSON.parse((await http(Number(url.port), '/api/sessions', { headers: auth })).body) as SessionList
    expect((await post('/api/private', { session: list.sessions[0].id })).status).toBe(200)
    const entries = JSON.parse((await http(Number(url.port), '/api/entries', { headers: auth })).body) as { entries: { actor: string }[] }
    expect(entries.entries.map((e) => e.actor)).toEqual(['carol'])
    const r = await post('/api/export', {})
    expect(r.status).toBe(200)
    const out = JSON.parse(r.body) as { dir: string; files: { name: string; bytes: number }[]; comment: string }
    dirs.push(out.dir)
    expect(out.files.map((f) => f.name)).toEqual(['comment.md', 'report.json', 'report.md', 'summary.md'])
    expect(out.files.every((f) => f.bytes > 0)).toBe(true)
    expect(out.comment).toBe(readFileSync(join(out.dir, 'comment.md'), 'utf8'))
  })

  it('opens the browser on the URL where there is a display, and not with --no-open', async () => {
    if (process.platform !== 'linux') return
    const shown = await start([], { DISPLAY: ':0' })
    expect(shown.opened).toEqual([shown.url.href])
    await run!.stop()
    await run!.done
    const quiet = await start(['--no-open'], { DISPLAY: ':0' })
    expect(quiet.opened).toEqual([])
  })

  it('opens no browser without a display', async () => {
    if (process.platform !== 'linux') return
    const { opened } = await start([], {})
    expect(opened).toEqual([])
  })

  it('refuses a bad port or idle time as a usage error, and shows in the command list', async () => {
    for (const args of [
      ['--port', 'x'],
      ['--port', '70000'],
      ['--idle', '0']
    ]) {
      const io = captureIo()
      expect(await main(['review', ...args], io)).toBe(2)
    }
    const io = captureIo()
    await main(['--help'], io)
    expect(io.stdout).toMatch(/^ {2}review {2,}/m)
  })
})
