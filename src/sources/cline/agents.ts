import { basename, dirname } from 'node:path'

/** The agents of the Cline family: Cline and its forks Roo Code and Kilo Code write the same task folders. */
export const CLINE_AGENTS = ['cline', 'roo-code', 'kilo-code'] as const
export type ClineAgent = (typeof CLINE_AGENTS)[number]

/** Each agent's VS Code extension id: its folder under `globalStorage/`. */
export const EXTENSION_IDS: Record<ClineAgent, string> = {
  cline: 'saoudrizwan.claude-dev',
  'roo-code': 'rooveterinaryinc.roo-cline',
  'kilo-code': 'kilocode.kilo-code'
}

/** The files of a task folder this family reads. */
export const TASK_FILES = new Set(['ui_messages.json', 'api_conversation_history.json', 'task_metadata.json'])

const segments = (path: string): string[] => path.replace(/\\/g, '/').split('/')

/**
 * The agent that wrote a task file. The three write the same format, so the path decides first:
 * the extension folder (`globalStorage/<extension id>/tasks/<id>/`) or the agent folder of a
 * copy committed to `.ai-logs/<agent>/`. Without either, Roo Code's `apiProtocol` (in its
 * `api_req_started` records; Cline never writes it) tells Roo Code from Cline. Kilo Code writes
 * Roo Code's records and is told only by its path.
 */
export function agentOf(path: string, text: string): ClineAgent {
  const parts = segments(path).map((s) => s.toLowerCase())
  for (const agent of CLINE_AGENTS) if (parts.includes(EXTENSION_IDS[agent])) return agent
  const logs = parts.lastIndexOf('.ai-logs')
  const copied = logs >= 0 ? parts[logs + 1] : undefined
  const named = CLINE_AGENTS.find((a) => a === copied)
  if (named) return named
  return /\\"apiProtocol\\"\s*:/.test(text) ? 'roo-code' : 'cline'
}

/**
 * The task id: the name of the task folder (a millisecond timestamp in Cline, a UUID in Roo and
 * Kilo Code), which every file of the task shares. A copy of a task with one file is named
 * `<id>.json`; its stem is the id. The ingest's fallback id is used only when neither applies.
 */
export function taskIdOf(path: string, fallback: string): string {
  const name = basename(path.replace(/\\/g, '/'))
  if (TASK_FILES.has(name)) return basename(dirname(path.replace(/\\/g, '/'))) || fallback
  const stem = name.replace(/\.json$/i, '')
  return stem && stem !== name ? stem : fallback
}
