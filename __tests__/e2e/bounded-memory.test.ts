import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * Memory after the ingest does not grow with the logs (reliability issue #13, case 6). The
 * dry-run runs in a child whose old generation is capped far below what holding a log's every
 * turn takes, over logs generated on the fly (self-written). Runs lib/: `npm test` builds it first.
 */

const dir = tmpDir('alt-memory-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * One Aider session of `prompts` prompts, each with a one-line reply: the most compact format a
 * session can be written in (a prompt is one `####` line), so a hundred thousand fit in a few MB.
 */
function writeManyPrompts(folder: string, prompts: number): string {
  const parts = [
    '\n# aider chat started at 2026-01-01 00:00:00\n\n> Aider v0.86.1  \n> Main model: anthropic/claude-sonnet-4-20250514 with diff edit format  \n\n'
  ]
  for (let i = 0; i < prompts; i++) parts.push(`#### check part ${i}  \n\nDone.\n\n`)
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, '.aider.chat.history.md'), parts.join(''))
  return folder
}

function dryRun(logs: string, heapMb: number) {
  const out = join(dir, 'out')
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, join(repoRoot, 'bin', 'ai-log-trail.js'), 'dry-run', logs, '--db', join(dir, 'work.sqlite'), '--out', out, '--quiet'],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' }, timeout: 600_000 }
  )
  return { ...r, comment: () => readFileSync(join(out, 'comment.md'), 'utf8') }
}

describe('dry-run memory', () => {
  it('comments on one session of 130,000 prompts within a 64 MB heap', () => {
    // Before: every turn was held (and a list of every prompt overflowed the stack measuring it).
    const logs = writeManyPrompts(join(dir, 'prompts'), 130_000)
    const r = dryRun(logs, 64)
    if (r.status !== 0) throw new Error(`dry-run exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-4000)}`)
    const comment = r.comment()
    expect(comment).toContain('**130,000 prompts**')
    expect(comment.length).toBeLessThanOrEqual(65_536 - 1_024)
    // The first prompts are listed, the rest counted.
    expect(comment).toContain('check part 0')
    expect(comment).toMatch(/129,99\d more prompts/)
  })
})
