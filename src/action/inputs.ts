import * as core from './runner-commands.js'
import { REPORT_FORMATS, ReportFormatSchema, ReportModeSchema, type ReportFormat, type ReportMode } from '../config/choices.js'

export interface ActionInputs {
  paths: string[]
  rules: string | undefined
  token: string
  mode: ReportMode | undefined
  formats: ReportFormat[] | undefined
  comment: 'auto' | 'always' | 'never'
  artifactName: string
  retentionDays: number | undefined
  releaseAssets: 'auto' | 'never'
  releaseNotes: boolean
  timezone: string | undefined
  failOn: Set<FailOn>
  /** Which sessions the report is about: auto (pr on pull requests, release on releases, all otherwise), pr, release, all. */
  scope: 'auto' | 'pr' | 'release' | 'all'
  database: string | undefined
  exportDatabase: boolean
  now: string | undefined
  /** Key for redaction tags (a repository secret); masked as soon as it is read. */
  redactionKey: string | undefined
  /** The team store's postgres:// URL (a repository secret); masked as soon as it is read. */
  databaseUrl: string | undefined
}

export const FAIL_ON = ['parse-errors', 'unpriced', 'redactions', 'no-sessions', 'publish', 'late-findings', 'format-drift'] as const
export type FailOn = (typeof FAIL_ON)[number]

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = core.getInput(name).trim() || fallback
  if (!allowed.includes(v as T)) throw new Error(`input '${name}' must be one of ${allowed.join(', ')} (got '${v}')`)
  return v as T
}

/** A secret input, masked in the log before anything can print it. */
function secretInput(name: string): string | undefined {
  const value = core.getInput(name)
  if (value.trim() === '') return undefined
  core.setSecret(value)
  return value
}

/** The `database-url` input, its password masked too (a message may quote the URL without the rest). */
function databaseUrlInput(): string | undefined {
  const url = secretInput('database-url')?.trim()
  if (url === undefined) return undefined
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error("input 'database-url' must be a postgres:// URL")
  try {
    const password = decodeURIComponent(new URL(url).password)
    if (password) core.setSecret(password)
  } catch {
    throw new Error("input 'database-url' is not a URL")
  }
  return url
}

/** Reads and checks every input; a wrong value fails the step with the input's name. */
export function readInputs(): ActionInputs {
  const list = (name: string) =>
    core
      .getInput(name)
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean)
  const mode = core.getInput('mode').trim()
  const parsedMode = mode ? ReportModeSchema.safeParse(mode) : undefined
  if (parsedMode && !parsedMode.success) throw new Error(`input 'mode' must be one of ${ReportModeSchema.options.join(', ')} (got '${mode}')`)
  const formats = list('formats').map((f) => {
    const r = ReportFormatSchema.safeParse(f)
    if (!r.success) throw new Error(`input 'formats' has an unknown format '${f}' (${REPORT_FORMATS.join(', ')})`)
    return r.data
  })
  const retention = core.getInput('retention-days').trim()
  if (retention && !/^\d+$/.test(retention)) throw new Error(`input 'retention-days' must be a number of days (got '${retention}')`)
  const failOn = new Set<FailOn>()
  for (const f of list('fail-on')) {
    if (f === 'none') continue
    if (!FAIL_ON.includes(f as FailOn)) throw new Error(`input 'fail-on' has an unknown condition '${f}' (none, ${FAIL_ON.join(', ')})`)
    failOn.add(f as FailOn)
  }
  return {
    paths: list('paths'),
    rules: core.getInput('rules').trim() || undefined,
    token: core.getInput('github-token'),
    mode: parsedMode?.data,
    formats: formats.length ? formats : undefined,
    comment: oneOf('comment', ['auto', 'always', 'never'] as const, 'auto'),
    scope: oneOf('scope', ['auto', 'pr', 'release', 'all'] as const, 'auto'),
    artifactName: core.getInput('artifact-name').trim() || 'ai-log-trail-report',
    retentionDays: retention ? Number(retention) : undefined,
    releaseAssets: oneOf('release-assets', ['auto', 'never'] as const, 'auto'),
    releaseNotes: oneOf('release-notes', ['true', 'false'] as const, 'false') === 'true',
    timezone: core.getInput('timezone').trim() || undefined,
    failOn,
    database: core.getInput('database').trim() || undefined,
    exportDatabase: oneOf('export-database', ['true', 'false'] as const, 'true') === 'true',
    now: core.getInput('now').trim() || undefined,
    redactionKey: secretInput('redaction-key'),
    databaseUrl: databaseUrlInput()
  }
}
