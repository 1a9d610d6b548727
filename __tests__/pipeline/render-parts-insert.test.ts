import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, tmpDir } from '../helpers.js'
import { spilledFullReport } from './spilled-report.js'

/*
 * A new session sorted before the others (src/pipeline/render-parts.ts): only its own parts are
 * made; every later session's HTML item is copied, as its bytes no longer hold its row number.
 * The files are compared byte for byte with a parts-off run of the same store.
 */

const FILES = ['report.md', 'report.json', 'sessions.csv', 'prompts.csv', 'tool_calls.csv', 'tokens.csv', 'report.html', 'comment.md', 'summary.md']
const SOURCE = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'
const SOURCE_ID = '0199a1b2-0000-7000-8000-00000000c0de'
// Another first group, so no other session's short label grows; years before every fixture's.
const NEW_ID = 'feedface-0000-7000-8000-000000000001'
const NEW_LOG = `rollout-2020-01-01T11-00-00-${NEW_ID}.jsonl`
/** A session's parts: its rows of prompts.csv and tool_calls.csv, its object in report.json, its item and search entry in report.html, its prompts in report.md. */
const PARTS = 6

const dir = tmpDir('alt-render-parts-insert-')
const logs = join(dir, 'logs')
const paths = [join(logs, 'claude-code'), join(logs, 'codex')]
const kept = join(dir, 'kept.sqlite')
let runs = 0

beforeAll(() => {
  cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function run(env: Record<string, string> = {}): Promise<{ files: Record<string, string>; hits: number; misses: number }> {
  const out = join(dir, `out-${runs++}`)
  const r = await spilledFullReport(kept, paths, out, env)
  return { files: Object.fromEntries(FILES.map((n) => [n, readFileSync(join(out, n), 'utf8')])), hits: r.hits, misses: r.misses }
}

describe('a new session sorted before the others', () => {
  let sessions = 0
  beforeAll(async () => {
    const first = await run()
    expect(first.hits).toBe(0)
    sessions = first.misses / PARTS
    expect(sessions).toBeGreaterThan(3)
  }, 120_000)

  it('copies the Markdown tables’ rows and every part on an unchanged re-run, the bytes a parts-off run’s', async () => {
    const again = await run()
    expect(again.misses).toBe(0)
    expect(again.hits).toBe(sessions * PARTS)
    expect(again.files).toEqual((await run({ AI_LOG_TRAIL_RENDER_PARTS: '0' })).files)
  }, 120_000)

  it('makes only its own parts and copies the later sessions’ HTML items', async () => {
    const text = readFileSync(join(logs, 'codex', SOURCE), 'utf8')
      .replaceAll(SOURCE_ID, NEW_ID)
      .replaceAll('"2026-03-03T', '"2020-01-01T')
    writeFileSync(join(logs, 'codex', NEW_LOG), text)
    const added = await run()
    const json = JSON.parse(added.files['report.json']) as { sessions: { id: string }[] }
    // After the sessions whose logs tell no time (they sort first), before every other: the
    // sessions after it moved one row down.
    const at = json.sessions.findIndex((x) => x.id === NEW_ID)
    expect(at).toBeGreaterThan(0)
    expect(sessions - at).toBeGreaterThan(sessions / 2)
    expect(json.sessions.length).toBe(sessions + 1)
    // No session's place changed but for its index: the first is first still, and every later
    // session's HTML item is copied.
    expect(added.misses).toBe(PARTS)
    expect(added.hits).toBe(sessions * PARTS)
    expect(added.files).toEqual((await run({ AI_LOG_TRAIL_RENDER_PARTS: '0' })).files)
  }, 120_000)
})
