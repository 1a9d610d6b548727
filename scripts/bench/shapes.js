// Log shapes that once made everything after the ingest grow with the log (reliability issue #13,
// case 6): one session with a great many prompts, and a great many small sessions. Aider chat
// histories, the most compact format a session can be written in (a prompt is one `####` line),
// so a test can make a hundred thousand of either in a few MB. Self-written; no real data.
// Used by __tests__/e2e/bounded-memory.test.ts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const HEADER = '> Aider v0.86.1  \n> Main model: anthropic/claude-sonnet-4-20250514 with diff edit format  \n\n'

function started(n) {
  return `\n# aider chat started at ${new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString().replace('T', ' ').slice(0, 19)}\n\n${HEADER}`
}

function write(dir, parts) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, '.aider.chat.history.md'), parts.join(''))
  return dir
}

/** One Aider session of `prompts` prompts, each with a one-line reply, in `dir`. */
export function writeManyPrompts(dir, prompts) {
  const parts = [started(0)]
  for (let i = 0; i < prompts; i++) parts.push(`#### check part ${i}  \n\nDone.\n\n`)
  return write(dir, parts)
}

/** `sessions` Aider sessions of one prompt each, a minute apart, in `dir`. */
export function writeManySessions(dir, sessions) {
  const parts = []
  for (let i = 0; i < sessions; i++) parts.push(started(i), `#### check part ${i}  \n\nDone.\n\n`)
  return write(dir, parts)
}
