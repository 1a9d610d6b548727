import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../config/load.js'
import { ingestPaths } from '../../ingest/ingest.js'
import { ReviewSource } from '../../review/data.js'
import { exportLikeDryRun } from '../../review/export.js'
import { readRulesText, writeRulesText } from '../../review/rules-file.js'
import { startReviewServer } from '../../review/server.js'
import { resolveScopeIn } from '../../scope/request.js'
import { openStore } from '../../store/db.js'
import { isPostgresUrl } from '../../store/pg/connect.js'
import { localSnapshot, storeTarget } from '../../store/pg/local-store.js'
import { type CliIo, UsageError } from '../io.js'
import { scopeOptions, scopeRequest } from '../scope-args.js'
import { version } from '../version.js'
import { filterOptions, reportFilters } from '../report-args.js'
import { defaultActor } from '../review-args.js'

export const reviewHelp = `Usage: ai-log-trail review [<path>...] [--port N] [--no-open] [--idle MIN] [--rules FILE] [--db FILE] [--actor NAME] [filters]

Serves a local page to review what a report would publish: every session with its prompts,
replies and tool calls as the rules redact them, the raw text of one field on request, and
actions that write the rules file (its comments and layout kept): redact a selected value
everywhere or in that one field only, un-redact a detector's false positive, mark a prompt or
a session private, undo any entry, and export what dry-run would publish. Tags, notes and
dispositions are set there too (stored as 'tag', 'note' and 'disposition' store them), the list
filters by tag, redactions and needs review, and a history panel lists every change with an
undo. With paths, reads them into the database first and lists their sessions.

Prints the page's address, with its one-time token, as the first line of standard output.
Listens on 127.0.0.1 only and refuses requests without the token or naming another host.

Options:
  --port N      port (default: a free one)
  --no-open     do not open the browser (never opened without a display)
  --idle MIN    stop after MIN minutes without a request (default: run until Ctrl-C)
  --rules FILE  the rules file read and written (default .github/ai-log-trail.yml)
  --db FILE     database (default ./ai-log-trail.sqlite), or a postgres:// URL (default
                AI_LOG_TRAIL_DATABASE_URL): reviewed in a private snapshot, changes not pushed
  --actor NAME  written as actor with each entry and change (default: git config user.name, else the login)
  --scope S     paths, all, pr or release (as for report)
Filters: --since, --until, --timezone, --repo, --session, --agent, --model, --branch (as for report)
`

/** A browser can be shown: a desktop session on Linux, always on macOS and Windows. */
function haveDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]]
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true })
  child.on('error', () => {})
  child.unref()
}

export interface ReviewRun {
  /** Settles when the server stops: Ctrl-C, the idle timer, or `stop`. */
  done: Promise<void>
  stop(): Promise<void>
}

export interface ReviewDeps {
  /** Shows the page; the system's opener by default. */
  openBrowser?: (url: string) => void
  env?: NodeJS.ProcessEnv
}

/** Starts the review server; `reviewCommand` waits for it, tests call this to get `stop`. */
export async function startReview(argv: string[], io: CliIo, deps: ReviewDeps = {}): Promise<ReviewRun | number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
      idle: { type: 'string' },
      rules: { type: 'string' },
      db: { type: 'string' },
      actor: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...filterOptions,
      ...scopeOptions
    }
  })
  if (values.help) {
    io.out(reviewHelp)
    return 0
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port is not a port number: ${values.port}`)
  const idle = values.idle === undefined ? undefined : Number(values.idle)
  if (idle !== undefined && !(idle > 0)) throw new UsageError(`--idle is not a number of minutes: ${values.idle}`)
  for (const p of positionals) if (!existsSync(p)) throw new UsageError(`path does not exist: ${p}`)
  const rulesPath = values.rules ?? DEFAULT_CONFIG_PATH
  const readRules = () => loadConfig(existsSync(rulesPath) ? rulesPath : undefined).config
  const config = readRules()
  const dbPath = storeTarget(values.db, config.defaults.database ?? 'ai-log-trail.sqlite')
  if (!positionals.length && !isPostgresUrl(dbPath) && !existsSync(dbPath))
    throw new UsageError(`database does not exist: ${dbPath} (run ai-log-trail ingest first, or give paths)`)
  const local = await localSnapshot(dbPath)
  const db = openStore(local.path)
  const closeDb = () => {
    db.close()
    local.dispose()
  }
  try {
    if (positionals.length) await ingestPaths(db, positionals)
    const request = scopeRequest(values.scope, {
      repoDir: '.',
      paths: positionals.length ? positionals : null,
      branch: values.branch?.[0],
      base: values.base,
      tag: values.tag
    })
    const scope = request.kind === 'all' ? undefined : resolveScopeIn(db, request)
    const branches = request.kind === 'change' && request.change.kind === 'pr' ? undefined : values.branch
    const source = new ReviewSource({
      db,
      loadConfig: readRules,
      scope,
      version: version(),
      filters: reportFilters(values, branches)
    })
    const exportReport = () =>
      exportLikeDryRun({
        database: dbPath,
        repoDir: '.',
        paths: positionals.length ? positionals : (config.defaults.paths ?? null),
        config: readRules(),
        mode: config.defaults.mode ?? 'summary',
        formats: config.defaults.formats ?? ['md', 'json'],
        filters: { ...source.filters },
        version: version(),
        scope: request
      })
    const actor = values.actor ?? defaultActor()
    const server = await startReviewServer({
      source,
      rules: { path: rulesPath, read: () => readRulesText(rulesPath), write: (t) => writeRulesText(rulesPath, t) },
      actor,
      exportReport,
      port,
      idleMinutes: idle
    })
    io.out(server.url + '\n')
    io.err(`reviewing ${source.sessions().sessions.length} session(s); rules file ${rulesPath}; Ctrl-C stops\n`)
    if (!values['no-open'] && haveDisplay(deps.env)) (deps.openBrowser ?? openBrowser)(server.url)
    const onSignal = () => void server.close()
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    const done = server.closed.finally(() => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      closeDb()
    })
    return { done, stop: server.close }
  } catch (e) {
    closeDb()
    throw e
  }
}

export async function reviewCommand(argv: string[], io: CliIo): Promise<number> {
  const run = await startReview(argv, io)
  if (typeof run === 'number') return run
  await run.done
  io.err('review stopped\n')
  return 0
}
