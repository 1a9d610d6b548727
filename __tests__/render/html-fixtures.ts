import { join } from 'node:path'
import { zeroTokens } from '../../src/model/tokens.js'
import { ReportSchema, type Action, type Report, type SessionReport } from '../../src/select/report.js'
import { selectReport } from '../../src/select/select.js'
import { fixtures, ingestFresh } from '../helpers.js'

/** Report objects for the HTML renderer's tests. */

export const NOW = new Date('2026-04-01T12:00:00Z')
const SOURCES = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider']

/** Every fixture source ingested and selected in full mode, as the CLI would. */
export async function fixtureReport(): Promise<Report> {
  const r = await ingestFresh(SOURCES.map((d) => join(fixtures, d)))
  try {
    return selectReport(r.db, { mode: 'full', now: NOW, version: '0.1.0' })
  } finally {
    r.close()
  }
}

/**
 * The fixture report with what the fixtures lack: redaction markers and counts, a private
 * prompt, and an output long enough to be truncated. Stands in for the redaction step, which
 * is not this renderer's to run.
 */
export async function decoratedReport(): Promise<Report> {
  const report = structuredClone(await fixtureReport())
  report.redactions = { total: 4, by_detector: { email: 2, 'github-token': 1, 'home-path': 1 } }
  const withTurns = report.sessions.filter((s) => s.turns.some((t) => t.prompt))
  const first = withTurns[0].turns.find((t) => t.prompt)
  if (first?.prompt) first.prompt.text += ' and mail the result to [REDACTED:email]'
  const priv = withTurns[1].turns.find((t) => t.prompt)
  if (priv?.prompt) priv.prompt = { ...priv.prompt, text: '', private: true }
  const call = report.sessions.flatMap((s) => s.turns.flatMap((t) => t.actions)).find((a) => a.kind === 'tool_call' && a.output)
  if (call) call.output = `token=[REDACTED:github-token]\n` + Array.from({ length: 400 }, (_, i) => `line ${i} of a long build log`).join('\n')
  return ReportSchema.parse(report)
}

export const HOSTILE = [
  '</script><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  `"'><svg onload=alert(1)>`,
  'javascript:alert(document.cookie)',
  'line\u2028sep\u2029para',
  '<!-- <script>',
  'https://evil.example/x.js'
].join(' ')

function action(kind: Action['kind'], over: Partial<Action> = {}): Action {
  return {
    kind,
    ts: '2026-03-01T10:00:01.000Z',
    name: null,
    text: null,
    arguments: null,
    output: null,
    exit_code: null,
    duration_ms: null,
    call_id: null,
    event_id: 1,
    ...over
  }
}

function hostileSession(id: string, agent: string): SessionReport {
  const h = HOSTILE
  return {
    id,
    scope_reasons: [{ kind: 'all' }],
    agent,
    agent_version: h,
    models: [`model ${h}`],
    cwd: `/home/x/${h}`,
    repository: 'javascript:alert(1)',
    branch: `br ${h}`,
    commit: h,
    started_at: '2026-03-01T10:00:00.000Z',
    ended_at: '2026-03-01T10:30:00.000Z',
    parent_id: h,
    parent_relation: h,
    prompts: 1,
    tool_calls: 1,
    tool_call_names: { [h]: 1 },
    tokens: { ...zeroTokens(), input: 100, output: 10, total: 110 },
    title: `title ${h}`,
    cost_usd: null,
    cost_source: null,
    files_touched: [h],
    turns: [
      {
        ordinal: 1,
        ts: '2026-03-01T10:00:00.000Z',
        prompt: { text: `prompt ${h}`, private: false, by_agent: false, event_id: 1 },
        actions: [
          action('reasoning', { text: h }),
          action('assistant_message', { text: h }),
          action('tool_call', { name: h, text: h, arguments: h, output: h, exit_code: 2, duration_ms: 1200 }),
          action('file_change', { name: h, text: h }),
          action('marker', { name: h, text: h }),
          action('plan_update', { text: h }),
          action('compaction', { text: h })
        ]
      }
    ]
  }
}

/** A report with hostile text in every field a log can reach. */
export function hostileReport(): Report {
  const h = HOSTILE
  const row = (key: string) => ({ key, sessions: 1, tokens: { ...zeroTokens(), input: 100, output: 10, total: 110 }, cost_usd: null })
  return ReportSchema.parse({
    schema_version: 2,
    generated_at: NOW.toISOString(),
    generator: { name: 'ai-log-trail', version: h },
    mode: 'full',
    scope: { kind: 'pr', label: `branch ${h}` },
    filters: { since: null, until: null, timezone: 'UTC', repo: h, sessions: [h], agents: [h], models: [h], branches: [h] },
    totals: {
      sessions: 2,
      prompts: 2,
      tool_calls: 2,
      tokens: { ...zeroTokens(), input: 200, output: 20, total: 220 },
      cost_usd: null,
      sessions_without_usage: 0
    },
    sessions: [hostileSession(`sess ${h}`, `agent ${h}`), hostileSession('plain-id', 'codex')],
    usage: { by_model: [row(`model ${h}`)], by_agent: [row(`agent ${h}`), row('codex')], by_day: [row(h), row('2026-03-01')] },
    redactions: { total: 1, by_detector: { [h]: 1 } },
    unpriced_models: [`model ${h}`],
    skipped: { lines: 0, files: 0 },
    format_warnings: []
  })
}

/** A minimal valid report to vary one thing at a time. */
export function emptyReport(over: Partial<Report> = {}): Report {
  return ReportSchema.parse({
    schema_version: 2,
    generated_at: NOW.toISOString(),
    generator: { name: 'ai-log-trail', version: '0.1.0' },
    mode: 'full',
    scope: { kind: 'all', label: 'every session found' },
    filters: { since: null, until: null, timezone: 'UTC', repo: null, sessions: [], agents: [], models: [], branches: [] },
    totals: { sessions: 0, prompts: 0, tool_calls: 0, tokens: zeroTokens(), cost_usd: 0, sessions_without_usage: 0 },
    sessions: [],
    usage: { by_model: [], by_agent: [], by_day: [] },
    redactions: { total: 0, by_detector: {} },
    unpriced_models: [],
    skipped: { lines: 0, files: 0 },
    format_warnings: [],
    ...over
  })
}
