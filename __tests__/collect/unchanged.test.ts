import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { collect } from '../../src/collect/collect.js'
import type { LazyConfig } from '../../src/collect/rules-digest.js'
import { parseConfig } from '../../src/config/load.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * `collect` on a history it has already copied answers from its record of the copies, without
 * loading the rules or redacting anything; whatever changed since (a log, a copy, the rules) is
 * redacted and copied again. One bundled Codex fixture, moved into a scratch repository, is the log.
 */
const root = tmpDir('alt-collect-unchanged-')
const repo = join(root, 'app')
const home = join(root, 'home')
const env = { env: {}, platform: 'linux' as const, home }
const id = '0199a1b2-0000-7000-8000-0000000000b1'
const log = join(home, '.codex/sessions/2026/03/03', `rollout-2026-03-03T11-00-00-${id}.jsonl`)
const copy = join(repo, '.ai-logs/codex', `${id}.jsonl`)
// Assembled here so the repository holds no token shape.
const token = 'gh' + 'p_' + 'Zq8Xw2Lr5Tn7Vb1Mc4Kd9Hf3Js6Pg0Ay2Ue8R'

/** A config read only when a copy has to be made, counting how often it was. */
function rules(text: string): LazyConfig & { loads: number } {
  const r = {
    source: text,
    loads: 0,
    load: async () => {
      r.loads++
      return parseConfig(text, 'rules.yml')
    }
  }
  return r
}

/** Sets a file's times an hour back, out of the second in which a log may still be changing unseen. */
function age(path: string): void {
  const t = new Date(Date.now() - 3600_000)
  utimesSync(path, t, t)
}

beforeAll(() => {
  mkdirSync(repo, { recursive: true })
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo })
  const text = readFileSync(join(fixtures, 'codex/rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
    .replaceAll('0199a1b2-0000-7000-8000-00000000c0de', id)
    .replaceAll('/home/dev/projects/demo', repo)
    .replace('Refactor the parser so it streams input', `Refactor the parser; push with ${token}`)
  mkdirSync(join(log, '..'), { recursive: true })
  writeFileSync(log, text)
  age(log)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('collect on an unchanged history', () => {
  const first = rules('')
  let made: Awaited<ReturnType<typeof collect>>

  it('makes the copy once, loading the rules', async () => {
    made = await collect({ repoDir: repo, config: first, env, all: true })
    expect(made.staged.map((f) => f.status)).toEqual(['new'])
    expect(first.loads).toBe(1)
    expect(readFileSync(copy, 'utf8')).not.toContain(token)
    expect(made.redactions).toBeGreaterThan(0)
  })

  it('then rewrites nothing and redacts nothing, and counts as the run that made the copy', async () => {
    const before = statSync(copy)
    const again = rules('')
    const r = await collect({ repoDir: repo, config: again, env, all: true })
    expect(r.staged.map((f) => f.status)).toEqual(['unchanged'])
    expect(again.loads).toBe(0)
    expect(statSync(copy).mtimeMs).toBe(before.mtimeMs)
    expect({ redactions: r.redactions, late: r.late }).toEqual({ redactions: made.redactions, late: made.late })
  })

  it('copies a log again that was rewritten in place, even with its size and modification time kept', async () => {
    const was = statSync(log)
    const text = readFileSync(log, 'utf8')
    expect(text).toContain('streams input')
    writeFileSync(log, text.replace('streams input', 'streams INPUT'))
    utimesSync(log, was.atime, was.mtime)
    expect(statSync(log).size).toBe(was.size)
    const r = await collect({ repoDir: repo, config: rules(''), env, all: true })
    expect(r.staged.map((f) => f.status)).toEqual(['updated'])
    expect(readFileSync(copy, 'utf8')).toContain('streams INPUT')
  })

  it('puts back a copy edited by hand, even with its modification time kept', async () => {
    const good = readFileSync(copy, 'utf8')
    const was = statSync(copy)
    writeFileSync(copy, good.replace('streams INPUT', 'streams inPUT'))
    utimesSync(copy, was.atime, was.mtime)
    const r = await collect({ repoDir: repo, config: rules(''), env, all: true })
    expect(r.staged.map((f) => f.status)).toEqual(['updated'])
    expect(readFileSync(copy, 'utf8')).toBe(good)
  })

  it('redacts every copy again by new rules', async () => {
    const r = await collect({ repoDir: repo, config: rules('rules:\n  - id: parser\n    words: [parser]\n    replacement: "[COMPONENT]"\n'), env, all: true })
    expect(r.staged.map((f) => f.status)).toEqual(['updated'])
    const text = readFileSync(copy, 'utf8')
    expect(text).toContain('[COMPONENT]')
    expect(text).not.toMatch(/\bparser\b/)
  })

  it('does not trust a record of a log that changed in the second it was read', async () => {
    writeFileSync(log, readFileSync(log, 'utf8'))
    // Its times a minute ahead: still within a second of any read, however long a loaded machine
    // takes to get to it (with the write's own time, a read more than a second later trusts it).
    const ahead = new Date(Date.now() + 60_000)
    utimesSync(log, ahead, ahead)
    const config = rules('')
    await collect({ repoDir: repo, config, env, all: true })
    const again = rules('')
    const r = await collect({ repoDir: repo, config: again, env, all: true })
    expect(r.staged.map((f) => f.status)).toEqual(['unchanged'])
    expect(again.loads).toBe(1)
  })

  it('with --dry-run records nothing: the next run still redacts what changed', async () => {
    age(log)
    const dry = rules('# dry run\n')
    expect((await collect({ repoDir: repo, config: dry, env, all: true, dryRun: true })).staged.map((f) => f.status)).toEqual(['unchanged'])
    const real = rules('# dry run\n')
    await collect({ repoDir: repo, config: real, env, all: true })
    expect(real.loads).toBe(1)
  })
})
