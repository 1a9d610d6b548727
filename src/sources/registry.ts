import { aiderHistory } from './aider/index.js'
import { clineSources } from './cline/index.js'
import { claudeCode, claudeExecutionFile, claudeStream } from './claude-code/index.js'
import { isClaudeSideFile } from './claude-code/side-files.js'
import { codexExec, codexRollout, codexText } from './codex/index.js'
import { copilotSources } from './copilot/index.js'
import { copilotCli } from './copilot-cli/index.js'
import { copilotCliSessionStore } from './copilot-cli/store.js'
import { cursorEditorDatabase } from './cursor/editor.js'
import { cursorTranscript } from './cursor/index.js'
import { cursorAgentStore, isCursorStoreSideFile } from './cursor/store.js'
import { droidSources } from './factory-droid/index.js'
import { geminiSources } from './gemini-cli/index.js'
import { piSession } from './pi/index.js'
import { qwenCode } from './qwen-code/index.js'
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
  // Before Claude Code: Qwen's records share its envelope (`type`, `uuid`, `sessionId`).
  qwenCode,
  claudeCode,
  claudeStream,
  claudeExecutionFile,
  ...geminiSources,
  ...copilotSources,
  copilotCli,
  ...clineSources,
  piSession,
  ...droidSources,
  cursorTranscript,
  opencodeStorage,
  recorderSource,
  opencodeDatabase,
  gooseDatabase,
  // Before the editor's store: an agent store may also hold a cursorDiskKV table.
  cursorAgentStore,
  cursorEditorDatabase,
  copilotCliSessionStore,
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

/** Files an agent keeps beside its logs that are read through a log, never on their own. */
const sideFileTests: ((path: string) => boolean)[] = [isClaudeSideFile, isCursorStoreSideFile]

/** True for an agent's side file: not a log, and not worth a warning when no source claims it. */
export function isSideFile(path: string): boolean {
  return sideFileTests.some((test) => test(path))
}
