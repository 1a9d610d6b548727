import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatWarning, formatWarnings } from '../../src/ingest/format-drift.js'
import { emptyTally, tallyRecords } from '../../src/ingest/format-tally.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { registerSource } from '../../src/sources/registry.js'
import type { LineSource, ParseRecord } from '../../src/sources/types.js'
import { tmpDir } from '../helpers.js'

/**
 * A made-up agent whose reader knows three record types, so a test can write a log in which any
 * share of records is of types it does not know, as a real agent's update would.
 */
const driftSource: LineSource = {
  mode: 'lines',
  id: 'drift-test-log',
  agent: 'drift-test',
  description: 'Drift test log (made up for this test)',
  sniff: (head) => (head.parsed[0] as { drift_test_log?: unknown } | undefined)?.drift_test_log !== undefined,
  createParser: () => ({
    push(line: string, lineNo: number, out: ParseRecord[]) {
      const o = JSON.parse(line) as { type?: string; drift_test_log?: string; text?: string }
      const session_id = 'drift-session'
      if (o.drift_test_log !== undefined) out.push({ type: 'session', patch: { id: session_id, agent: 'drift-test', agent_version: o.drift_test_log } })
      else if (o.type === 'prompt')
        out.push({
          type: 'event',
          event: { session_id, ts: null, line: lineNo, payload: { kind: 'user_prompt', text: o.text ?? '', by_agent: false, images: 0 } }
        })
      else if (o.type === 'reply')
        out.push({ type: 'event', event: { session_id, ts: null, line: lineNo, payload: { kind: 'assistant_message', text: o.text ?? '' } } })
      else {
        out.push({ type: 'event', event: { session_id, ts: null, line: lineNo, payload: { kind: 'other', type: String(o.type) } } })
        out.push({ type: 'unknown', line: lineNo, what: `type "${String(o.type)}"` })
      }
    },
    end() {},
    state: () => null
  })
}

beforeAll(() => registerSource(driftSource))

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function log(version: string, records: { type: string; text?: string }[]): string {
  return [JSON.stringify({ drift_test_log: version }), ...records.map((r) => JSON.stringify(r))].join('\n') + '\n'
}
const prompt = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'prompt', text: `ask ${i}` }))
const reply = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'reply', text: `done ${i}` }))
const newTypes = (n: number) => Array.from({ length: n }, (_, i) => ({ type: i % 3 === 0 ? 'world_state' : 'item_completed' }))

async function ingestLog(text: string, opts: { batchSize?: number } = {}) {
  const d = tmpDir()
  dirs.push(d)
  const file = join(d, 'session.jsonl')
  writeFileSync(file, text)
  const db = openStore(join(d, 'db.sqlite'))
  const result = await ingestPaths(db, [file], { worker: false, ...opts })
  return { d, file, db, result }
}

describe('format drift: a recognized log its reader no longer understands gets one warning', () => {
  it('stays quiet on a log read as its format says', async () => {
    const { db, result } = await ingestLog(log('1.0.0', [...prompt(3), ...reply(6)]))
    expect(result.format_warnings).toEqual([])
    db.close()
  })

  it('stays quiet when a few records are of a new type, under a tenth of the file', async () => {
    const { db, result } = await ingestLog(log('1.0.0', [...prompt(5), ...reply(14), ...newTypes(1)]))
    expect(result.format_warnings).toEqual([])
    db.close()
  })

  it('warns once, naming the file, the version and the counts, when most records are of unknown types', async () => {
    // Batches of 4 records: the file's tally is summed over six batches and still gives one warning.
    const { db, file, result } = await ingestLog(log('1.51.0', [...prompt(1), ...reply(1), ...newTypes(18)]), { batchSize: 4 })
    expect(result.format_warnings).toHaveLength(1)
    const [w] = result.format_warnings
    expect(w).toMatchObject({ file, format: 'drift-test-log', agent_version: '1.51.0', records: 21, unknown: 18, prompts: 1 })
    expect(w.unknown_kinds).toEqual(['type "item_completed"', 'type "world_state"'])
    expect(w.message).toBe(
      'Drift test log from version 1.51.0: 18 of 21 records of unknown types (type "item_completed", type "world_state"); the format may have changed, numbers may be incomplete'
    )
    db.close()
  })

  it('warns when the agent replied but no prompt was read (a prompt moved to a record the reader skips)', async () => {
    const { db, result } = await ingestLog(log('2.0.0', reply(4)))
    expect(result.format_warnings.map((w) => w.message)).toEqual([
      'Drift test log from version 2.0.0: 5 records but no prompt; the format may have changed, numbers may be incomplete'
    ])
    db.close()
  })

  it('keeps the warning when the file is unchanged on the next run, and counts a grown file once', async () => {
    const { db, file } = await ingestLog(log('1.51.0', [...prompt(1), ...newTypes(9)]))
    const again = await ingestPaths(db, [file], { worker: false })
    expect(again.unchanged_files).toBe(1)
    expect(again.format_warnings).toEqual([]) // nothing read this run…
    expect(formatWarnings(db, [file]).map((w) => [w.records, w.unknown])).toEqual([[11, 9]]) // …but the store still knows
    appendFileSync(file, JSON.stringify({ type: 'world_state' }) + '\n')
    const grown = await ingestPaths(db, [file], { worker: false })
    expect(grown.format_warnings.map((w) => [w.records, w.unknown])).toEqual([[12, 10]])
    db.close()
  })

  it('starts the count again when a file is rewritten in place', async () => {
    const { db, file } = await ingestLog(log('1.51.0', [...prompt(1), ...newTypes(9)]))
    writeFileSync(file, log('1.52.0', [...prompt(4), ...reply(4)]))
    const rewritten = await ingestPaths(db, [file], { worker: false })
    expect(rewritten.files).toBe(1)
    expect(rewritten.format_warnings).toEqual([])
    db.close()
  })
})

describe('tallyRecords', () => {
  it('keeps a type name short and free of control and bidi characters: it is the log’s own text', () => {
    const t = emptyTally(0)
    tallyRecords(t, [{ type: 'unknown', line: 1, what: `type "\u001b]52;c;x\u0007${'a'.repeat(100)}\u202e"` }])
    const [name] = Object.keys(t.kinds)
    expect(name).toHaveLength(60)
    expect(name).toMatch(/^type "\]52;c;xa+…$/)
  })
})

describe('formatWarning', () => {
  const base = { path: 'x.jsonl', format: null, records: 100, unknown: 0, prompts: 3, activity: 10, kinds: {}, agent_version: null }
  it('draws the line at a tenth of the records', () => {
    expect(formatWarning({ ...base, unknown: 10, kinds: { a: 10 } })).toBeNull()
    expect(formatWarning({ ...base, unknown: 11, kinds: { a: 11 } })?.message).toBe(
      'log: 11 of 100 records of unknown types (a); the format may have changed, numbers may be incomplete'
    )
  })
  it('does not take a log with nothing in it for a changed one', () => {
    expect(formatWarning({ ...base, prompts: 0, activity: 0 })).toBeNull()
  })
})
