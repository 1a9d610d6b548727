import type { Database } from 'better-sqlite3'
import { restorePayload, storedPayload, TYPED_TABLES } from './payload.js'
import { RawBlockWriter } from './raw-blocks.js'
import { generationTriggers, type TableRole } from './generation.js'

/**
 * The tables migration 19 gave generation triggers, as they stood then (src/store/generation.ts
 * classifies them): a later table gets its triggers from the migration that makes it.
 */
const ROLES_AT_19: Record<string, TableRole> = {
  agent_reasoning_messages: 'ingested',
  events: 'ingested',
  files: 'input',
  files_touched: 'ingested',
  format_tallies: 'input',
  function_calls: 'ingested',
  function_plan_messages: 'ingested',
  function_results: 'ingested',
  ingest_errors: 'input',
  prompts: 'ingested',
  rate_limit_messages: 'ingested',
  raw_blocks: 'ingested',
  review_dispositions: 'input',
  review_history: 'input',
  review_notes: 'input',
  review_tags: 'input',
  session_pushes: 'input',
  session_sources: 'input',
  sessions: 'input',
  status_snapshots: 'ingested',
  token_messages: 'ingested',
  turn_context_messages: 'ingested',
  turns: 'ingested',
  redactions: 'provenance'
}

/**
 * Schema migrations, applied in order inside one transaction each. `PRAGMA user_version` holds
 * the number of the last one applied. Never edit a published migration: add the next one.
 */
