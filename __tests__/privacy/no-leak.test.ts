import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runJob } from '../../src/pipeline/job.js'
import type { LateCheck } from '../../src/select/report.js'
import { parseConfig } from '../../src/config/load.js'
import { redactFiles } from '../../src/redact/files.js'
import { assemblePlanted, type PlantedCase } from '../../src/redact/evaluate.js'
import { openStore } from '../../src/store/db.js'
import { RawBlock } from '../../src/store/raw-blocks.js'
import { fixtures, tmpDir } from '../helpers.js'

/**
 * Plants one secret of every built-in kind in every field kind (prompt, assistant message,
 * reasoning, tool arguments, tool output, file path) of every agent format (Codex, Claude Code,
 * Gemini CLI, Copilot Chat, Aider, recorder), runs the whole job
 * with every format and the database export, and looks for any trace of any secret in any file
 * that would leave the machine.
 */
const planted = readFileSync(join(fixtures, 'redaction', 'planted.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as PlantedCase)
const byKind = new Map<string, ReturnType<typeof assemblePlanted>>()
for (const c of planted) if ((c.context ?? 'plain') === 'plain' && !byKind.has(c.kind)) byKind.set(c.kind, assemblePlanted(c))
const cases = [...byKind.values()]
const blob = cases.map((c) => c.text).join('\n')
const USER = 'mariagonzalez'
const PATH = `/home/${USER}/work/app/src/secret.ts`

function codex(dir: string): void {
  const S = '0199ffff-0000-7000-8000-00000000aaaa'
  const line = (type: string, payload: unknown, t = 1) => JSON.stringify({ timestamp: `2026-05-01T10:00:0${t}.000Z`, type, payload })
  writeFileSync(
    join(dir, `rollout-2026-05-01T10-00-00-${S}.jsonl`),
    [
      line(
        'session_meta',
        {
          id: S,
          timestamp: '2026-05-01T10:00:00.000Z',
          cwd: `/home/${USER}/work/app`,
          cli_version: '0.61.0',
          git: { repository_url: `https://${USER}:${cases[0].secret}@github.com/acme/app.git` }
        },
        0
      ),
      line('event_msg', { type: 'user_message', message: blob }),
      line('turn_context', { model: 'gpt-5.1-codex', cwd: `/home/${USER}/work/app` }),
      line('event_msg', { type: 'agent_reasoning', text: blob }),
      line('response_item', { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', blob] }), call_id: 'c1' }),
      line('response_item', { type: 'function_call_output', call_id: 'c1', output: JSON.stringify({ output: blob, metadata: { exit_code: 0 } }) }),
      line('response_item', {
        type: 'custom_tool_call',
        call_id: 'c2',
        name: 'apply_patch',
        input: `*** Begin Patch\n*** Add File: ${PATH}\n+${blob.split('\n').join('\n+')}\n*** End Patch`
      }),
      line('event_msg', { type: 'agent_message', message: blob })
    ].join('\n') + '\n'
  )
}

function claude(dir: string): void {
  const S = '7777aaaa-0000-4000-8000-00000000bbbb'
  const base = { sessionId: S, cwd: `/home/${USER}/work/app`, version: '2.0.50', gitBranch: 'main', isSidechain: false, userType: 'external' }
  const l = (o: Record<string, unknown>, i: number) =>
    JSON.stringify({ ...base, uuid: `u-${i}`, parentUuid: i ? `u-${i - 1}` : null, timestamp: `2026-05-01T11:00:0${i}.000Z`, ...o })
  const usage = { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 5 }
  const msg = (content: unknown[]) => ({
    type: 'assistant',
    message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content, usage },
    requestId: 'req_1'
  })
  writeFileSync(
    join(dir, `${S}.jsonl`),
    [
      l({ type: 'user', message: { role: 'user', content: blob } }, 0),
      l(msg([{ type: 'thinking', thinking: blob, signature: 'sig' }]), 1),
      l(msg([{ type: 'text', text: blob }]), 2),
      l(msg([{ type: 'tool_use', id: 'toolu_1', name: 'Write', input: { file_path: PATH, content: blob } }]), 3),
      l({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: blob }] } }, 4)
    ].join('\n') + '\n'
  )
}

