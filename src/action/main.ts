import * as core from './runner-commands.js'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pinnedNow, runJob, type JobResult } from '../pipeline/job.js'
import { loadConfig } from '../config/load.js'
import { REDACTION_KEY_ENV } from '../redact/hash.js'
import { describeLateCheck } from '../render/text.js'
import { problemAnnotations } from './annotations.js'
import { readInputs, type FailOn } from './inputs.js'
import { publish } from './publish.js'
import { actionScope } from './scope.js'
import { githubTarget } from './target.js'
import { pushToTeamStore } from './team-push.js'
import { version } from '../cli/version.js'

/**
 * The Action front: inputs and the event in, the library's job, then publishing. It decides
 * nothing about the report itself; `dry-run` runs the same job and writes the same files.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs()
    // One place for the key whether it came as an input or in the environment: the redaction reads it there.
    const redactionKey = inputs.redactionKey ?? process.env[REDACTION_KEY_ENV]
    if (redactionKey) {
      core.setSecret(redactionKey)
      process.env[REDACTION_KEY_ENV] = redactionKey
    }
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
    const rulesPath = inputs.rules ?? (existsSync(join(workspace, '.github/ai-log-trail.yml')) ? join(workspace, '.github/ai-log-trail.yml') : undefined)
    const { config, file } = loadConfig(rulesPath)
    if (file) core.info(`rules: ${file}`)
    const temp = process.env.RUNNER_TEMP ?? resolve('.')
    const outDir = join(temp, 'ai-log-trail-report')
    const github = githubTarget()
    // The changed files decide which sessions are this pull request's, and what the comment says of them.
    const changedFiles = github.pullNumber && inputs.token ? await github.changedFiles() : null
    const paths = inputs.paths.length ? await expandGlobs(inputs.paths) : (config.defaults.paths ?? null)
    const scope = actionScope(inputs, github, workspace, paths, changedFiles)
    const database = inputs.database ?? config.defaults.database ?? join(temp, 'ai-log-trail.sqlite')
    const result = await runJob({
      database,
      repoDir: workspace,
      paths,
      config,
      mode: inputs.mode ?? config.defaults.mode ?? 'summary',
      formats: inputs.formats ?? config.defaults.formats ?? ['md', 'json', 'html'],
      filters: { timezone: inputs.timezone },
      outDir,
      now: pinnedNow(inputs.now),
      version: version(),
      changedFiles,
      exportDatabase: inputs.exportDatabase,
      scope
    })
    const ing = result.ingest
    core.info(`scope: ${result.report.scope.label} (${result.report.totals.sessions} session(s))`)
    core.info(
      `ingest: ${ing.files} file(s) read, ${ing.unchanged_files} unchanged, ${ing.events} event(s), ${ing.sessions} session(s); parsed on ${ing.parsed_on === 'worker' ? 'a parse worker' : "the ingest's own thread"}`
    )
    for (const a of problemAnnotations(result.ingest.errors, config)) core.warning(a.message, { file: a.file, startLine: a.line })
    // The report's list (redacted, as published), not this run's ingest: a cached database still warns.
    for (const w of result.report.format_warnings) core.warning(w.message, { file: w.file })
    const r = result.report
    core.setOutput('sessions', r.totals.sessions)
    core.setOutput('prompts', r.totals.prompts)
    core.setOutput('tool-calls', r.totals.tool_calls)
    core.setOutput('total-tokens', r.totals.tokens.total)
    core.setOutput('cost-usd', r.totals.cost_usd === null ? '' : r.totals.cost_usd)
    core.setOutput('redactions', result.redactions)
    // A value only the last check caught escaped the redaction of the report's fields: worth a look.
    if (result.late.total) core.warning(`${describeLateCheck(result.late)}. Each was redacted before publishing; see docs/redaction.md, "The last check".`)
    else core.info('late check: nothing found in the final files')
    core.setOutput('report-dir', outDir)

    const published = await publish({
      inputs,
      outDir,
      files: result.files,
      comment: result.comment,
      releaseSection: result.releaseSection,
      summary: result.summary,
      github
    })
    core.setOutput('comment-url', published.commentUrl ?? '')
    core.setOutput('artifact-id', published.artifactId ?? '')
    core.setOutput('artifact-url', published.artifactUrl ?? '')

    const pushFailures = inputs.databaseUrl ? await pushToTeamStore({ url: inputs.databaseUrl, database, config, result, github }) : []
    const failures = failOnReasons(inputs.failOn, result, [...published.failures, ...pushFailures])
    if (failures.length) core.setFailed(`fail-on: ${failures.join('; ')}`)
  } catch (e) {
    core.setFailed((e as Error).message)
  }
}

/** The `fail-on` conditions a finished job meets, each as the reason the step fails; empty when none. */
export function failOnReasons(
  failOn: ReadonlySet<FailOn>,
  result: Pick<JobResult, 'ingest' | 'report' | 'redactions' | 'late'>,
  unpublished: readonly string[] = []
): string[] {
  const r = result.report
  const failures: string[] = []
  if (failOn.has('parse-errors') && result.ingest.skipped_lines > 0) failures.push(`${result.ingest.skipped_lines} log line(s) could not be read`)
  if (failOn.has('unpriced') && r.unpriced_models.length) failures.push(`no price for ${r.unpriced_models.join(', ')}`)
  if (failOn.has('redactions') && result.redactions > 0) failures.push(`${result.redactions} value(s) had to be redacted`)
  if (failOn.has('no-sessions') && r.totals.sessions === 0) failures.push('no agent session was found')
  if (failOn.has('publish') && unpublished.length) failures.push(`could not publish ${unpublished.join(', ')}`)
  if (failOn.has('late-findings') && result.late.total > 0)
    failures.push(`the last check of the final files redacted ${result.late.total} value(s) the report's redaction had missed`)
  // The files of the report's sessions, whether read in this run or an earlier one.
  const drift = r.format_warnings
  if (failOn.has('format-drift') && drift.length) failures.push(`${drift.length} log file(s) look like a changed format: ${drift[0].file}: ${drift[0].message}`)
  return failures
}

async function expandGlobs(patterns: string[]): Promise<string[]> {
  if (!patterns.some((p) => /[*?[{]/.test(p))) return patterns.filter((p) => existsSync(p))
  const glob = await import('@actions/glob')
  const globber = await glob.create(patterns.join('\n'), { followSymbolicLinks: true, implicitDescendants: true })
  return [...new Set(await globber.glob())]
}
