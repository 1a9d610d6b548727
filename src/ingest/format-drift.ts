import type { Db } from '../store/db.js'
import { fileFormatTallies, type FileFormatTally } from '../store/format-tallies.js'
import { sourceById } from '../sources/registry.js'

/** One file whose format looks changed: recognized, but not read as its agent writes it now. */
export interface FormatWarning {
  file: string
  /** The source that recognized it, e.g. `codex-rollout`. */
  format: string | null
  agent_version: string | null
  records: number
  unknown: number
  prompts: number
  /** The most frequent unknown record types, most frequent first. */
  unknown_kinds: string[]
  message: string
}

/**
 * More than this share of a file's records of types its reader does not know means the format
 * has moved on. Agents add a record type now and then that carries nothing a report shows; a
 * few of those must not cry wolf, a format that changed under the reader must not pass.
 */
export const UNKNOWN_SHARE = 0.1

/** Names of formats for the warning's first words, from the source's own description. */
function formatName(format: string | null): string {
  const description = format ? sourceById(format)?.description : undefined
  return (description ?? format ?? 'log').split(' (')[0]
}

function promptless(format: string): boolean {
  const source = sourceById(format)
  return source !== undefined && source.mode !== 'database' && source.promptless === true
}

/** The warning for a file, or null when it reads as its format says it should. */
export function formatWarning(t: FileFormatTally): FormatWarning | null {
  const unknownShare = t.records > 0 ? t.unknown / t.records : 0
  const noPrompt = t.prompts === 0 && t.activity > 0 && !(t.format && promptless(t.format))
  if (unknownShare <= UNKNOWN_SHARE && !noPrompt) return null
  const kinds = Object.entries(t.kinds)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k)
  const from = `${formatName(t.format)}${t.agent_version ? ` from version ${t.agent_version}` : ''}`
  const found =
    unknownShare > UNKNOWN_SHARE
      ? `${t.unknown} of ${t.records} records of unknown types (${kinds.slice(0, 3).join(', ')}${kinds.length > 3 ? ', …' : ''})`
      : `${t.records} records but no prompt`
  return {
    file: t.path,
    format: t.format,
    agent_version: t.agent_version,
    records: t.records,
    unknown: t.unknown,
    prompts: t.prompts,
    unknown_kinds: kinds.slice(0, 10),
    message: `${from}: ${found}; the format may have changed, numbers may be incomplete`
  }
}

/** The format warnings of the files at `paths`, one per file at most. */
export function formatWarnings(db: Db, paths: readonly string[]): FormatWarning[] {
  return fileFormatTallies(db, paths)
    .map(formatWarning)
    .filter((w): w is FormatWarning => w !== null)
}