function gemini(dir: string): void {
  writeFileSync(
    join(dir, 'session-2026-05-01T12-00-cccccccc.json'),
    JSON.stringify({
      sessionId: 'cccccccc-0000-4000-8000-00000000cccc',
      projectHash: 'a'.repeat(64),
      startTime: '2026-05-01T12:00:00.000Z',
      lastUpdated: '2026-05-01T12:05:00.000Z',
      messages: [
        { id: 'm1', timestamp: '2026-05-01T12:00:00.000Z', type: 'user', content: blob },
        {
          id: 'm2',
          timestamp: '2026-05-01T12:01:00.000Z',
          type: 'gemini',
          content: blob,
          thoughts: [{ subject: 'Thinking', description: blob, timestamp: '2026-05-01T12:01:00.000Z' }],
          tokens: { input: 100, output: 10, cached: 0, thoughts: 5, tool: 0, total: 115 },
          model: 'gemini-2.5-pro',
          toolCalls: [
            {
              id: 't1',
              name: 'write_file',
              args: { file_path: PATH, content: blob },
              result: [{ functionResponse: { id: 't1', name: 'write_file', response: { output: blob } } }],
              status: 'success',
              timestamp: '2026-05-01T12:01:00.000Z'
            }
          ]
        }
      ]
    })
  )
}

function copilot(dir: string): void {
  writeFileSync(
    join(dir, 'eeeeeeee-0000-4000-8000-00000000eeee.json'),
    JSON.stringify({
      version: 3,
      requesterUsername: USER,
      responderUsername: 'GitHub Copilot',
      sessionId: 'eeeeeeee-0000-4000-8000-00000000eeee',
      creationDate: 1777629600000,
      lastMessageDate: 1777629660000,
      requests: [
        {
          requestId: 'request_1',
          message: { text: blob, parts: [{ kind: 'text', text: blob, range: { start: 0, endExclusive: blob.length } }] },
          variableData: { variables: [] },
          response: [{ value: blob }, { kind: 'thinking', value: blob }],
          responseId: 'response_1',
          modelId: 'copilot/gpt-4.1',
          timestamp: 1777629600000,
          result: {
            metadata: {
              promptTokens: 100,
              outputTokens: 10,
              toolCallRounds: [
                { response: blob, toolCalls: [{ name: 'create_file', arguments: JSON.stringify({ filePath: PATH, content: blob }), id: 'call_1' }], id: 'r1' }
              ],
              toolCallResults: { call_1: { content: [{ value: blob }] } }
            }
          }
        }
      ]
    })
  )
}

function aider(dir: string): void {
  writeFileSync(
    join(dir, '.aider.chat.history.md'),
    `\n# aider chat started at 2026-05-01 13:00:00\n\n> Aider v0.86.1  \n> Main model: anthropic/claude-sonnet-4-20250514 with diff edit format  \n\n#### ${blob.split('\n').join(' ')}  \n\n${blob}\n\n> Applied edit to ${PATH}  \n`
  )
}

function recorder(dir: string): void {
  const r = (o: Record<string, unknown>, seq: number) =>
    JSON.stringify({ v: 1, ts: `2026-05-01T14:00:0${seq}.000Z`, session_id: 'dddddddd-0000-4000-8000-00000000dddd', seq, ...o })
  writeFileSync(
    join(dir, 'deploy.ndjson'),
    [
      r({ type: 'session_start', format: 'ai-log-trail-recorder', agent: 'deploy', cwd: `/home/${USER}/work/app` }, 0),
      r({ type: 'action', name: 'shell', statement: blob, metadata: { shell: true, note: blob } }, 1),
      r({ type: 'session_end', summary: blob }, 2)
    ].join('\n') + '\n'
  )
}

