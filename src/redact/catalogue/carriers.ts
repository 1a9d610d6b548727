/*
 * Real-shaped Claude Code and Codex log lines that carry a text in each place a secret turns up
 * in a session: what the person typed, what the model wrote or thought, a shell command, what a
 * tool printed, a file read. Shapes follow fixtures/claude-code and fixtures/codex (see
 * docs/redaction.md); ids and timestamps are fixed so every run plants the same bytes.
 */

export type Agent = 'claude-code' | 'codex'

export interface Carrier {
  id: string
  agent: Agent
  /** One JSONL line holding `text` in this carrier's place, escaped as the agent writes it. */
  line(text: string): string
}

const SESSION = '5b0c2a8e-1f3d-4e6a-9c7b-2d4e6f8a0b1c'
const CWD = '/home/dev/demo'

function claudeLine(type: 'user' | 'assistant', content: unknown, extra: Record<string, unknown> = {}): string {
  const message =
    type === 'assistant'
      ? { id: 'msg_01CAT', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', content, stop_reason: null }
      : { role: 'user', content }
  return JSON.stringify({
    parentUuid: 'c0000000-0000-4000-8000-000000000001',
    isSidechain: false,
    userType: 'external',
    cwd: CWD,
    sessionId: SESSION,
    version: '2.0.14',
    gitBranch: 'main',
    type,
    message,
    ...extra,
    uuid: 'c0000000-0000-4000-8000-000000000002',
    timestamp: '2026-03-03T10:00:00.000Z'
  })
}

function codexLine(payload: Record<string, unknown>): string {
  return JSON.stringify({ timestamp: '2026-03-03T10:00:00.000Z', type: 'response_item', payload })
}

/** The shell command that writes `text` verbatim (a quoted heredoc keeps every byte). */
export function shellCommand(text: string): string {
  return `cat >> .env <<'EOF'\n${text}\nEOF`
}

/** Claude Code's Read result: each line behind a right-aligned line number and an arrow. */
export function gutter(text: string, first = 12): string {
  return text
    .split('\n')
    .map((l, i) => `${String(first + i).padStart(6)}→${l}`)
    .join('\n')
}

export const CARRIERS: readonly Carrier[] = [
  { id: 'claude-code/user-prompt', agent: 'claude-code', line: (t) => claudeLine('user', t) },
  { id: 'claude-code/assistant-text', agent: 'claude-code', line: (t) => claudeLine('assistant', [{ type: 'text', text: t }]) },
  {
    id: 'claude-code/thinking',
    agent: 'claude-code',
    line: (t) => claudeLine('assistant', [{ type: 'thinking', thinking: t, signature: 'c2lnLWNhdGFsb2d1ZQ==' }])
  },
  {
    id: 'claude-code/bash-command',
    agent: 'claude-code',
    line: (t) =>
      claudeLine('assistant', [{ type: 'tool_use', id: 'toolu_01CAT', name: 'Bash', input: { command: shellCommand(t), description: 'Write the settings' } }])
  },
  {
    id: 'claude-code/bash-output',
    agent: 'claude-code',
    line: (t) =>
      claudeLine('user', [{ tool_use_id: 'toolu_01CAT', type: 'tool_result', content: t, is_error: false }], {
        toolUseResult: { stdout: t, stderr: '', interrupted: false, isImage: false }
      })
  },
  {
    id: 'claude-code/read-gutter',
    agent: 'claude-code',
    line: (t) =>
      claudeLine('user', [{ tool_use_id: 'toolu_01CAT', type: 'tool_result', content: gutter(t) }], {
        toolUseResult: {
          type: 'text',
          file: { filePath: `${CWD}/config/settings.env`, content: t, numLines: t.split('\n').length, startLine: 12, totalLines: 40 }
        }
      })
  },
  { id: 'codex/user-prompt', agent: 'codex', line: (t) => codexLine({ type: 'message', role: 'user', content: [{ type: 'input_text', text: t }] }) },
  { id: 'codex/assistant-text', agent: 'codex', line: (t) => codexLine({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: t }] }) },
  {
    id: 'codex/reasoning',
    agent: 'codex',
    line: (t) => codexLine({ type: 'reasoning', summary: [{ type: 'summary_text', text: t }], content: null, encrypted_content: 'gAAAAABpZ0CATALOGUE' })
  },
  {
    id: 'codex/shell-command',
    agent: 'codex',
    line: (t) =>
      codexLine({
        type: 'function_call',
        name: 'shell',
        arguments: JSON.stringify({ command: ['bash', '-lc', shellCommand(t)], workdir: CWD, timeout_ms: 120000 }),
        call_id: 'call_CAT1'
      })
  },
  {
    id: 'codex/tool-output',
    agent: 'codex',
    line: (t) =>
      codexLine({
        type: 'function_call_output',
        call_id: 'call_CAT1',
        output: JSON.stringify({ output: t, metadata: { exit_code: 0, duration_seconds: 0.1 } })
      })
  }
]
