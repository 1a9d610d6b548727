import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openRecorder } from '../../src/recorder/index.js'
import { registerSource } from '../../src/sources/registry.js'
import { listSessions } from '../../src/store/queries.js'
import { recorderSource } from '../../src/sources/recorder/index.js'
import { byId, fixtures, ingestFresh, tmpDir } from '../helpers.js'
import { sniffInput } from './sniff-input.js'
import { type RawAddress, withRawLines } from '../../src/store/raw-blocks.js'

const deployScript = join(fixtures, 'recorder', 'deploy-script.ndjson')
const SESSION = '5f0c2a7e-1b3d-4c8e-9a6f-0d2e4b6c8a10'

beforeAll(() => {
  registerSource(recorderSource)
})

describe('recorder NDJSON source', () => {
  it('recognizes recorder files by content and rejects other agents’ logs', () => {
    expect(recorderSource.sniff(sniffInput(deployScript))).toBe(true)
    expect(recorderSource.sniff(sniffInput(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')))).toBe(false)
    expect(recorderSource.sniff(sniffInput(join(fixtures, 'codex', 'exec-legacy-2025-09.jsonl')))).toBe(false)
  })

  it('ingests a session: actions are tool calls, no prompts, the summary ends it', async () => {
    const r = await ingestFresh([deployScript])
    try {
      expect(r.result.errors).toEqual([])
      const s = byId(r.sessions, SESSION)
      expect(r.sessions).toHaveLength(1)
      expect(s.agent).toBe('recorder')
      expect(s.originator).toBe('deploy-script')
      expect(s.cwd).toBe('/srv/deploy/shop')
      expect(s.tool_calls).toBe(5)
      expect(s.prompts).toBe(0)
      expect(s.started_at).toBe('2026-03-05T09:00:01.500Z')
      expect(s.ended_at).toBe('2026-03-05T09:00:10.500Z')
      const calls = r.db.prepare('SELECT name, command, tool_type, arguments FROM function_calls ORDER BY event_id').all() as {
        name: string
        command: string | null
        tool_type: string
        arguments: string
      }[]
      expect(calls.map((c) => [c.name, c.command, c.tool_type])).toEqual([
        ['git.checkout', 'git checkout --detach 3f1c2d4', 'local_shell'],
        ['npm.ci', 'npm ci --omit=dev', 'local_shell'],
        ['db.migrate', null, 'function'],
        ['deploy', null, 'function'],
        ['smoke-test', 'curl -fsS https://staging.example.com/health', 'local_shell']
      ])
      expect(JSON.parse(calls[3].arguments)).toEqual({
        statement: 'Deployed release 2026.03.05-1 to staging',
        metadata: { environment: 'staging', release: '2026.03.05-1' }
      })
      const kinds = (r.db.prepare('SELECT kind FROM events ORDER BY line, seq').all() as { kind: string }[]).map((k) => k.kind)
      expect(kinds).toEqual(['session_meta', 'tool_call', 'tool_call', 'tool_call', 'tool_call', 'tool_call', 'assistant_message', 'marker'])
      const end = r.db.prepare(`SELECT payload FROM events WHERE kind = 'marker'`).get() as { payload: string }
      expect(JSON.parse(end.payload)).toEqual({ kind: 'marker', marker: 'turn_end', detail: 'end' })
      const summary = r.db.prepare(`SELECT json_extract(payload, '$.text') AS t FROM events WHERE kind = 'assistant_message'`).get() as { t: string }
      expect(summary.t).toBe('Deployed 2026.03.05-1 to staging; migrations applied, health check passed.')
    } finally {
      r.close()
    }
  })

  it('reads rotated files (which start mid-session) as parts of the same session', async () => {
    const dir = tmpDir('alt-recsrc-')
    try {
      const path = join(dir, 'agent.ndjson')
      const rec = await openRecorder({ path, sessionId: 'rotated-1', maxBytes: 800, cwd: null })
      for (let i = 0; i < 30; i++) await rec.action('step', `step ${i} ${'x'.repeat(60)}`)
      await rec.end('done')
      expect(readFileSync(`${path}.1`, 'utf8')).not.toContain('session_start')
      expect(recorderSource.sniff(sniffInput(`${path}.1`))).toBe(true)
      const r = await ingestFresh([dir])
      try {
        expect(r.result.errors).toEqual([])
        expect(r.result.files).toBeGreaterThan(3)
        expect(r.sessions.map((s) => s.id)).toEqual(['rotated-1'])
        expect(r.sessions[0].tool_calls).toBe(30)
        expect(r.sessions[0].agent).toBe('recorder')
      } finally {
        r.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('counts each action once when the file rotates between two ingests', async () => {
    const dir = tmpDir('alt-recsrc-')
    try {
      const path = join(dir, 'agent.ndjson')
      const rec = await openRecorder({ path, sessionId: 'growing', maxBytes: 1500, cwd: null })
      for (let i = 0; i < 5; i++) await rec.action('step', `step ${i} ${'x'.repeat(60)}`)
      const r = await ingestFresh([dir])
      try {
        expect(r.sessions[0].tool_calls).toBe(5)
        // What the first ingest read at `agent.ndjson` is now `agent.ndjson.1` or older.
        for (let i = 5; i < 25; i++) await rec.action('step', `step ${i} ${'x'.repeat(60)}`)
        await rec.end()
        const again = await ingestPaths(r.db, [dir])
        expect(again.errors).toEqual([])
        const s = listSessions(r.db)
        expect(s.map((x) => [x.id, x.tool_calls])).toEqual([['growing', 25]])
      } finally {
        r.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps an unknown record type raw as `other` and reports it', async () => {
    const dir = tmpDir('alt-recsrc-')
    try {
      const path = join(dir, 'future.ndjson')
      const unknown = JSON.stringify({ v: 1, type: 'checkpoint', ts: '2026-03-05T09:00:08.000Z', session_id: SESSION, seq: 99, label: 'halfway' })
      const lines = readFileSync(deployScript, 'utf8').trimEnd().split('\n')
      writeFileSync(path, [...lines.slice(0, 4), unknown, ...lines.slice(4), '{not json', ''].join('\n'))
      const r = await ingestFresh([path])
      try {
        expect(r.result.errors.map((e) => [e.line, e.reason])).toEqual([
          [5, 'unknown recorder record type "checkpoint" (kept raw, not interpreted)'],
          [9, 'malformed JSON']
        ])
        const [other] = withRawLines(
          r.db,
          r.db.prepare(`SELECT payload, raw_block, raw_item FROM events WHERE kind = 'other'`).all() as ({ payload: string } & RawAddress)[]
        )
        expect(JSON.parse(other.payload)).toEqual({ kind: 'other', type: 'recorder:checkpoint' })
        expect(other.raw).toBe(unknown)
        expect(byId(r.sessions, SESSION).tool_calls).toBe(5)
      } finally {
        r.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
