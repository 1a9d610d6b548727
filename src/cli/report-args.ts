import { REPORT_FORMATS, REPORT_MODES, ReportFormatSchema, ReportModeSchema, type ReportFormat, type ReportMode } from '../config/choices.js'
import type { FilterInput } from '../select/filters.js'
import { UsageError } from './io.js'

// The report options `report`, `dry-run` and `review` share, apart from the report command's
// module: importing that one loads every renderer and the team store's code, which a dry-run
// that writes the default formats to a local store never runs.

export function parseMode(v: string | undefined): ReportMode | undefined {
  if (v === undefined) return undefined
  const r = ReportModeSchema.safeParse(v)
  if (!r.success) throw new UsageError(`unknown mode '${v}' (${REPORT_MODES.join(', ')})`)
  return r.data
}

export function parseFormats(v: string | undefined, fallback: ReportFormat[]): ReportFormat[] {
  if (v === undefined) return fallback
  const list = v
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  return list.map((f) => {
    const r = ReportFormatSchema.safeParse(f)
    if (!r.success) throw new UsageError(`unknown format '${f}' (${REPORT_FORMATS.join(', ')})`)
    return r.data
  })
}

export const filterOptions = {
  since: { type: 'string' },
  until: { type: 'string' },
  timezone: { type: 'string' },
  repo: { type: 'string' },
  session: { type: 'string', multiple: true },
  agent: { type: 'string', multiple: true },
  model: { type: 'string', multiple: true },
  branch: { type: 'string', multiple: true },
  tagged: { type: 'string', multiple: true }
} as const

/** The report's filters from the flags `filterOptions` parses; `branches` as the scope allows them. */
export function reportFilters(
  values: { since?: string; until?: string; timezone?: string; repo?: string; session?: string[]; agent?: string[]; model?: string[]; tagged?: string[] },
  branches: string[] | undefined
): FilterInput {
  return {
    since: values.since,
    until: values.until,
    timezone: values.timezone,
    repo: values.repo,
    sessions: values.session,
    agents: values.agent,
    models: values.model,
    branches,
    tags: values.tagged
  }
}
