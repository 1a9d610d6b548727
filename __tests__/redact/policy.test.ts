import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { redactReport } from '../../src/redact/policy.js'
import { selectReport } from '../../src/select/select.js'
import { fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'

// Assembled at run time so this file holds no contiguous token.
const GH = 'ghp_' + 'R4nd0mT0k3nV4lu3F0rT3st1ngOnly012345'
const EMAIL = 'jane.doe' + '@example-corp.com'
const SRC = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')

let r: Ingested
let dir: string
beforeAll(async () => {
  dir = tmpDir()
  const text = SRC.replaceAll('/home/dev/projects/demo', '/home/janedoe/projects/demo')
    .replaceAll(
      '"Refactor the parser so it streams input"',
      JSON.stringify(`Refactor the parser; my token is ${GH}, mail ${EMAIL} [redact]Acme deal[/redact] ok`)
    )
    .replace('"Also add a test"', JSON.stringify('[private] about the Acme contract'))
    .replace('cat src/parser.ts', `curl -H 'Authorization: token ${GH}' https://api.github.com`)
  writeFileSync(join(dir, 'rollout-x-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), text)
  r = await ingestFresh([dir])
})
afterAll(() => {
  r.close()
  rmSync(dir, { recursive: true, force: true })
})

const now = new Date('2026-04-01T12:00:00Z')
const full = () => selectReport(r.db, { mode: 'full', now })

describe('redacting the report', () => {
  it('removes secrets and personal data from every field and counts them by detector', () => {
    const { report, records } = redactReport(full(), parseConfig('', 'x.yml'), null)
    const out = JSON.stringify(report)
    expect(out).not.toContain(GH)
    expect(out).not.toContain(EMAIL)
    expect(out).not.toContain('janedoe')
    expect(out).not.toContain('Acme')
    const s = report.sessions[0]
    expect(s.turns[0].prompt?.text).toMatch(/^Refactor the parser; my token is \[REDACTED:github-token\], mail \[REDACTED:email#1\] \[REDACTED:marker\] ok$/)
    expect(s.turns[1].prompt).toMatchObject({ text: '', private: true })
    expect(report.redactions.by_detector['github-token']).toBeGreaterThanOrEqual(2)
    expect(report.redactions.by_detector.marker).toBe(1)
    expect(report.redactions.total).toBe(records.reduce((a, x) => a + x.count, 0))
    // Hashed identifiers stay tellable apart and stable.
    const again = redactReport(full(), parseConfig('', 'x.yml'), null).report
    expect(JSON.stringify(again)).toBe(out)
  })

  it("redacts the scope's label and each session's reasons like the fields they come from", () => {
    const base = full()
    const scoped = {
      ...base,
      scope: { kind: 'pr' as const, label: `branch fix/${EMAIL}` },
      sessions: base.sessions.map((s) => ({
        ...s,
        scope_reasons: [
          { kind: 'workflow' as const, path: '/home/janedoe/job/exec.jsonl' },
          { kind: 'branch' as const, branch: `fix/${EMAIL}` }
        ]
      }))
    }
    const { report } = redactReport(scoped, parseConfig('', 'x.yml'), null)
    const out = JSON.stringify({ scope: report.scope, reasons: report.sessions.map((s) => s.scope_reasons) })
    expect(out).not.toContain(EMAIL)
    expect(out).not.toContain('janedoe')
    expect(report.scope.label).toMatch(/^branch fix\/\[REDACTED:email/)
    expect(report.sessions[0].scope_reasons[0]).toEqual({ kind: 'workflow', path: expect.stringContaining('/job/exec.jsonl') })
  })

  it('keeps ordinary paths, hashes and ids readable', () => {
    const { report } = redactReport(full(), parseConfig('', 'x.yml'), null)
    const s = report.sessions[0]
    expect(s.files_touched).toEqual(['src/parser.test.ts', 'src/parser.ts'])
    expect(s.commit).toBe('3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d')
    expect(s.id).toBe('0199a1b2-0000-7000-8000-00000000c0de')
  })

  it('applies per-field policies: drop, hash, truncate', () => {
    const cfg = parseConfig('fields:\n  reasoning: drop\n  tool_output: { truncate: 10 }\n  assistant: hash\n', 'x.yml')
    const { report } = redactReport(full(), cfg, null)
    const actions = report.sessions[0].turns[0].actions
    expect(actions.filter((a) => a.kind === 'reasoning').every((a) => a.text === null)).toBe(true)
    const shell = actions.find((a) => a.kind === 'tool_call' && a.output)
    expect(shell?.output).toMatch(/^.{10} … \(truncated by policy, \d+ more characters\)$/)
    expect(actions.find((a) => a.kind === 'assistant_message')?.text).toMatch(/^\[hash#\d+\]$/)
  })

  it("redacts a session's title as free text, follows the prompt's policy, and drops it in metadata-only", () => {
    const titled = () => {
      const rep = full()
      return { ...rep, sessions: rep.sessions.map((s) => ({ ...s, title: `Fix login for ${EMAIL} with ${GH}` })) }
    }
    const { report } = redactReport(titled(), parseConfig('', 'x.yml'), null)
    expect(report.sessions[0].title).toMatch(/^Fix login for \[REDACTED:email#1\] with \[REDACTED:github-token\]$/)
    expect(redactReport(titled(), parseConfig('fields:\n  prompt: drop\n', 'x.yml'), null).report.sessions[0].title).toBeNull()
    expect(redactReport(titled(), parseConfig('preset: metadata-only\n', 'x.yml'), null).report.sessions[0].title).toBeNull()
  })

  it('metadata-only keeps counts, tool names and first words, and no text', () => {
    const { report } = redactReport(full(), parseConfig('preset: metadata-only\n', 'x.yml'), null)
    const s = report.sessions[0]
    expect(s.prompts).toBe(2)
    expect(s.turns[0].prompt?.text).toBe('')
    expect(s.cwd).toMatch(/^\[hash#\d+\]$/)
    const calls = s.turns[0].actions
    expect(calls.every((a) => a.kind === 'tool_call' && a.arguments === null && a.output === null)).toBe(true)
    expect(calls.map((a) => a.text)).toContain('curl')
    expect(JSON.stringify(report)).not.toContain('Refactor')
  })

  it('applies a manual override with its provenance', () => {
    const cfg = parseConfig(
      'overrides:\n  - session: 0199a1b2\n    prompt: 1\n    replacement: "(removed by request)"\n    actor: alice\n    date: 2026-03-05\n    reason: customer name\n',
      'x.yml'
    )
    const { report, records } = redactReport(full(), cfg)
    expect(report.sessions[0].turns[0].prompt?.text).toBe('(removed by request)')
    expect(records).toContainEqual(expect.objectContaining({ detector: 'override:alice', actor: 'alice', reason: 'customer name', field: 'prompt' }))
  })

  it('user rules with custom replacements and field scopes', () => {
    const cfg = parseConfig('rules:\n  - id: parser\n    words: [parser]\n    replacement: "[COMPONENT]"\n    fields: [prompt]\n', 'x.yml')
    const { report } = redactReport(full(), cfg, null)
    expect(report.sessions[0].turns[0].prompt?.text).toMatch(/^Refactor the \[COMPONENT\];/)
    expect(report.sessions[0].files_touched).toContain('src/parser.ts')
  })
})
