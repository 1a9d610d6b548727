import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from '../../config/load.js'
import { ingestForRepo } from '../../discover/discover.js'
import { ingestPaths } from '../../ingest/ingest.js'
import { progressFor } from '../progress.js'
import { openStore } from '../../store/db.js'
import { storeTarget, withLocalStore } from '../../store/pg/local-store.js'
import { type CliIo, UsageError } from '../io.js'

export const ingestHelp = `Usage: ai-log-trail ingest [<path>...] [--repo DIR] [--db FILE] [--json]

Reads agent session logs (files, or directories walked recursively) into a SQLite database.
Formats are recognized by content. Re-running adds only what is new: unchanged files are
skipped and grown files are read from where the last run stopped.

With no path, every agent's default log places (Codex, Claude Code, Gemini CLI, VS Code
Copilot Chat, Aider) and .ai-logs/ are read, and only the sessions that belong to the
repository are kept (cwd inside it or one of its worktrees, or the same remote).

Options:
  --repo DIR  the repository whose sessions to keep (default: the git repository of the
              current folder); with paths, scopes them too (otherwise they are taken as given)
  --db FILE   database file (default ./ai-log-trail.sqlite), or a postgres:// URL (default
              AI_LOG_TRAIL_DATABASE_URL): ingested into a private file, then pushed (docs/database.md)
  --json      print one JSON object: {files, sessions, events, skipped_lines, errors, format_warnings}
              (and merged_paths when the ingest forgot a second path of a stored file)
  -h, --help  show this help

Exit codes: 0 ingested what it could (bad lines are reported, not fatal), 1 something stopped
the run, 2 usage error.
`

export async function ingestCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, repo: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
  })
  if (values.help) {
    io.out(ingestHelp)
    return 0
  }
  for (const p of positionals) if (!existsSync(p)) throw new UsageError(`path does not exist: ${p}`)
  if (values.repo !== undefined && !existsSync(values.repo)) throw new UsageError(`repository folder does not exist: ${values.repo}`)
  const pushed = (p: { sessions: number }, where: string) => io.err(`pushed ${p.sessions} session(s) to ${where}\n`)
  // A push records each session's cost as `report` computes it: with the same config's prices.
  const prices = () => loadConfig().config.pricing
  return withLocalStore(storeTarget(values.db, 'ai-log-trail.sqlite'), 'write', (path) => ingestInto(path, positionals, values, io), pushed, prices)
}

async function ingestInto(path: string, positionals: string[], values: { repo?: string; json?: boolean }, io: CliIo): Promise<number> {
  const db = openStore(path)
  try {
    const scoped = positionals.length === 0 || values.repo !== undefined
    const progress = io.isTTY && positionals.length ? await progressFor(positionals, (t) => (io.status ?? io.err)(t)) : undefined
    const opts = progress ? { onProgress: (p: { file: string; bytes: number }) => progress.update(p.file, p.bytes) } : {}
    const r = scoped ? await ingestForRepo(db, values.repo ?? '.', positionals.length ? positionals : null, opts) : await ingestPaths(db, positionals, opts)
    progress?.finish()
    if (values.json) {
      io.out(
        JSON.stringify({
          files: r.files,
          sessions: r.sessions,
          events: r.events,
          skipped_lines: r.skipped_lines,
          errors: r.errors,
          format_warnings: r.format_warnings,
          // Only when there are: a store an earlier version filled through a link, repaired once.
          ...(r.merged_paths.length > 0 ? { merged_paths: r.merged_paths } : {})
        }) + '\n'
      )
    } else {
      io.out(
        `ingested ${r.files} file(s) (${r.unchanged_files} unchanged), ${r.sessions} session(s), ${r.events} new event(s); ${r.skipped_lines} line(s) skipped\n`
      )
      for (const e of r.errors.slice(0, 50)) io.err(`${e.file}${e.line !== null ? `:${e.line}` : ''}: ${e.reason}\n`)
      if (r.errors.length > 50) io.err(`… and ${r.errors.length - 50} more (use --json for all)\n`)
      for (const w of r.format_warnings) io.err(`warning: ${w.file}: ${w.message}\n`)
      for (const m of r.merged_paths) io.err(`note: ${m.forgot} is ${m.kept} under another path; what an earlier version stored from it twice was forgotten\n`)
    }
    return 0
  } finally {
    db.close()
  }
}
