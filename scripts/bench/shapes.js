// Log shapes that once made everything after the ingest grow with the log (reliability issue #13,
// case 6): one session with a great many prompts, and a great many small sessions. Claude Code
// transcripts built from the shape of a committed fixture's lines; nothing here is real data.
// Used by the memory tests (__tests__/pipeline/bounded-memory.test.ts) and `npm run bench`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const hex = (n, width) => n.toString(16).padStart(width, '0')
const uuid = (session, n) => `${hex(session, 8)}-0000-4000-8000-${hex(n, 12)}`
const at = (seconds) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString()

/** The lines of one turn: a prompt, a reply calling a tool, the tool's result, a closing reply. */
function turnLines(session, turn, base) {
  const sid = uuid(session, 0)
  const common = { isSidechain: false, userType: 'external', cwd: '/home/dev/demo', sessionId: sid, version: '2.0.50', gitBranch: 'main' }
  const id = (k) => uuid(session, turn * 4 + k + 1)
  const t = base + turn * 4
  const usage = { input_tokens: 10, cache_creation_input_tokens: 20, cache_read_input_tokens: 30, output_tokens: 5, service_tier: 'standard' }
  const parent = turn === 0 ? null : uuid(session, turn * 4)
  return [
    {
      ...common,
      parentUuid: parent,
      type: 'user',
      message: { role: 'user', content: `Prompt ${turn} of session ${session}: check the build` },
      uuid: id(0),
      timestamp: at(t)
    },
    {
      ...common,
      parentUuid: id(0),
      type: 'assistant',
      message: {
        id: `msg_${hex(session, 6)}${hex(turn, 8)}a`,
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [{ type: 'tool_use', id: `toolu_${hex(session, 6)}${hex(turn, 8)}`, name: 'Bash', input: { command: `ls src/part-${turn}` } }],
        stop_reason: null,
        stop_sequence: null,
        usage
      },
      requestId: `req_${hex(session, 6)}${hex(turn, 8)}a`,
      uuid: id(1),
      timestamp: at(t + 1)
    },
    {
      ...common,
      parentUuid: id(1),
      type: 'user',
      message: {
        role: 'user',
        content: [{ tool_use_id: `toolu_${hex(session, 6)}${hex(turn, 8)}`, type: 'tool_result', content: `index.ts\nmain.ts\npart-${turn}.ts` }]
      },
      toolUseResult: { stdout: `index.ts\nmain.ts\npart-${turn}.ts`, stderr: '', interrupted: false, isImage: false },
      uuid: id(2),
      timestamp: at(t + 2)
    },
    {
      ...common,
      parentUuid: id(2),
      type: 'assistant',
      message: {
        id: `msg_${hex(session, 6)}${hex(turn, 8)}b`,
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [{ type: 'text', text: `Done with part ${turn}.` }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage
      },
      requestId: `req_${hex(session, 6)}${hex(turn, 8)}b`,
      uuid: id(3),
      timestamp: at(t + 3)
    }
  ]
}

function writeSession(dir, session, turns, base) {
  const lines = []
  for (let turn = 0; turn < turns; turn++) for (const l of turnLines(session, turn, base)) lines.push(JSON.stringify(l))
  writeFileSync(join(dir, `${uuid(session, 0)}.jsonl`), lines.join('\n') + '\n')
}

/** One Claude Code session of `prompts` prompts, each with a tool call, in `dir`/project. */
export function writeManyPrompts(dir, prompts) {
  const project = join(dir, 'projects', '-home-dev-demo')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(project, { recursive: true })
  writeSession(project, 1, prompts, 0)
  return dir
}

/** `sessions` Claude Code sessions of `prompts` prompts each, in `dir`/project. */
export function writeManySessions(dir, sessions, prompts = 1) {
  const project = join(dir, 'projects', '-home-dev-demo')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(project, { recursive: true })
  for (let s = 1; s <= sessions; s++) writeSession(project, s, prompts, s * 3600)
  return dir
}
