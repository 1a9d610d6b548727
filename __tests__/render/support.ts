import type { Root, RootContent, Nodes } from 'mdast'
import { join } from 'node:path'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { ActionSchema, ReportSchema, type Report, type ReportMode, type SessionReport } from '../../src/select/report.js'
import { selectReport } from '../../src/select/select.js'
import { zeroTokens } from '../../src/model/tokens.js'
import { fixtures, ingestFresh, prng } from '../helpers.js'

export const MODES: ReportMode[] = ['summary', 'prompts', 'actions', 'tokens', 'full']
export const NOW = new Date('2026-04-01T12:00:00Z')
const FIXTURE_DIRS = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider']

/**
 * One report per mode from all fixtures. Aider session ids hash the log's absolute path, so they
 * are pinned here: golden files must not depend on where the checkout lives.
 */
export async function fixtureReports(): Promise<Map<ReportMode, Report>> {
  const r = await ingestFresh(FIXTURE_DIRS.map((d) => join(fixtures, d)))
  try {
    const out = new Map<ReportMode, Report>()
    for (const mode of MODES) {
      const report = selectReport(r.db, { mode, now: NOW, version: '0.1.0' })
      out.set(mode, JSON.parse(JSON.stringify(report).replace(/aider-[0-9a-f]{16}/g, 'aider-0000000000000000')) as Report)
    }
    return out
  } finally {
    r.close()
  }
}

export function parseMarkdown(md: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(md)
}

export function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node)
  if ('children' in node) for (const c of node.children as Nodes[]) walk(c, visit)
}

export function nodesOfType<T extends Nodes['type']>(root: Nodes, type: T): Extract<Nodes, { type: T }>[] {
  const out: Extract<Nodes, { type: T }>[] = []
  walk(root, (n) => {
    if (n.type === type) out.push(n as Extract<Nodes, { type: T }>)
  })
  return out
}

/** What a renderer's structure amounts to: tables with their row and cell counts, details blocks. */
export function shape(root: Root | { type: 'root'; children: RootContent[] }) {
  const tables = nodesOfType(root, 'table').map((t) => t.children.map((r) => r.children.length))
  const html = nodesOfType(root, 'html').map((h) => h.value)
  return {
    tables,
    detailsOpen: html.filter((v) => v.startsWith('<details>')).length,
    detailsClose: html.filter((v) => v === '</details>').length
  }
}

/** A small, strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
      } else if (c === '"') {
        quoted = false
        i++
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after closing quote at ${i}`)
      } else {
        field += c
        i++
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`)
      quoted = true
      i++
    } else if (c === ',') {
      row.push(field)
      field = ''
      i++
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`)
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 2
    } else if (c === '\n') {
      throw new Error(`bare LF at ${i}`)
    } else {
      field += c
      i++
    }
  }
  if (quoted) throw new Error('unterminated quote')
  if (field !== '' || row.length) throw new Error('last record without CRLF')
  return rows
}

/** Rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text)
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
}

const LONG = 'A'.repeat(9000) + ' tail'
const TICKS = 'x ` y `` z ``` w ```````` v'
/** Everything a log could hold to break out of a cell, fence, tag or spreadsheet. */
export const HOSTILE = [
  'a | b || c',
  TICKS,
  '</details> </summary> <!-- x',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '@here @octocat @org/team mail dev@example.com',
  '#123 octo/repo#7 GH-1 gh-2 (Gh-3)',
  '[click](https://evil.example) <https://evil.example/auto>',
  'https://evil.example/x www.evil.example',
  '![x](https://evil.example/x.png)',
  "=cmd|' /C calc'!A0",
  '*em* _u_ ~~s~~ \\ &amp; &#x41;',
  'nul:\u0000 bell:\u0007 rlo:\u202e',
  'lrm:\u200e rlm:\u200f alm:\u061c lri:\u2066 pdi:\u2069'
].join(' ')

