import { geminiJournal } from './journal.js'
import { geminiPromptLog } from './prompt-log.js'
import { geminiSession } from './session.js'

export { geminiJournal, geminiPromptLog, geminiSession }

/** Every Gemini CLI format, for registration. */
export const geminiSources = [geminiSession, geminiJournal, geminiPromptLog] as const
