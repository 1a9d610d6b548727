import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildReport, writeReportFiles } from '../../pipeline/report.js'
import { removeLeftovers, writeWhole } from '../../output-folder.js'
import { loadConfig } from '../../config/load.js'
import { renderReport } from '../../render/index.js'
import { FilterError } from '../../select/filters.js'
import { resolveScopeIn } from '../../scope/request.js'
import { openStore } from '../../store/db.js'
import { isPostgresUrl } from '../../store/pg/connect.js'
import { localSnapshot, storeTarget } from '../../store/pg/local-store.js'
import { teamReport } from '../../team/report-command.js'
import { version } from '../version.js'
import { type CliIo, UsageError } from '../io.js'
import { scopeOptions, scopeRequest } from '../scope-args.js'
import { filterOptions, parseFormats, parseMode, reportFilters } from '../report-args.js'

export { filterOptions, parseFormats, parseMode, reportFilters }

export const reportHelp = `Usage: ai-log-trail report [--db FILE] [--format md|csv|json|html] [--mode MODE] [--out PATH|-]
                          [filters] [--rules FILE]

Renders a redacted report from the database. Every format renders from one selection, so the
same filters give the same numbers in each.

Options:
  --format F      md (default), csv, json or html
  --group-by G    the team report of a postgres:// store: totals by repository, author, agent,
                  model or week (md or json), from the team_totals view only (docs/database.md)
  --mode M        summary (default), prompts, actions, tokens or full
  --out PATH      a file, or a folder for csv; - (default for md, json, html) writes to stdout
  --rules FILE    redaction rules (default .github/ai-log-trail.yml when it exists)
  --db FILE       database (default ./ai-log-trail.sqlite), or a postgres:// URL (default
                  AI_LOG_TRAIL_DATABASE_URL)
  --now ISO       pin the report's generated_at (reproducible output)
Filters:
  --since D / --until D   date (YYYY-MM-DD) or date-time; a bare --until date includes that day
  --timezone TZ           IANA time zone for dates and day grouping (default UTC)
  --repo DIR|URL          sessions whose cwd is inside DIR, or that name the repository URL
  --session ID            a session id or prefix (repeatable)
  --agent A, --model M, --branch B   (each repeatable)
  --tagged LABEL          sessions with this review tag (ai-log-trail tag), on the session or
                          one of its prompts (repeatable)
`

export function parseNow(v: string | undefined): Date | undefined {
  if (v === undefined) return undefined
  const d = new Date(v)
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now is not a date-time: ${v}`)
  return d
}

export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      'group-by': { type: 'string' },
      format: { type: 'string' },
      mode: { type: 'string' },
      out: { type: 'string' },
      rules: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...filterOptions,
      ...scopeOptions
    }
  })
  if (values.help) {
    io.out(reportHelp)
    return 0
  }
  if (values['group-by'] !== undefined) return teamReport(storeTarget(values.db, ''), values['group-by'], values.format, io)
  const { config } = loadConfig(values.rules)
  const [format] = parseFormats(values.format, ['md'])
  const mode = parseMode(values.mode)
  const dbPath = storeTarget(values.db, config.defaults.database ?? 'ai-log-trail.sqlite')
  if (!isPostgresUrl(dbPath) && !existsSync(dbPath)) throw new UsageError(`database does not exist: ${dbPath} (run ai-log-trail ingest first)`)
  const out = values.out ?? '-'
  if (format === 'csv' && out === '-') throw new UsageError('csv writes one file per table: give --out DIR')
  const request = scopeRequest(values.scope, { repoDir: '.', paths: null, branch: values.branch?.[0], base: values.base, tag: values.tag })
  // With --scope pr, --branch names the change's branch; the scope's other rules must not be filtered away.
  const branches = request.kind === 'change' && request.change.kind === 'pr' ? undefined : values.branch
  const local = await localSnapshot(dbPath)
  const db = openStore(local.path)
  try {
    const scope = request.kind === 'all' ? undefined : resolveScopeIn(db, request)
    let built
    try {
      built = buildReport(db, {
        config,
        mode,
        now: parseNow(values.now),
        version: version(),
        filters: reportFilters(values, branches),
        scope
      })
    } catch (e) {
      if (e instanceof FilterError) throw new UsageError(e.message)
      throw e
    }
    if (out === '-') {
      for (const f of renderReport(built.report, format).files) io.out(f.content)
      return 0
    }
    if (format === 'csv') writeReportFiles(built.report, ['csv'], out)
    else {
      // Under a temporary name until whole: what a killed run left of this file goes first.
      removeLeftovers(dirname(resolve(out)), basename(out))
      writeWhole(out, renderReport(built.report, format).files[0].content)
    }
    io.err(`wrote ${out}\n`)
    return 0
  } finally {
    db.close()
    local.dispose()
  }
}
