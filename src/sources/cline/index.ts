import type { DocumentSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { agentOf, CLINE_AGENTS, taskIdOf, type ClineAgent } from './agents.js'
import { parseApiHistory, parseTaskMetadata } from './side-files.js'
import { parseUiMessages } from './ui-messages.js'

/** A UI message array: its first record starts `{"ts": <ms>, "type": "say"|"ask"`, as all three agents write it. */
const UI_MESSAGES = /^\s*\[\s*\{\s*"ts"\s*:\s*\d{12,14}\s*,\s*"type"\s*:\s*"(say|ask)"\s*,\s*"(say|ask)"\s*:/
/** The API history opens with the task as the person's message, wrapped in `<task>` (or Roo's `<user_message>`) with environment details. */
const API_HISTORY = /^\s*\[\s*\{\s*"role"\s*:\s*"user"\s*,\s*"content"\s*:/
const API_HISTORY_MARKERS = /<task>|<user_message>|<environment_details>/
const TASK_METADATA = /^\s*\{\s*"files_in_context"\s*:\s*\[/

type Kind = 'ui-messages' | 'api-history' | 'task-metadata'

function kindOf(head: SniffInput): Kind | null {
  if (UI_MESSAGES.test(head.text)) return 'ui-messages'
  if (API_HISTORY.test(head.text) && API_HISTORY_MARKERS.test(head.text)) return 'api-history'
  if (TASK_METADATA.test(head.text) && /"model_usage"\s*:|"record_source"\s*:/.test(head.text)) return 'task-metadata'
  return null
}

const DESCRIPTIONS: Record<Kind, string> = {
  'ui-messages': 'task conversation (globalStorage/<extension>/tasks/<task>/ui_messages.json)',
  'api-history': 'task API history, read for its place only (globalStorage/<extension>/tasks/<task>/api_conversation_history.json)',
  'task-metadata': 'task metadata: models and edited files (globalStorage/<extension>/tasks/<task>/task_metadata.json)'
}

const NAMES: Record<ClineAgent, string> = { cline: 'Cline', 'roo-code': 'Roo Code', 'kilo-code': 'Kilo Code' }

const PARSERS: Record<Kind, (text: string, agent: ClineAgent, sessionId: string, out: ParseRecord[]) => void> = {
  'ui-messages': parseUiMessages,
  'api-history': parseApiHistory,
  'task-metadata': parseTaskMetadata
}

/**
 * One source per agent and file of a task folder. The agent is decided by the path (extension
 * folder, or `.ai-logs/<agent>/`) and, without one, by Roo Code's own marker; see `agentOf`.
 */
function taskSource(agent: ClineAgent, kind: Kind): DocumentSource {
  return {
    mode: 'document',
    id: `${agent}-${kind}`,
    agent,
    description: `${NAMES[agent]} ${DESCRIPTIONS[kind]}`,
    sniff: (head) => kindOf(head) === kind && agentOf(head.path, head.text) === agent,
    parseDocument(text: string, ctx: SourceContext, out: ParseRecord[]): void {
      PARSERS[kind](text, agent, taskIdOf(ctx.path, ctx.fallbackSessionId), out)
    }
  }
}

/** Every Cline, Roo Code and Kilo Code format, for registration. */
export const clineSources: DocumentSource[] = CLINE_AGENTS.flatMap((agent) =>
  (['ui-messages', 'api-history', 'task-metadata'] as const).map((kind) => taskSource(agent, kind))
)

export { agentOf, taskIdOf }
