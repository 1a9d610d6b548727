import { idPageCut, sessionHeads, sessionPages, sessionPrompts, type ListedReport } from '../select/session-list.js'
import type { SessionReport } from '../select/report.js'
import type { TokenCounts } from '../model/tokens.js'
import { csvRecords, toCsv, type Cell } from './csv-format.js'
import { flatUnits, partKind, sessionParts, type Part } from './region.js'

/**
 * The report as four CSV tables (docs/reports.md lists the columns). All four files are always
 * written, header-only when the mode carries no such rows, so a consumer can rely on the set.
 * List-valued fields (models, files) are joined with a newline, which stays inside one quoted
 * cell. Costs are exact (`cost_usd` empty = unpriced, never 0).
 */
export const CSV_FILES = ['sessions.csv', 'prompts.csv', 'tool_calls.csv', 'tokens.csv'] as const
export type CsvFile = (typeof CSV_FILES)[number]

const TOKEN_HEADER = ['input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_output_tokens', 'total_tokens']

/** Empty cells, never zeros, when the log records no usage. */
function tokenCells(t: TokenCounts | null): Cell[] {
  if (!t) return TOKEN_HEADER.map(() => null)
  return [t.input, t.cached_input, t.cache_write, t.output, t.reasoning_output, t.total]
}

const SESSIONS_HEADER = [
  'session_id',
  'title',
  'agent',
  'agent_version',
  'models',
  'cwd',
  'repository',
  'branch',
  'commit',
  'started_at',
  'ended_at',
  'parent_id',
  'parent_relation',
  'prompts',
  'tool_calls',
  ...TOKEN_HEADER,
  'cost_usd',
  'cost_source',
  'files_touched',
  'tool_call_names'
]

function sessionRow(s: SessionReport): Cell[] {
  return [
    s.id,
    s.title,
    s.agent,
    s.agent_version,
    s.models.join('\n'),
    s.cwd,
    s.repository,
    s.branch,
    s.commit,
    s.started_at,
    s.ended_at,
    s.parent_id,
    s.parent_relation,
    s.prompts,
    s.tool_calls,
    ...tokenCells(s.tokens),
    s.cost_usd,
    s.cost_source,
    s.files_touched.join('\n'),
    Object.entries(s.tool_call_names)
      .map(([name, n]) => `${name}=${n}`)
      .join('\n')
  ]
}

/** Sessions per part of `sessions.csv` at most. */
const SESSIONS_PAGE = 1_000

function* sessions(report: ListedReport): Generator<string> {
  yield csvRecords([SESSIONS_HEADER])
  for (const page of sessionPages(sessionHeads(report.sessions), SESSIONS_PAGE, sessionRow, idPageCut)) yield csvRecords(page)
}

/** A session's rows of `prompts.csv`, as one text (none when it has no prompt). */
function* promptRows(s: SessionReport): Generator<string> {
  const rows: Cell[][] = []
  for (const t of s.turns) {
    if (!t.prompt) continue
    // A private prompt's text is already empty in the report; the flag says why.
    rows.push([s.id, t.ordinal, t.ts, t.prompt.private, t.prompt.private ? '' : t.prompt.text, t.prompt.event_id])
  }
  if (rows.length) yield csvRecords(rows)
}

/** A session's rows of `tool_calls.csv`, as one text (none when it made no tool call). */
function* toolCallRows(s: SessionReport): Generator<string> {
  const rows: Cell[][] = []
  for (const t of s.turns)
    for (const a of t.actions) {
      if (a.kind !== 'tool_call') continue
      rows.push([s.id, t.ordinal, a.ts, a.name, a.text, a.arguments, a.output, a.exit_code, a.duration_ms, a.call_id, a.event_id])
    }
  if (rows.length) yield csvRecords(rows)
}

const PROMPT_ROWS = partKind('csv.prompts', promptRows, csvRecords)
const TOOL_CALL_ROWS = partKind('csv.tool_calls', toolCallRows, csvRecords)

function* prompts(report: ListedReport): Generator<string | Part<string>> {
  yield csvRecords([['session_id', 'turn', 'ts', 'private', 'text', 'event_id']])
  yield* sessionParts(sessionPrompts(report.sessions), PROMPT_ROWS, promptRows)
}

function* toolCalls(report: ListedReport): Generator<string | Part<string>> {
  yield csvRecords([['session_id', 'turn', 'ts', 'name', 'command', 'arguments', 'output', 'exit_code', 'duration_ms', 'call_id', 'event_id']])
  yield* sessionParts(report.sessions, TOOL_CALL_ROWS, toolCallRows)
}

function* tokens(report: ListedReport): Generator<string> {
  const header = ['dimension', 'key', 'sessions', ...TOKEN_HEADER, 'cost_usd']
  const rows: Cell[][] = []
  const dims = [
    ['model', report.usage.by_model],
    ['agent', report.usage.by_agent],
    ['day', report.usage.by_day]
  ] as const
  for (const [dimension, usage] of dims) for (const u of usage) rows.push([dimension, u.key, u.sessions, ...tokenCells(u.tokens), u.cost_usd])
  yield toCsv(header, rows)
}

/**
 * Each file's text in parts (a page of sessions, a session's rows, a session's rows as a `Part`
 * of a spilled report), in a fixed order of files.
 */
export function csvChunks(report: ListedReport): [CsvFile, Iterable<string | Part<string>>][] {
  return [
    ['sessions.csv', sessions(report)],
    ['prompts.csv', prompts(report)],
    ['tool_calls.csv', toolCalls(report)],
    ['tokens.csv', tokens(report)]
  ]
}

/** File name → CSV text, in a fixed order. */
export function renderCsv(report: ListedReport): Map<CsvFile, string> {
  return new Map(csvChunks(report).map(([name, parts]) => [name, [...flatUnits(parts)].join('')]))
}