export const migrations: { version: number; description: string; sql: string; run?: (db: Database) => void }[] = [
  {
    version: 1,
    description: 'files, sessions, turns, events and the per-kind tables',
    sql: `
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  format TEXT,
  size INTEGER NOT NULL DEFAULT 0,
  mtime_ms REAL NOT NULL DEFAULT 0,
  head_hash TEXT,
  head_len INTEGER NOT NULL DEFAULT 0,
  offset INTEGER NOT NULL DEFAULT 0,
  line_no INTEGER NOT NULL DEFAULT 0,
  parser_state TEXT,
  encoding TEXT,
  ingested_at TEXT
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  agent TEXT NOT NULL,
  agent_version TEXT,
  originator TEXT,
  source TEXT,
  started_at TEXT,
  ended_at TEXT,
  cwd TEXT,
  repository_url TEXT,
  branch TEXT,
  commit_sha TEXT,
  parent_id TEXT,
  parent_relation TEXT,
  title TEXT,
  reported_cost_usd REAL,
  first_file_id INTEGER REFERENCES files(id) ON DELETE SET NULL
);
CREATE TABLE turns (
  session_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  started_at TEXT,
  prompt_event_id INTEGER,
  PRIMARY KEY (session_id, ordinal)
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  session_id TEXT NOT NULL,
  turn INTEGER NOT NULL DEFAULT 0,
  ts TEXT,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  raw TEXT,
  replayed INTEGER NOT NULL DEFAULT 0,
  dedupe_key TEXT,
  UNIQUE (file_id, line, seq)
);
CREATE INDEX events_session ON events(session_id, ts);
CREATE INDEX events_kind ON events(kind);
CREATE INDEX events_dedupe ON events(dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE TABLE prompts (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  ts TEXT,
  text TEXT NOT NULL,
  by_agent INTEGER NOT NULL DEFAULT 0,
  replayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX prompts_session ON prompts(session_id);
CREATE TABLE token_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  model TEXT,
  input INTEGER NOT NULL, cached_input INTEGER NOT NULL, cache_write INTEGER NOT NULL,
  output INTEGER NOT NULL, reasoning_output INTEGER NOT NULL, total INTEGER NOT NULL,
  cum_total INTEGER,
  counted INTEGER NOT NULL,
  reason TEXT,
  replayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX token_messages_session ON token_messages(session_id);
CREATE TABLE turn_context_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  model TEXT, cwd TEXT, approval_policy TEXT, sandbox_policy TEXT, effort TEXT
);
CREATE INDEX turn_context_session ON turn_context_messages(session_id);
CREATE TABLE agent_reasoning_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  text TEXT NOT NULL,
  encrypted INTEGER NOT NULL DEFAULT 0,
  encrypted_bytes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE function_plan_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  explanation TEXT,
  steps TEXT NOT NULL
);
CREATE TABLE function_calls (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  call_id TEXT,
  name TEXT NOT NULL,
  tool_type TEXT NOT NULL,
  arguments TEXT NOT NULL,
  command TEXT,
  replayed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX function_calls_session ON function_calls(session_id, call_id);
CREATE TABLE function_results (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  call_id TEXT,
  output TEXT NOT NULL,
  exit_code INTEGER,
  duration_ms REAL,
  status TEXT
);
CREATE INDEX function_results_session ON function_results(session_id, call_id);
CREATE TABLE files_touched (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  path TEXT NOT NULL,
  change TEXT NOT NULL,
  PRIMARY KEY (event_id, path)
);
CREATE INDEX files_touched_session ON files_touched(session_id);
CREATE TABLE ingest_errors (
  id INTEGER PRIMARY KEY,
  file_id INTEGER REFERENCES files(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  line INTEGER,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (path, line, reason)
);
`
  },
  {
    version: 2,
    description: 'rate limits and status snapshots get their own tables; sessions remember their models',
    sql: `
CREATE TABLE rate_limit_messages (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  windows TEXT NOT NULL,
  plan_type TEXT
);
CREATE TABLE status_snapshots (
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  ts TEXT,
  form TEXT NOT NULL,
  model TEXT,
  input INTEGER, cached_input INTEGER, output INTEGER, reasoning_output INTEGER, total INTEGER,
  blended_total INTEGER
);
CREATE INDEX status_snapshots_session ON status_snapshots(session_id);
ALTER TABLE turns ADD COLUMN model TEXT;
`
  },
  {
    version: 3,
    description: 'redaction provenance: what was redacted where, by which detector or override, never the text',
    sql: `
CREATE TABLE redactions (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  event_id INTEGER,
  field TEXT NOT NULL,
  detector TEXT NOT NULL,
  actor TEXT,
  reason TEXT,
  count INTEGER NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (session_id, event_id, field, detector)
);
CREATE INDEX redactions_session ON redactions(session_id);
`
  },
  {
    version: 4,
    description: 'crash-safe reconciliation and linear dedupe look-ups: sessions awaiting reconciliation; dedupe index by key, replayed flag and file',
    sql: `
CREATE TABLE reconcile_pending (
  session_id TEXT PRIMARY KEY
);
DROP INDEX events_dedupe;
CREATE INDEX events_dedupe_holder ON events(dedupe_key, replayed, file_id) WHERE dedupe_key IS NOT NULL;
`
  },
  {
    version: 5,
    description: 'format drift: per file and batch, records read, records of unknown types, prompts and other activity',
    sql: `
CREATE TABLE format_tallies (
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  from_line INTEGER NOT NULL,
  records INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  prompts INTEGER NOT NULL,
  activity INTEGER NOT NULL,
  unknown_kinds TEXT,
  PRIMARY KEY (file_id, from_line)
);
`
  },
  {
    version: 6,
    description: "session identity per project: which stored session each file's records of a log session id went to, and the cwd the file gave it",
    sql: `
CREATE TABLE session_sources (
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  log_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  project TEXT,
  PRIMARY KEY (file_id, log_id)
);
CREATE INDEX session_sources_log ON session_sources(log_id);
INSERT OR IGNORE INTO session_sources (file_id, log_id, session_id, project)
  SELECT e.file_id, e.session_id, e.session_id, s.cwd FROM (SELECT DISTINCT file_id, session_id FROM events) e LEFT JOIN sessions s ON s.id = e.session_id;
`
  },
  {
    version: 7,
    description: 'each fact once: events.payload keeps only what the typed table of its kind has no column for',
    sql: '',
    run: keepPayloadRemainders
  },
  {
    version: 8,
    description: "only indexes a query uses: the kind index gives way to one over a session's links; redactions by session are the unique key's prefix",
    sql: `
DROP INDEX IF EXISTS events_kind;
DROP INDEX IF EXISTS redactions_session;
CREATE INDEX events_links ON events(session_id) WHERE kind = 'link';
`
  },
  {
    version: 9,
    description:
      "raw lines in compressed blocks: each file's lines in zstd blocks (raw_blocks), which an event addresses by block and item instead of a raw column",
    sql: `
CREATE TABLE raw_blocks (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  data BLOB NOT NULL
);
CREATE INDEX raw_blocks_file ON raw_blocks(file_id);
ALTER TABLE events ADD COLUMN raw_block INTEGER;
ALTER TABLE events ADD COLUMN raw_item INTEGER;
`,
    run: moveRawLinesToBlocks
  },
  {
    version: 10,
    description:
      'review: tags, notes and dispositions on sessions and prompts (keyed by session id and prompt number, so they outlive a re-ingest), and the history of every review change',
    sql: `
CREATE TABLE review_tags (
  session_id TEXT NOT NULL,
  prompt INTEGER NOT NULL DEFAULT 0,
  label TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (session_id, prompt, label)
);
CREATE TABLE review_notes (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  prompt INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX review_notes_session ON review_notes(session_id, prompt);
CREATE TABLE review_dispositions (
  session_id TEXT NOT NULL,
  prompt INTEGER NOT NULL,
  value TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (session_id, prompt)
);
CREATE TABLE review_history (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  action TEXT NOT NULL,
  session_id TEXT,
  prompt INTEGER,
  detail TEXT NOT NULL,
  reason TEXT
);
`
  },
  {
    version: 11,
    description: 'the team store: which repository a session belongs to, and which workflow runs pushed it (repository, pull request, commit, author)',
    sql: `
ALTER TABLE sessions ADD COLUMN repository TEXT;
CREATE TABLE session_pushes (
  session_id TEXT NOT NULL,
  repository TEXT NOT NULL,
  workflow_run TEXT NOT NULL,
  pull_request INTEGER,
  commit_sha TEXT,
  author TEXT,
  pushed_at TEXT NOT NULL,
  PRIMARY KEY (session_id, repository, workflow_run)
);
`
  },
  {
    version: 12,
    description:
      'the redaction cache: findings of texts already redacted under the same rules and code, so a warm run redacts only what changed (local only: never exported nor pushed)',
    sql: `
CREATE TABLE redaction_cache_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL,
  run INTEGER NOT NULL
);
CREATE TABLE redaction_cache (
  key TEXT PRIMARY KEY,
  findings TEXT,
  digest BLOB NOT NULL,
  used_run INTEGER NOT NULL
);
CREATE INDEX redaction_cache_used ON redaction_cache(used_run);
`
  },
  {
    version: 13,
    description:
      "each session's cost as the reports compute it (the agent's figure, else the estimate from the price table) and where it came from; filled when a session is pushed to the team store, null in a store nothing pushed from",
    sql: `
ALTER TABLE sessions ADD COLUMN cost_usd REAL;
ALTER TABLE sessions ADD COLUMN cost_source TEXT;
`
  },
  {
    version: 14,
    description:
      "the session cache: what the comment's report holds of each session once redacted, keyed by the session's rows, the rules and the code, so a warm run reads and redacts only the sessions that changed (local only: never exported nor pushed); a session's entry is dropped when any of its records is changed in place (reconciliation), which its key (the records' count and last id) would not show",
    sql: `
CREATE TABLE session_cache (
  session_id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  entry TEXT NOT NULL
);
CREATE TRIGGER session_cache_stale AFTER UPDATE OF session_id, file_id, turn, kind, replayed, payload ON events
BEGIN
  DELETE FROM session_cache WHERE session_id IN (OLD.session_id, NEW.session_id);
END;
`
  },
  {
    version: 15,
    description:
      "the last check's memo: the SHA-256 of each published text the last check found clean, under the check's rules, options and code, so a warm run does not scan it again; hashes only, never a text (local only: never exported nor pushed)",
    sql: `
CREATE TABLE late_check_memo (
  hash TEXT PRIMARY KEY,
  used_run INTEGER NOT NULL
);
`
  },
  {
    version: 16,
    description:
      "the index of a session's records carries each record's file, so the log files of a page of sessions (a report's format warnings) are read from the index alone",
    sql: `
DROP INDEX events_session;
CREATE INDEX events_session ON events(session_id, ts, file_id);
`
  },
  {
    version: 17,
    description:
      "the index of a session's tool calls holds whether each was replayed and its tool's name, so a page of sessions' call counts and tools are read from the index alone, not from rows that hold each call's arguments; no query read the call id from it",
    sql: `
DROP INDEX function_calls_session;
CREATE INDEX function_calls_session ON function_calls(session_id, replayed, name);
`
  },
  {
    version: 18,
    description:
      "a repository-scoped ingest not yet scoped: marked before it reads, cleared once another project's sessions are dropped, so a run killed in between is scoped by the next (local to a SQLite store, never pushed)",
    sql: `
CREATE TABLE scope_pending (
  repo TEXT PRIMARY KEY,
  after_file_id INTEGER NOT NULL
);
`
  },
  {
    version: 19,
    description:
      "the store's generation, moved by a trigger on every write to a table a report reads, and the job memo: per output folder, the last report's checked files under a key of every input (local only: never exported nor pushed)",
    sql: `
CREATE TABLE store_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO store_generation (id, n) VALUES (1, 0);
CREATE TABLE job_memo (
  out_dir TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  entry BLOB NOT NULL
);
${Object.entries(ROLES_AT_19)
  .map(([table, role]) => generationTriggers(table, role))
  .join('\n')}
`
  },
  {
    version: 20,
    description:
      "the job memo's texts in bounded chunks, each compressed on its own, so an entry of any size is kept and written again a chunk at a time; the entries of version 19, whole blobs, are dropped (local only: never exported nor pushed)",
    sql: `
DELETE FROM job_memo;
CREATE TABLE job_memo_chunks (
  out_dir TEXT NOT NULL,
  seq INTEGER NOT NULL,
  chunk BLOB NOT NULL,
  PRIMARY KEY (out_dir, seq)
);
`
  },
  {
    version: 21,
    description:
      "the files' rows of a session by its id: a session whose records are all gone (its file read again, or forgotten as a second path of a stored file) is dropped once no file maps a log's session id to it, which scanned session_sources for each such session",
    sql: `
CREATE INDEX session_sources_session ON session_sources(session_id);
`
  },
  {
    version: 22,
    description:
      "each session's rendered and last-checked part of a report file, compressed, by a hash of the session's redacted content and all the bytes depend on, with the last run that used it: a full-mode report after a small change renders only the sessions that changed (local only: never exported nor pushed)",
    sql: `
CREATE TABLE render_parts (
  hash TEXT PRIMARY KEY,
  body BLOB NOT NULL,
  text_bytes INTEGER NOT NULL,
  rendered_bytes INTEGER NOT NULL,
  detectors TEXT NOT NULL,
  used_run INTEGER NOT NULL
);
CREATE INDEX render_parts_used ON render_parts(used_run);
`
  },
  {
    version: 23,
    description:
      "the full report's sessions: each session's redacted JSON as the report's spill writes it, compressed, with its redaction's records and numbered tags, keyed by the session's rows, the rules, the mode and the code, and the last run that used it, so a full-mode report after a small change selects and redacts only the sessions that changed (local only: never exported nor pushed); an entry is dropped when any of its session's records is changed in place, as migration 14's",
    sql: `
CREATE TABLE full_sessions (
  session_id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  body BLOB NOT NULL,
  text_bytes INTEGER NOT NULL,
  notes TEXT NOT NULL,
  used_run INTEGER NOT NULL
);
CREATE TRIGGER full_sessions_stale AFTER UPDATE OF session_id, file_id, turn, kind, replayed, payload ON events
BEGIN
  DELETE FROM full_sessions WHERE session_id IN (OLD.session_id, NEW.session_id);
END;
`
  },
  {
    version: 24,
    description:
      "each kept render part's last run of use in a table of its own, keyed by the part's hash: renewing a part (every fourth run of a report that keeps them) writes a small row instead of rewriting the part's whole row, its body included (local only: never exported nor pushed)",
    sql: `
CREATE TABLE render_part_runs (
  hash TEXT PRIMARY KEY,
  used_run INTEGER NOT NULL
);
INSERT INTO render_part_runs (hash, used_run) SELECT hash, used_run FROM render_parts;
CREATE INDEX render_part_runs_used ON render_part_runs(used_run);
DROP INDEX render_parts_used;
ALTER TABLE render_parts DROP COLUMN used_run;
`
  }
]

