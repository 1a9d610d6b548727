import { beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { partCounts } from '../../src/pipeline/render-parts.js'
import { REDACTION_KEY_ENV } from '../../src/redact/hash.js'
import { openStore } from '../../src/store/db.js'
import { LOCAL_ONLY_TABLES } from '../../src/store/pg/natural-keys.js'
import { fullRunFixture, CHANGED, LATER, line, type Extra } from './full-run.js'

/*
 * Each session's rendered, last-checked part of a file kept from earlier runs (migration 22,
 * src/pipeline/render-parts.ts): a full-mode job after a small change renders and checks only the
 * sessions whose redacted content changed. Every run here spills its sessions (as a large
 * history's does) and its files are compared byte for byte with those the same store gives with
 * the parts off; the counts say which parts were met and which were made.
 */

const { logs, aside, kept, run } = fullRunFixture('alt-render-parts-', partCounts)

/**
 * The same store's files with the parts off: what the code before them wrote. (A fresh store is
 * not the same: the events' ids, which the report shows, are in the order the store met them.)
 */
async function fresh(extra: Extra = {}, env: Record<string, string> = {}): Promise<Record<string, string>> {
  return (await run(kept, extra, { ...env, AI_LOG_TRAIL_RENDER_PARTS: '0' })).files
}

let sessions = 0
/** A session's parts: its rows of prompts.csv and tool_calls.csv, its object in report.json, its item and search entry in report.html, its prompts in report.md. */
const PARTS = 6

describe('a full-mode report after a small change', () => {
  beforeAll(async () => {
    const first = await run(kept)
    expect(first.hits).toBe(0)
    sessions = first.misses / PARTS
    expect(sessions).toBeGreaterThan(3)
    expect(first.files).toEqual(await fresh())
  }, 120_000)

  it('copies every session’s parts when nothing changed', async () => {
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(again.hits).toBe(sessions * PARTS)
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('renders only the session that grew, the same bytes as a fresh rebuild', async () => {
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:06:00.000Z', 'Also run the linter before the commit'))
    const grown = await run(kept)
    expect(grown.misses).toBe(PARTS)
    expect(grown.hits).toBe(sessions * PARTS - PARTS)
    expect(grown.files).toEqual(await fresh())
  }, 120_000)

  it('renders only a new session', async () => {
    renameSync(join(aside, LATER), join(logs, 'codex', LATER))
    const added = await run(kept)
    expect(added.misses).toBe(PARTS)
    expect(added.hits).toBe(sessions * PARTS)
    sessions++
    expect(added.files).toEqual(await fresh())
  }, 120_000)

  it('copies what is left when sessions leave the report', async () => {
    const filters = { agents: ['codex'] }
    const fewer = await run(kept, { filters })
    expect(fewer.files).toEqual(await fresh({ filters }))
    // A session now first is written with another lead, and the Markdown prompts' labels may be
    // shorter: those parts are made; an HTML item holds no row number (render-parts-insert.test.ts).
    expect(fewer.hits).toBeGreaterThan(0)
    expect(fewer.hits).toBeGreaterThan(0)
  }, 120_000)

  it('makes every part again under another config', async () => {
    const config = parseConfig('rules:\n  - id: codeword\n    literals: [linter]\n', 'custom.yml')
    const other = await run(kept, { config })
    expect(other.hits).toBe(0)
    expect(other.files).toEqual(await fresh({ config }))
  }, 120_000)

  it('with a redaction key, copies the keyed tags’ sessions as they were', async () => {
    const env = { [REDACTION_KEY_ENV]: 'render-parts-test-key-0123456789abcdef' }
    const keyed = await run(kept, {}, env)
    // Keyed tags are written in the redacted text: the sessions holding one have other digests.
    expect(keyed.misses).toBeGreaterThan(0)
    expect(keyed.files).toEqual(await fresh({}, env))
    const again = await run(kept, {}, env)
    expect(again.misses).toBe(0)
    expect(again.files).toEqual(await fresh({}, env))
  }, 120_000)

  it('makes again a later session whose numbered tags moved when an earlier session gained a new value', async () => {
    // The codex sessions alone, so the sessions changed are a codex log's.
    const filters = { agents: ['codex'] }
    const listed = (JSON.parse((await run(kept, { filters })).files['report.json']) as { sessions: { id: string }[] }).sessions
    const logOf = (id: string) =>
      readdirSync(join(logs, 'codex')).find((n) => n.endsWith('.jsonl') && readFileSync(join(logs, 'codex', n), 'utf8').includes(id))
    const rollouts = listed.map((s) => logOf(s.id)).filter((n): n is string => !!n?.startsWith('rollout-'))
    const [early, late] = [rollouts[0], rollouts[rollouts.length - 1]]
    expect(early).not.toBe(late)
    // A value seen first in the later session takes the next number...
    appendFileSync(join(logs, 'codex', late), line('2026-06-10T08:01:00.000Z', 'Mail xavier.later@fjordmail.example the logs in /home/xavier/later'))
    expect((await run(kept, { filters })).misses).toBe(PARTS)
    // ...until an earlier session gains one of the same kinds: numbered in order of first
    // appearance across the report, the later session's tags are one further, its bytes other.
    appendFileSync(join(logs, 'codex', early), line('2026-03-03T10:07:00.000Z', 'Mail yann.early@fjordmail.example the logs in /home/yann/early'))
    const moved = await run(kept, { filters })
    expect(moved.files).toEqual(await fresh({ filters }))
    expect(moved.misses).toBe(2 * PARTS)
  }, 120_000)

  it('rebuilds parts whose rows are corrupt or missing, without failing', async () => {
    const db = openStore(kept)
    const rows = db.prepare('SELECT COUNT(*) FROM render_parts').pluck().get() as number
    expect(rows).toBeGreaterThan(0)
    db.prepare(`UPDATE render_parts SET body = X'01DEADBEEF' WHERE rowid % 3 = 0`).run()
    db.prepare(`UPDATE render_parts SET detectors = 'not json' WHERE rowid % 3 = 1`).run()
    db.prepare(`DELETE FROM render_parts WHERE rowid % 5 = 2`).run()
    db.close()
    const repaired = await run(kept)
    expect(repaired.misses).toBeGreaterThan(0)
    expect(repaired.files).toEqual(await fresh())
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('is emptied in the sanitized database and never pushed', async () => {
    const exported = await run(kept, { exportDatabase: true })
    const local = openStore(kept)
    expect(local.prepare('SELECT COUNT(*) FROM render_parts').pluck().get()).not.toBe(0)
    expect(local.prepare('SELECT COUNT(*) FROM render_part_runs').pluck().get()).not.toBe(0)
    local.close()
    // The parts' bytes are in a file beside the local store only: the export holds no such file.
    expect(existsSync(`${kept}-parts`)).toBe(true)
    expect(readdirSync(exported.out).filter((f) => f.includes('-parts'))).toEqual([])
    const copy = openStore(join(exported.out, 'ai-log-trail.sqlite'), { readonly: true })
    expect(copy.prepare('SELECT COUNT(*) FROM render_parts').pluck().get()).toBe(0)
    expect(copy.prepare('SELECT COUNT(*) FROM render_part_runs').pluck().get()).toBe(0)
    copy.close()
    expect(LOCAL_ONLY_TABLES.has('render_parts')).toBe(true)
    expect(LOCAL_ONLY_TABLES.has('render_part_runs')).toBe(true)
  }, 120_000)
})
