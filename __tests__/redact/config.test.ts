import { describe, expect, it } from '@jest/globals'
import { ConfigError, loadConfig, parseConfig } from '../../src/redact/config.js'
import { detectorsFor, ruleDetector, RuleError } from '../../src/redact/rules.js'

function problems(text: string): string[] {
  try {
    parseConfig(text, 'rules.yml')
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)
    throw e
  }
  return []
}

describe('config file', () => {
  it('no file means the defaults', () => {
    const { config, file } = loadConfig(undefined, '/nonexistent-dir')
    expect(file).toBeNull()
    expect(config.preset).toBe('redacted')
    expect(config.packs).toEqual({ secrets: true, pii: true, paths: true })
  })

  it('a file named explicitly must exist', () => {
    expect(() => loadConfig('/nope/rules.yml')).toThrow(/nope\/rules\.yml:1:1: file not found/)
  })

  it('names file, line and column of a typo in a key', () => {
    expect(problems('version: 1\npreset: redacted\nrulez:\n  - id: x\n')).toEqual(['rules.yml:3:1: unknown key "rulez"'])
    expect(problems('rules:\n  - id: clients\n    literals: [acme]\n    feilds: [prompt]\n')).toEqual(['rules.yml:4:5: rules.0: unknown key "feilds"'])
  })

  it('names file, line and column of a wrong value and says what was expected', () => {
    const [p] = problems('preset: everything\n')
    expect(p).toMatch(/^rules\.yml:1:9: preset: Invalid option: expected one of "redacted"\|"metadata-only"/)
    const [q] = problems('fields:\n  prompt: shred\n')
    expect(q).toMatch(/^rules\.yml:2:11: fields\.prompt: /)
    expect(problems('rules:\n  - id: x\n')).toEqual(['rules.yml:2:5: rules.0: a rule needs exactly one of pattern, literals or words'])
  })

  it('reports YAML syntax errors with their position', () => {
    const [p] = problems('rules:\n  - id: x\n   literals: [a\n')
    expect(p).toMatch(/^rules\.yml:\d+:\d+: /)
  })

  it('parses a complete example', () => {
    const c = parseConfig(
      `version: 1
preset: redacted
packs:
  pii: { disable: [ipv4] }
rules:
  - id: client-names
    words: [Acme, Globex]
    replacement: "[CLIENT]"
  - id: ticket
    pattern: 'TICKET-\\d{4,}'
    fields: [prompt]
keys: [x-internal-token]
allow:
  literals: [support@example.com]
fields:
  tool_output: { truncate: 2000 }
  reasoning: drop
overrides:
  - session: 0199a1b2
    prompt: 2
    replacement: "(prompt removed)"
    actor: alice
    date: 2026-03-05
    reason: names a customer
defaults:
  timezone: Europe/Paris
pricing:
  my-model: { input: 1, output: 2 }
`,
      'x.yml'
    )
    expect(c.rules.map((r) => r.id)).toEqual(['client-names', 'ticket'])
    expect(c.overrides[0].date).toBe('2026-03-05')
    expect(c.fields.tool_output).toEqual({ truncate: 2000 })
    const set = detectorsFor(c)
    expect(set.ids).not.toContain('ipv4')
    expect(set.ids).toEqual(expect.arrayContaining(['client-names', 'ticket', 'config-key', 'email']))
    expect(set.forField('prompt').map((d) => d.id)).toContain('ticket')
    expect(set.forField('tool_output').map((d) => d.id)).not.toContain('ticket')
  })
})

describe('user rules run in linear time or are rejected', () => {
  it('rejects backreferences and lookaround with a clear error', () => {
    expect(() => ruleDetector({ id: 'bad', pattern: '(a)\\1' })).toThrow(RuleError)
    expect(() => ruleDetector({ id: 'bad', pattern: 'foo(?=bar)' })).toThrow(/rule "bad": .*RE2/)
    expect(() => ruleDetector({ id: 'empty', pattern: 'x*' })).toThrow(/matches the empty string/)
  })

  it('a catastrophic pattern for a backtracking engine finishes at once', () => {
    const d = ruleDetector({ id: 'evil', pattern: '(a+)+b' })
    const t0 = Date.now()
    expect(d.find('a'.repeat(200_000) + 'c')).toEqual([])
    expect(Date.now() - t0).toBeLessThan(2000)
  })

  it('literals and words match case-insensitively; words only as whole words', () => {
    const lit = ruleDetector({ id: 'hosts', literals: ['db.internal.example'] })
    expect(lit.find('connect to DB.internal.example:5432').map((f) => f.start)).toEqual([11])
    const words = ruleDetector({ id: 'clients', words: ['Acme'] })
    expect(words.find('Acme and acmeCorp and ACME').length).toBe(2)
  })

  it('scans values longer than its window without missing a match on the seam', () => {
    const d = ruleDetector({ id: 'tok', pattern: 'SEAM-[0-9]{6}' })
    const text = 'x'.repeat(256 * 1024 - 5) + 'SEAM-123456' + 'y'.repeat(1000)
    expect(d.find(text).map((f) => text.slice(f.start, f.end))).toContain('SEAM-123456')
  })
})
