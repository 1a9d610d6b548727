// Logs for measuring memory after the ingest (docs/performance.md, "Memory after the ingest"):
// Aider chat histories, the most compact format a session or a prompt can be written in (one
// `# aider chat started at` line opens a session, one `####` line is a prompt). Self-written.
// Usage: node scripts/bench/memory-corpora.js sessions <n> <folder>
//        node scripts/bench/memory-corpora.js prompts <n> <folder>
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const HEADER_TAIL = '\n> Aider v0.86.1  \n> Main model: anthropic/claude-sonnet-4-20250514 with diff edit format  \n\n'

/** `# aider chat started at` a minute apart from 2026-01-01, so every run is a session of its own. */
function runHeader(minute) {
  const t = new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString()
  return `\n# aider chat started at ${t.slice(0, 10)} ${t.slice(11, 19)}\n${HEADER_TAIL}`
}

/** One history of `sessions` runs of one prompt each. */
export function writeManySessions(folder, sessions) {
  const parts = []
  for (let i = 0; i < sessions; i++) parts.push(runHeader(i), `#### check part ${i}  \n\nDone.\n\n`)
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, '.aider.chat.history.md'), parts.join(''))
  return folder
}

/** One run of `prompts` prompts, each with a one-line reply. */
export function writeManyPrompts(folder, prompts) {
  const parts = [runHeader(0)]
  for (let i = 0; i < prompts; i++) parts.push(`#### check part ${i}  \n\nDone.\n\n`)
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, '.aider.chat.history.md'), parts.join(''))
  return folder
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [kind, n, folder] = process.argv.slice(2)
  if (kind === 'sessions') writeManySessions(folder, Number(n))
  else if (kind === 'prompts') writeManyPrompts(folder, Number(n))
  else throw new Error('usage: memory-corpora.js sessions|prompts <n> <folder>')
}