export const HOSTILE_CELLS = ["=cmd|' /C calc'!A0", '+1', '-2+3', '@SUM(1)', '\tTAB', '\rCR first']

function hostileSession(id: string, n: number): SessionReport {
  const tokens = { input: 1000 * n, cached_input: 500 * n, cache_write: 0, output: 10 * n, reasoning_output: 0, total: 1010 * n }
  return {
    id,
    scope_reasons: [{ kind: 'all' }],
    agent: 'codex',
    agent_version: `0.1 ${HOSTILE}`,
    models: [`gpt|5 ${HOSTILE}`, '=HYPERLINK("https://evil.example")'],
    cwd: `/home/u/${HOSTILE}\nsecond line\r\nthird`,
    repository: 'https://evil.example/@octocat/repo.git',
    branch: '-2+3',
    commit: '@SUM(1)',
    started_at: '2026-03-03T10:00:00.000Z',
    ended_at: '2026-03-03T10:05:00.000Z',
    parent_id: n === 2 ? '0199aaaa-0000-7000-8000-000000000001' : null,
    parent_relation: n === 2 ? `resume ${HOSTILE}` : null,
    prompts: 3,
    tool_calls: 2,
    tool_call_names: { [`sh|ell ${TICKS}`]: 1, '=cmd': 1 },
    tokens,
    cost_usd: n === 2 ? null : 0.0421,
    cost_source: n === 2 ? null : 'agent',
    title: `Title ${HOSTILE}`,
    files_touched: [`src/${HOSTILE}.ts`, '+1', '\tTAB', 'a\nb.ts'],
    turns: [
      {
        ordinal: 1,
        ts: '2026-03-03T10:00:00.000Z',
        prompt: {
          text: `Please ${HOSTILE}\n\n# not a heading\n- not a list\n| not | a table |\n\`\`\`\nfence\n\`\`\`\n${LONG}`,
          private: false,
          by_agent: false,
          event_id: 1
        },
        actions: [
          {
            kind: 'reasoning',
            ts: null,
            name: null,
            text: `think ${HOSTILE}`,
            arguments: null,
            output: null,
            exit_code: null,
            duration_ms: null,
            call_id: null,
            event_id: 2
          },
          {
            kind: 'tool_call',
            ts: null,
            name: `sh|ell ${TICKS}`,
            text: `echo ${HOSTILE}\r\nrm -rf / ${LONG}`,
            arguments: JSON.stringify({ cmd: HOSTILE }),
            output: `${HOSTILE}\n${'```'}\n</details>\n${LONG}\n${LONG}`,
            exit_code: -2,
            duration_ms: 1234,
            call_id: '=cmd',
            event_id: 3
          },
          {
            kind: 'tool_call',
            ts: null,
            name: '@SUM(1)',
            text: null,
            arguments: `{"path": "${HOSTILE.replace(/"/g, '\\"')}"}`,
            output: '+1',
            exit_code: 0,
            duration_ms: null,
            call_id: null,
            event_id: 4
          },
          {
            kind: 'file_change',
            ts: null,
            name: `upd|ate ${HOSTILE}`,
            text: `src/${HOSTILE}`,
            arguments: null,
            output: null,
            exit_code: null,
            duration_ms: null,
            call_id: null,
            event_id: 5
          },
          {
            kind: 'marker',
            ts: null,
            name: `abort ${TICKS}`,
            text: HOSTILE,
            arguments: null,
            output: null,
            exit_code: null,
            duration_ms: null,
            call_id: null,
            event_id: 6
          },
          {
            kind: 'plan_update',
            ts: null,
            name: null,
            text: `[done] ${HOSTILE}\n[pending] @octocat`,
            arguments: null,
            output: null,
            exit_code: null,
            duration_ms: null,
            call_id: null,
            event_id: 7
          },
          {
            kind: 'agent_prompt',
            ts: null,
            name: null,
            text: HOSTILE,
            arguments: null,
            output: null,
            exit_code: null,
            duration_ms: null,
            call_id: null,
            event_id: 8
          },
          {
            kind: 'compaction',
            ts: null,
            name: null,
            text: LONG,
            arguments: null,
            output: null,
            exit_code: null,
            duration_ms: null,
            call_id: null,
            event_id: 9
          }
        ]
      },
      { ordinal: 2, ts: null, prompt: { text: '', private: true, by_agent: false, event_id: 10 }, actions: [] },
      ...HOSTILE_CELLS.map((text, i) => ({ ordinal: 3 + i, ts: null, prompt: { text, private: false, by_agent: false, event_id: 11 + i }, actions: [] }))
    ]
  }
}

