import type { Database } from 'better-sqlite3'
import type { NormalizedEvent } from '../model/events.js'
import type { SessionPatch } from '../model/session.js'

/**
 * What a parser yields for a line: facts about a session, an event, a line it skipped and why,
 * or a well-formed record of a type it does not interpret (`what` names the type, e.g.
 * `event_msg "world_state"`). Unknown records are what a format change looks like: the ingest
 * counts them per file, apart from broken lines, to warn when a format has drifted.
 */
export type ParseRecord =
  | { type: 'session'; patch: SessionPatch }
  | { type: 'event'; event: NormalizedEvent }
  | { type: 'skip'; line: number; reason: string }
  | { type: 'unknown'; line: number; what: string }

export interface SourceContext {
  /** Absolute path of the file being parsed. */
  path: string
  /** A stable id to use when the log never names its session (derived from the path). */
  fallbackSessionId: string
}

/** The first lines of a file, decoded, for recognizing its format by content. */
export interface SniffInput {
  path: string
  /** The first non-empty lines (at most 20), decoded. */
  lines: string[]
  /** `JSON.parse` of each of `lines`, or undefined where a line is not JSON. */
  parsed: unknown[]
  /** The first 64 KiB of text, for formats that are not line-oriented. */
  text: string
}

/**
 * A line parser is fed one complete line at a time and appends what it found to `out`.
 * It keeps whatever it needs across lines (current model, previous cumulative usage) and can
 * hand that state out as JSON so a grown file is resumed where the last ingest stopped.
 */
export interface LineParser {
  push(line: string, lineNo: number, out: ParseRecord[]): void
  /** Called when the available input ends (the file may still grow later). */
  end(out: ParseRecord[]): void
  state(): unknown
}

export interface LineSource {
  mode: 'lines'
  /** Format id, e.g. `codex-rollout`. */
  id: string
  /** Normalized agent name stored on sessions, e.g. `codex`. */
  agent: string
  description: string
  /** The format need not record the prompt (it was a command-line argument): a file with none is normal, not a sign of a changed format. */
  promptless?: boolean
  sniff(head: SniffInput): boolean
  createParser(ctx: SourceContext, state?: unknown): LineParser
}

/** For formats that are one JSON document (Gemini sessions, Copilot snapshots, an execution-file array). */
export interface DocumentSource {
  mode: 'document'
  id: string
  agent: string
  description: string
  /** The format need not record the prompt (it was a command-line argument): a file with none is normal, not a sign of a changed format. */
  promptless?: boolean
  sniff(head: SniffInput): boolean
  parseDocument(text: string, ctx: SourceContext, out: ParseRecord[]): void
}

/** What recognizing a SQLite database looks at: its tables and their columns, never its rows. */
export interface DatabaseHead {
  path: string
  /** Column names by table name. */
  tables: Record<string, string[]>
}

/**
 * One row of a database (or a part of one) and what its source made of it. `line` numbers the rows
 * in the order they are read, for problems and events to point at; `text` is the row as JSON,
 * stored as the raw record of its first event.
 */
export interface DatabaseRow {
  line: number
  text: string
  records: ParseRecord[]
}

/**
 * For agents that keep their logs in SQLite (OpenCode, Goose). The ingest hands the source a
 * read-only connection to a private copy of the database, never the agent's file; the source
 * reads it in pages (a bounded number of rows at a time) and yields each row's records. Events
 * carry dedupe keys made from the rows' own ids, so a copy of the same database is recognized.
 */
export interface DatabaseSource {
  mode: 'database'
  id: string
  agent: string
  description: string
  sniff(head: DatabaseHead): boolean
  readDatabase(db: Database, ctx: SourceContext): Iterable<DatabaseRow>
}

export type Source = LineSource | DocumentSource | DatabaseSource