/** Distinctive pieces of a secret: the whole value and its middle, as written and JSON-escaped. */
function needles(secret: string): string[] {
  const core = secret.length > 16 ? secret.slice(Math.floor(secret.length / 2) - 6, Math.floor(secret.length / 2) + 6) : secret
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), core])].filter((n) => n.length >= 6)
}

let dir: string
let out: string
let late: LateCheck
beforeAll(async () => {
  dir = tmpDir('alt-leak-')
  const logs = join(dir, 'logs')
  for (const [name, gen] of [
    ['codex', codex],
    ['claude', claude],
    ['gemini', gemini],
    ['copilot', copilot],
    ['aider', aider],
    ['recorder', recorder]
  ] as const) {
    mkdirSync(join(logs, name), { recursive: true })
    gen(join(logs, name))
  }
  out = join(dir, 'out')
  late = (
    await runJob({
      database: join(dir, 'work.sqlite'),
      repoDir: dir,
      paths: [logs],
      config: parseConfig('', 'default'),
      mode: 'full',
      formats: ['md', 'json', 'csv', 'html'],
      outDir: out,
      version: '0.0.0',
      exportDatabase: true
    })
  ).late
  await redactFiles([logs], join(out, 'sanitized-logs'), parseConfig('', 'default'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function allFiles(d: string): string[] {
  return readdirSync(d, { recursive: true, encoding: 'utf8' })
    .map((f) => join(d, f))
    .filter((f) => {
      try {
        readFileSync(f)
        return true
      } catch {
        return false
      }
    })
}

/** A file's bytes as latin1; a database's with its raw lines appended, as they are compressed in its blocks. */
function searchableBytes(f: string): string {
  const bytes = readFileSync(f).toString('latin1')
  if (!f.endsWith('.sqlite')) return bytes
  const db = openStore(f, { readonly: true })
  try {
    const lines = (db.prepare('SELECT data FROM raw_blocks').all() as { data: Buffer }[]).flatMap((b) => RawBlock.decode(b.data).items())
    return bytes + '\n' + Buffer.from(lines.join('\n'), 'utf8').toString('latin1')
  } finally {
    db.close()
  }
}

describe('nothing unredacted leaves', () => {
  it('planted one secret of every built-in kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60)
  })

  it('the structured pass caught every planted secret: the last check of the final files found nothing more', () => {
    expect(late).toEqual({ total: 0, by_file: {} })
  })

  it('every agent format was read, with text in every field kind', () => {
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { sessions: { agent: string; prompts: number }[] }
    expect(new Set(report.sessions.map((s) => s.agent))).toEqual(new Set(['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider', 'recorder']))
  })

  it("the database copy keeps the logs' raw lines, redacted, so the search below covers them", () => {
    const raw = searchableBytes(join(out, 'ai-log-trail.sqlite')).length - readFileSync(join(out, 'ai-log-trail.sqlite')).length
    expect(raw).toBeGreaterThan(blob.length)
  })

  it('no byte of any secret, nor the user name, is in any output file (reports, comment, summary, database, sanitized logs)', () => {
    const files = allFiles(out)
    expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual(
      expect.arrayContaining(['ai-log-trail.sqlite', 'comment.md', 'summary.md', 'report.json', 'report.html', 'report.md', 'sessions.csv'])
    )
    const leaks: string[] = []
    for (const f of files) {
      const bytes = searchableBytes(f)
      for (const c of cases) for (const n of needles(c.secret)) if (bytes.includes(n)) leaks.push(`${c.kind} in ${f.slice(out.length + 1)}`)
      if (bytes.includes(USER)) leaks.push(`user name in ${f.slice(out.length + 1)}`)
    }
    expect([...new Set(leaks)]).toEqual([])
  })
})