/** A report, valid against the schema, whose every log-derived string is hostile. */
export function hostileReport(mode: ReportMode = 'full'): Report {
  const sessions = [hostileSession('0199aaaa-0000-7000-8000-000000000001', 1), hostileSession('0199bbbb-0000-7000-8000-000000000002', 2)]
  const usageRow = (key: string) => ({ key, sessions: 1, tokens: sessions[0].tokens ?? zeroTokens(), cost_usd: null })
  const report: Report = {
    schema_version: 2,
    generated_at: NOW.toISOString(),
    generator: { name: 'ai-log-trail', version: '0.1.0' },
    mode,
    scope: { kind: 'all', label: 'every session found' },
    filters: { since: null, until: null, timezone: 'UTC', repo: HOSTILE, sessions: [], agents: [HOSTILE], models: [], branches: [] },
    totals: {
      sessions: 2,
      prompts: 6,
      tool_calls: 4,
      tokens: { input: 3000, cached_input: 1500, cache_write: 0, output: 30, reasoning_output: 0, total: 3030 },
      cost_usd: null,
      sessions_without_usage: 0
    },
    sessions: mode === 'summary' || mode === 'tokens' ? sessions.map((s) => ({ ...s, turns: [] })) : sessions,
    usage: { by_model: [usageRow(`gpt|5 ${HOSTILE}`), usageRow('=1+1')], by_agent: [usageRow(HOSTILE)], by_day: [usageRow('-2+3')] },
    redactions: { total: 3, by_detector: { [HOSTILE]: 2, '@here': 1 } },
    unpriced_models: [`gpt|5 ${HOSTILE}`],
    skipped: { lines: 1, files: 1 },
    format_warnings: [
      {
        file: `/logs/${HOSTILE}.jsonl`,
        format: 'codex-rollout',
        agent_version: HOSTILE,
        records: 10,
        unknown: 5,
        prompts: 1,
        message: `Codex: 5 of 10 records of unknown types (${HOSTILE})`
      }
    ]
  }
  return ReportSchema.parse(report)
}

/** What Markdown, GFM or GitHub read as syntax somewhere, and plain words between them. */
export const MARKDOWN_PIECES = [
  ...['*', '**', '_', '__', '`', '``', '```', '~', '~~', '[', ']', '![', '](', '(', ')', '<', '>', '</details>', '<b>', '<!--'],
  ...['|', '||', '#', '# ', '1.', '2)', '- ', '+ ', '> ', '!', '&', '&amp;', '&#x41;', '\\', '\\*', '\\\\', ':', '=', '---'],
  ...['http://x.example', 'www.x.example', 'dev@x.example', '@user', '#12', 'a_b', 'x', 'word', 'two words', '😀', 'é'],
  ...[' ', '  ', '\t', '\n', '\n\n', '\r\n', '\n    indented', '\n- item', '\n1. item', '\n| a | b |', '\n> quote', '\n#']
]

/**
 * A full report of `count` sessions whose every log-derived string is a random run of
 * Markdown-special pieces: short and long, one line and many, often the very same string in
 * different places (a cache keyed on too little would hand one place another's escaping).
 */
