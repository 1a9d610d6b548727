import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pinnedNow, runJob } from '../../pipeline/job.js'
import { describeLateCheck } from '../../render/text.js'
import { loadConfig } from '../../config/load.js'
import { type CliIo, UsageError } from '../io.js'
import { progressFor } from '../progress.js'
import { scopeOptions, scopeRequest } from '../scope-args.js'
import { version } from '../version.js'
import { filterOptions, parseFormats, parseMode } from '../report-args.js'
import { isPostgresUrl, storeTarget } from '../../store/pg/connect.js'

export const dryRunHelp = `Usage: ai-log-trail dry-run [<path>...] [--rules FILE] [--out DIR] [options]

Runs the same pipeline as the GitHub Action with no network and no token: ingests the logs
(with no path: every agent's default places, scoped to this repository, plus .ai-logs/),
redacts, and writes comment.md, summary.md and every report file into DIR. Prints the comment.
With the same inputs and a pinned time the files are byte-identical to the Action's.

Options:
  --out DIR            output folder (default ./ai-log-trail-report)
  --rules FILE         redaction rules (default .github/ai-log-trail.yml when it exists)
  --mode M             summary (default), prompts, actions, tokens or full
  --formats LIST       comma-separated: md,json,csv,html (default md,json)
  --db FILE            working database (default: <out>/../ai-log-trail.work.sqlite), or a
                       postgres:// URL (default AI_LOG_TRAIL_DATABASE_URL): read into a private
                       snapshot, which this run's ingest adds to; nothing is pushed
  --repo DIR           the repository that scopes discovery (default: the current one)
  --changed-files F    a file listing the pull request's changed files, one per line
  --export-db          also write a sanitized copy of the database
  --now ISO            pin the report time (SOURCE_DATE_EPOCH is honoured too)
  --quiet              do not print the comment
  --scope S            which sessions the report is about: paths (the given paths' sessions,
                       whatever the database holds from earlier runs; the default with paths),
                       all (every session found; the default without paths), pr (the current
                       branch's, or --branch NAME's, against --base REF: as the Action on a pull
                       request) or release (since the tag before --tag TAG, default the latest)
  --base REF           with --scope pr: the branch compared with (default: the default branch)
  --tag TAG            with --scope release: the release (default: the latest tag)
Filters: --since, --until, --timezone, --session, --agent, --model, --branch, --tagged (as for report)
`

export async function dryRunCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      rules: { type: 'string' },
      mode: { type: 'string' },
      formats: { type: 'string' },
      db: { type: 'string' },
      'changed-files': { type: 'string' },
      'export-db': { type: 'boolean' },
      now: { type: 'string' },
      quiet: { type: 'boolean' },
      ...scopeOptions,
      help: { type: 'boolean', short: 'h' },
      ...filterOptions
    }
  })
  if (values.help) {
    io.out(dryRunHelp)
    return 0
  }
  for (const p of positionals) if (!existsSync(p)) throw new UsageError(`path does not exist: ${p}`)
  const { config } = loadConfig(values.rules)
  const outDir = values.out ?? config.defaults.out ?? 'ai-log-trail-report'
  const changed = values['changed-files']
  if (changed !== undefined && !existsSync(changed)) throw new UsageError(`changed-files list does not exist: ${changed}`)
  let now: Date | undefined
  try {
    now = pinnedNow(values.now)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const paths = positionals.length ? positionals : (config.defaults.paths ?? null)
  const scope = scopeRequest(values.scope, { repoDir: values.repo ?? '.', paths, branch: values.branch?.[0], base: values.base, tag: values.tag })
  // With --scope pr, --branch names the change's branch; the scope's other rules must not be filtered away.
  const branches = scope.kind === 'change' && scope.change.kind === 'pr' ? undefined : values.branch
  const progress = io.isTTY && paths?.length ? await progressFor(paths, (t) => (io.status ?? io.err)(t)) : undefined
  const target = storeTarget(values.db, config.defaults.database ?? join(outDir, '..', 'ai-log-trail.work.sqlite'))
  // The team store's code (its snapshot, push and staging) is loaded only for a team store.
  const local = isPostgresUrl(target)
    ? await import('../../store/pg/local-store.js').then((m) => m.localSnapshot(target))
    : { path: target, dispose: () => undefined }
  const r = await runJob({
    database: local.path,
    repoDir: values.repo ?? '.',
    paths,
    scopePaths: values.repo !== undefined,
    config,
    mode: parseMode(values.mode) ?? config.defaults.mode ?? 'summary',
    formats: parseFormats(values.formats, config.defaults.formats ?? ['md', 'json']),
    filters: {
      since: values.since,
      until: values.until,
      timezone: values.timezone,
      sessions: values.session,
      agents: values.agent,
      models: values.model,
      branches,
      tags: values.tagged
    },
    outDir,
    now,
    version: version(),
    changedFiles: changed
      ? readFileSync(changed, 'utf8')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : null,
    exportDatabase: values['export-db'],
    progress,
    scope
  }).finally(local.dispose)
  if (!values.quiet) io.out(r.comment.endsWith('\n') ? r.comment : r.comment + '\n')
  io.err(`${r.report.scope.label}: ${r.report.totals.sessions} session(s)\n`)
  // What is published counts: the comment carries prompts the files' mode may leave out.
  io.err(`wrote ${r.files.join(', ')} to ${outDir}; ${r.redactions} value(s) redacted, ${r.ingest.errors.length} problem(s) at ingest\n`)
  // The report's list, not this run's ingest: a re-run on a cached database still warns.
  for (const w of r.report.format_warnings) io.err(`warning: ${w.file}: ${w.message}\n`)
  io.err(r.late.total ? `${describeLateCheck(r.late)}\n` : 'Late check: nothing found in the final files\n')
  return 0
}