/**
 * Moves each event's raw line into its file's blocks, in file and line order as an ingest would
 * have written them, a page of events at a time; then drops the raw column.
 */
function moveRawLinesToBlocks(db: Database): void {
  const page = db.prepare(
    `SELECT id, file_id, line, seq, raw FROM events WHERE raw IS NOT NULL AND (file_id, line, seq) > (?, ?, ?) ORDER BY file_id, line, seq LIMIT 1000`
  )
  const address = db.prepare('UPDATE events SET raw_block = ?, raw_item = ? WHERE id = ?')
  const blocks = new RawBlockWriter(db)
  for (let after = [-1, -1, -1]; ;) {
    const rows = page.all(...after) as { id: number; file_id: number; line: number; seq: number; raw: string }[]
    if (rows.length === 0) break
    for (const r of rows) {
      const at = blocks.next(r.file_id)
      address.run(at.block, at.item, r.id)
      blocks.keep(r.raw)
    }
    const last = rows[rows.length - 1]
    after = [last.file_id, last.line, last.seq]
  }
  blocks.close()
  db.exec('ALTER TABLE events DROP COLUMN raw')
}

/**
 * Rewrites each payload of a kind with a typed table to its remainder (store/payload.ts), a page of
 * events at a time on the kind's rows, so memory stays flat whatever the store's size.
 */
