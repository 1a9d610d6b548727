import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fixtures, repoRoot, samples } from '../helpers.js'
import { geminiSources } from '../../src/sources/gemini-cli/index.js'
import { qwenCode } from '../../src/sources/qwen-code/index.js'
import { recognize } from '../../src/sources/registry.js'
import type { Source } from '../../src/sources/types.js'
import { sniffInput } from './sniff-input.js'

/**
 * A file is taken for an agent only on that agent's own markers. Qwen Code's records share
 * Claude Code's envelope and Gemini CLI's parts, so both directions are checked over every
 * fixture (and the shared real samples when present), including fixtures added later.
 */
const NOT_LOGS = new Set(['records', 'redaction'])
const OWN: Record<string, Source[]> = { 'gemini-cli': [...geminiSources], 'qwen-code': [qwenCode] }

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name !== 'README.md' && e.name !== 'SOURCES.md')
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** Every sample log with the agent folder it sits in. */
function logs(): { path: string; agent: string }[] {
  const roots = [fixtures, samples].filter(existsSync)
  return roots.flatMap((root) =>
    readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !NOT_LOGS.has(d.name))
      .flatMap((d) => filesUnder(join(root, d.name)).map((path) => ({ path, agent: d.name })))
  )
}

const all = logs()
const rel = (p: string) => relative(repoRoot, p)
const claimedBy = (sources: Source[], path: string) => sources.filter((s) => s.mode !== 'database' && s.sniff(sniffInput(path))).map((s) => s.id)

describe('Gemini CLI and Qwen Code logs are recognized as their own agent only', () => {
  const own = all.filter((f) => f.agent in OWN)

  it('has fixtures of both agents', () => {
    expect(new Set(own.filter((f) => f.path.startsWith(fixtures)).map((f) => f.agent))).toEqual(new Set(['gemini-cli', 'qwen-code']))
  })

  it.each(own.map((f) => [rel(f.path), f] as const))('%s', (_name, f) => {
    expect(recognize(sniffInput(f.path))?.agent).toBe(f.agent)
    const others = Object.entries(OWN).flatMap(([agent, sources]) => (agent === f.agent ? [] : sources))
    expect(claimedBy(others, f.path)).toEqual([])
  })
})

describe('other agents’ logs are claimed by neither Gemini CLI nor Qwen Code', () => {
  const others = all.filter((f) => !(f.agent in OWN))

  it('covers Claude Code and Codex', () => {
    expect(others.some((f) => f.agent === 'claude-code')).toBe(true)
    expect(others.some((f) => f.agent === 'codex')).toBe(true)
  })

  it.each(others.map((f) => [rel(f.path), f] as const))('%s', (_name, f) => {
    expect(claimedBy([...geminiSources, qwenCode], f.path)).toEqual([])
  })
})