export function syntheticReport(count: number, seed = 1): Report {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const run = (pieces: number) => Array.from({ length: 1 + Math.floor(rnd() * pieces) }, () => pick(MARKDOWN_PIECES)).join('')
  const common = Array.from({ length: 40 }, () => run(4))
  const text = (): string => {
    const r = rnd()
    if (r < 0.4) return pick(common)
    if (r < 0.8) return run(12)
    if (r < 0.95) return run(120)
    return run(900)
  }
  const maybe = (): string | null => (rnd() < 0.2 ? null : text())
  const kinds = ActionSchema.shape.kind.options
  const tokens = (n: number) => ({ input: 1000 * n, cached_input: 400 * n, cache_write: n, output: 50 * n, reasoning_output: 5 * n, total: 1056 * n })
  const sessions: SessionReport[] = Array.from({ length: count }, (_, i) => {
    let event = 0
    const turns = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, t) => ({
      ordinal: t + 1,
      ts: null,
      prompt: rnd() < 0.1 ? null : { text: text(), private: rnd() < 0.1, by_agent: false, event_id: ++event },
      actions: Array.from({ length: Math.floor(rnd() * 6) }, () => ({
        kind: pick(kinds),
        ts: null,
        name: rnd() < 0.3 ? pick(['agent-prompt', 'shell', 'update', 'abort']) : maybe(),
        text: maybe(),
        arguments: rnd() < 0.5 ? pick(['{}', '{"cmd":"ls | wc"}', text()]) : null,
        output: maybe(),
        exit_code: rnd() < 0.5 ? Math.floor(rnd() * 3) : null,
        duration_ms: rnd() < 0.5 ? Math.floor(rnd() * 100_000) : null,
        call_id: null,
        event_id: ++event
      }))
    }))
    return {
      id: `0199${String(i).padStart(4, '0')}-0000-7000-8000-${String(i).padStart(12, '0')}`,
      scope_reasons: [{ kind: 'all' as const }],
      agent: pick(['codex', 'claude-code', text()]),
      agent_version: maybe(),
      models: [text(), pick(common)],
      cwd: maybe(),
      repository: maybe(),
      branch: maybe(),
      commit: maybe(),
      started_at: '2026-03-03T10:00:00.000Z',
      ended_at: pick(['2026-03-03T10:05:00.000Z', '2026-03-04T01:00:00.000Z']),
      parent_id: i > 0 && rnd() < 0.2 ? `0199${String(i - 1).padStart(4, '0')}-0000-7000-8000-${String(i - 1).padStart(12, '0')}` : null,
      parent_relation: pick(['resume', 'fork', text()]),
      prompts: turns.length,
      tool_calls: 1,
      tool_call_names: { [text()]: 1, [pick(common)]: 2 },
      title: maybe(),
      tokens: i % 10 !== 0 ? tokens(i) : null,
      cost_usd: rnd() < 0.2 ? null : rnd(),
      cost_source: pick(['agent', 'estimate', null] as const),
      files_touched: [text(), pick(common)],
      turns
    }
  })
  const usage = () => Array.from({ length: 3 }, () => ({ key: text(), sessions: 1, tokens: tokens(1), cost_usd: null }))
  return ReportSchema.parse({
    schema_version: 2,
    generated_at: NOW.toISOString(),
    generator: { name: 'ai-log-trail', version: '0.1.0' },
    mode: 'full',
    scope: { kind: 'all', label: text() },
    filters: { since: null, until: null, timezone: 'UTC', repo: text(), sessions: [], agents: [text()], models: [], branches: [] },
    totals: { sessions: count, prompts: 0, tool_calls: 0, tokens: tokens(count), cost_usd: null, sessions_without_usage: Math.ceil(count / 10) },
    sessions,
    usage: { by_model: usage(), by_agent: usage(), by_day: usage() },
    redactions: { total: 2, by_detector: { [text()]: 1, [pick(common)]: 1 } },
    unpriced_models: [text()],
    skipped: { lines: 0, files: 0 },
    format_warnings: [{ file: text(), format: null, agent_version: maybe(), records: 3, unknown: 2, prompts: 0, message: text() }]
  })
}