function keepPayloadRemainders(db: Database): void {
  const update = db.prepare('UPDATE events SET payload = ? WHERE id = ?')
  for (const [kind, table] of Object.entries(TYPED_TABLES)) {
    const page = db.prepare(
      `SELECT e.id AS _id, e.payload AS _payload, t.* FROM events e JOIN ${table} t ON t.event_id = e.id WHERE e.kind = ? AND e.id > ? ORDER BY e.id LIMIT 1000`
    )
    for (let last = -1; ;) {
      const rows = page.all(kind, last) as ({ _id: number; _payload: string } & Record<string, unknown>)[]
      if (rows.length === 0) break
      for (const r of rows) {
        const remainder = storedPayload(restorePayload(kind, r._payload, r))
        if (remainder !== r._payload) update.run(remainder, r._id)
      }
      last = rows[rows.length - 1]._id
    }
  }
}

export const SCHEMA_VERSION = migrations[migrations.length - 1].version

/** Brings a database to `target` (default: the newest version), one transaction per migration. */
export function migrate(db: Database, target = SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION)
    throw new Error(`database schema version ${current} is newer than this ai-log-trail understands (${SCHEMA_VERSION}); upgrade ai-log-trail`)
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      // Another process may have applied this step while this one waited for the write lock;
      // the version read under the lock is the one that counts.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return
      db.exec(m.sql)
      m.run?.(db)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return db.pragma('user_version', { simple: true }) as number
}
