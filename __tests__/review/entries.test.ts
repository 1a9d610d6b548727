import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { findHashed, hashLiteral } from '../../src/redact/hashed-literal.js'
import { redactReport } from '../../src/redact/policy.js'
import { selectReport } from '../../src/select/select.js'
import { fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'

/*
 * The rules file's review entries as a report applies them: find-overrides (plain and hashed),
 * per-detector allow entries and private sessions and prompts. The log is the bundled Codex
 * example (self-written) with a token and an address planted in its first prompt.
 */

// Assembled at run time so this file holds no contiguous token.
const GH = 'ghp_' + 'R4nd0mT0k3nV4lu3F0rT3st1ngOnly012345'
const EMAIL = 'jane.doe' + '@example-corp.com'
const SESSION = '0199a1b2-0000-7000-8000-00000000c0de'
const SRC = readFileSync(join(fixtures, 'codex', `rollout-2026-03-03T11-00-00-${SESSION}.jsonl`), 'utf8')
const AUDIT = '    actor: alice\n    date: 2026-12-06\n    reason: review\n'

let r: Ingested
let dir: string
beforeAll(async () => {
  dir = tmpDir()
  const prompt = `Refactor the parser; token ${GH}, mail ${EMAIL}, client Initech`
  writeFileSync(join(dir, `rollout-x-${SESSION}.jsonl`), SRC.replaceAll('"Refactor the parser so it streams input"', JSON.stringify(prompt)))
  r = await ingestFresh([dir])
})
afterAll(() => {
  r.close()
  rmSync(dir, { recursive: true, force: true })
})

const report = (yaml: string) => redactReport(selectReport(r.db, { mode: 'full', now: new Date('2026-12-06T12:00:00Z') }), parseConfig(yaml, 'x.yml'), null)
const firstPrompt = (yaml: string) => report(yaml).report.sessions[0].turns[0].prompt?.text

describe('hashed literals', () => {
  it('are found at token boundaries only, and never hold the value', () => {
    const h = hashLiteral(GH)
    expect(JSON.stringify(h)).not.toContain(GH.slice(4))
    expect(h.length).toBe(GH.length)
    const text = `a ${GH} b "${GH}" x${GH}`
    const found = findHashed(text, h).map(([s, e]) => text.slice(s, e))
    expect(found).toEqual([GH, GH])
    expect(findHashed(text, hashLiteral(GH, 'ff'.repeat(16)))).toEqual(findHashed(text, h))
    expect(hashLiteral(GH).sha256).not.toBe(h.sha256)
  })
})

describe('rules of hashed literals', () => {
  it('redact the value everywhere it stands as a whole token, and not inside a longer one', () => {
    const h = hashLiteral(GH)
    const yaml = `rules:\n  - id: leaked\n    hashed:\n      - { sha256: "${h.sha256}", salt: "${h.salt}", length: ${h.length} }\n`
    const { report: rep } = report(yaml)
    const text = rep.sessions[0].turns[0].prompt?.text ?? ''
    expect(text).toContain('token [REDACTED:leaked], mail')
    expect(rep.redactions.by_detector.leaked).toBe(1)
    expect(() => parseConfig(`rules:\n  - id: x\n    literals: [a]\n    hashed: [{ sha256: "${h.sha256}", salt: "${h.salt}", length: 3 }]\n`, 'x.yml')).toThrow(
      /exactly one of pattern, literals, words or hashed/
    )
  })
})

describe('find-overrides: one text in one field', () => {
  it('replace a plain string in the named prompt only, with the default marker, and record it', () => {
    const { report: rep, records } = report(`overrides:\n  - session: 0199a1b2\n    prompt: 1\n    find: Initech\n${AUDIT}`)
    expect(rep.sessions[0].turns[0].prompt?.text).toMatch(/client \[REDACTED:override\]$/)
    expect(records).toContainEqual(expect.objectContaining({ detector: 'override:alice', field: 'prompt', count: 1, reason: 'review' }))
    // The rest of the field is still redacted by the detectors.
    expect(rep.sessions[0].turns[0].prompt?.text).toContain('[REDACTED:github-token]')
  })

  it('replace a hashed literal with its own replacement', () => {
    const h = hashLiteral('Initech')
    const yaml = `overrides:\n  - session: 0199a1b2\n    prompt: 1\n    find: { sha256: "${h.sha256}", salt: "${h.salt}", length: ${h.length} }\n    replacement: "[client]"\n${AUDIT}`
    expect(firstPrompt(yaml)).toMatch(/client \[client\]$/)
    // Another prompt of the session is untouched.
    expect(firstPrompt(yaml.replace('prompt: 1', 'prompt: 2'))).toMatch(/client Initech$/)
  })

  it('apply to a tool output of one event', () => {
    const base = report('').report.sessions[0]
    const out = base.turns.flatMap((t) => t.actions).find((a) => a.output?.includes('export function parse'))
    expect(out).toBeDefined()
    const yaml = `overrides:\n  - session: 0199a1b2\n    event: ${out!.event_id}\n    field: output\n    find: "function parse"\n${AUDIT}`
    const after = report(yaml)
      .report.sessions[0].turns.flatMap((t) => t.actions)
      .find((a) => a.event_id === out!.event_id)
    expect(after?.output).toContain('export [REDACTED:override]()')
  })

  it('are refused without find or replacement', () => {
    expect(() => parseConfig(`overrides:\n  - session: 0199a1b2\n    prompt: 1\n${AUDIT}`, 'x.yml')).toThrow(/needs a replacement/)
  })
})

describe('allow entries: a false positive of one detector', () => {
  it('keep the value from that detector only', () => {
    const kept = firstPrompt(`allow:\n  entries:\n    - detector: email\n      value: ${EMAIL}\n  ${AUDIT.replaceAll('\n    ', '\n      ')}`)
    expect(kept).toContain(EMAIL)
    expect(kept).toContain('[REDACTED:github-token]')
    const other = firstPrompt(`allow:\n  entries:\n    - detector: github-token\n      value: ${EMAIL}\n  ${AUDIT.replaceAll('\n    ', '\n      ')}`)
    expect(other).not.toContain(EMAIL)
  })

  it('take a pattern, and refuse one RE2 cannot run', () => {
    const kept = firstPrompt(`allow:\n  entries:\n    - detector: email\n      pattern: "@example-corp\\\\.com$"\n  ${AUDIT.replaceAll('\n    ', '\n      ')}`)
    expect(kept).toContain(EMAIL)
    expect(() => report(`allow:\n  entries:\n    - detector: email\n      pattern: "(?=x)"\n  ${AUDIT.replaceAll('\n    ', '\n      ')}`)).toThrow(
      /x.yml:4:16: allow.entries.0.pattern: .*RE2 syntax/
    )
  })
})

describe('private entries', () => {
  it('empty one prompt', () => {
    const { report: rep, records } = report(`private:\n  - session: 0199a1b2\n    prompt: 1\n${AUDIT}`)
    const s = rep.sessions[0]
    expect(s.turns[0].prompt).toMatchObject({ text: '', private: true })
    expect(s.turns[1].prompt?.private).toBe(false)
    expect(records).toContainEqual(expect.objectContaining({ detector: 'private', field: 'prompt', actor: 'alice' }))
  })

  it('empty a whole session and keep its counts', () => {
    const before = report('').report.sessions[0]
    const { report: rep } = report(`private:\n  - session: 0199a1b2\n${AUDIT}`)
    const s = rep.sessions[0]
    expect(s.turns.every((t) => t.prompt?.text === '' && t.prompt.private)).toBe(true)
    const actions = s.turns.flatMap((t) => t.actions)
    expect(actions.every((a) => a.text === null && a.arguments === null && a.output === null)).toBe(true)
    expect(actions.map((a) => a.name)).toEqual(before.turns.flatMap((t) => t.actions).map((a) => a.name))
    expect([s.prompts, s.tool_calls, s.tokens]).toEqual([before.prompts, before.tool_calls, before.tokens])
    expect(s.title).toBeNull()
    expect(JSON.stringify(s.turns)).not.toContain('Refactor')
  })
})
