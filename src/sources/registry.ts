import { aiderHistory } from './aider/index.js'
import { claudeCode, claudeExecutionFile, claudeStream } from './claude-code/index.js'
import { codexExec, codexRollout, codexText } from './codex/index.js'
import { copilotSources } from './copilot/index.js'
import { geminiSources } from './gemini-cli/index.js'
import { gooseDatabase } from './goose/index.js'
import { opencodeDatabase } from './opencode/index.js'
import { opencodeStorage } from './opencode/storage.js'
import { recorderSource } from './recorder/index.js'
import type { DatabaseHead, DatabaseSource, DocumentSource, LineSource, Source, SniffInput } from './types.js'

/**
 * Every source the ingester knows, in the order they are asked to recognize a file. A more
 * specific format comes before a looser one; the plain-text readers (Codex capture, Aider
 * history) come last because they accept files that are not JSON.
 */
export const sources: Source[] = [
  codexRollout,
  codexExec,
  claudeCode,
  claudeStream,
  claudeExecutionFile,
  ...geminiSources,
  ...copilotSources,
  opencodeStorage,
  recorderSource,
  opencodeDatabase,
  gooseDatabase,
  codexText,
  aiderHistory
]

/** Adds a source before the plain-text readers; a source with the same id is not added twice. */
export function registerSource(source: Source): void {
  if (sources.some((s) => s.id === source.id)) return
  const firstText = sources.findIndex((s) => s === codexText)
  sources.splice(firstText, 0, source)
}

/** A source that reads files as text (lines or one document). */
export type TextSource = LineSource | DocumentSource

/** The source that recognizes a file by its content, or undefined: unknown files are skipped, never guessed. */
export function recognize(head: SniffInput): TextSource | undefined {
  return sources.find((s): s is TextSource => s.mode !== 'database' && s.sniff(head))
}

/** The source that recognizes a SQLite database by its tables, or undefined. */
export function recognizeDatabase(head: DatabaseHead): DatabaseSource | undefined {
  return sources.find((s): s is DatabaseSource => s.mode === 'database' && s.sniff(head))
}

export function sourceById(id: string): Source | undefined {
  return sources.find((s) => s.id === id)
}
