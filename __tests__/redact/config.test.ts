import { describe, expect, it } from '@jest/globals'
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js'
import { engineOptions } from '../../src/redact/engine-options.js'
import { redactText } from '../../src/redact/engine.js'
import { detectorsFor, ruleDetector, RuleError } from '../../src/redact/rules.js'
import { cpuMs, HANG_GUARD_MS, tmpDir } from '../helpers.js'

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
    expect(problems('rules:\n  - id: x\n')).toEqual(['rules.yml:2:5: rules.0: a rule needs exactly one of pattern, literals, words or hashed'])
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
    const { ms, value } = cpuMs(() => d.find('a'.repeat(200_000) + 'c'))
    expect(value).toEqual([])
    expect(ms).toBeLessThan(HANG_GUARD_MS)
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

describe('every user pattern is compiled once, on RE2, and placed in the file (issue #13)', () => {
  it('an allow pattern that backtracks catastrophically in JavaScript runs in linear time', () => {
    // The rule finds the long run of a's; the allow pattern is then tried on it.
    const config = parseConfig("rules:\n  - id: run\n    pattern: 'a{20,}@x'\nallow:\n  patterns: ['^(a+)+$']\n", 'rules.yml')
    const opts = engineOptions(config)('tool_output')
    // A backtracking engine takes 2^40 steps on this: it would never return.
    const text = 'a'.repeat(40) + '@x'
    const { ms, value } = cpuMs(() => redactText(text, opts).text)
    expect(value).toBe('[REDACTED:run]')
    expect(ms).toBeLessThan(HANG_GUARD_MS)
  })

  it('an allow pattern with RE2-only syntax such as (?i) is valid and applies at run time', () => {
    const config = parseConfig("rules:\n  - id: ticket\n    pattern: 'TICKET-[0-9]+'\nallow:\n  patterns: ['(?i)^ticket-0+$']\n", 'rules.yml')
    const opts = engineOptions(config)('tool_output')
    expect(redactText('see TICKET-000 and TICKET-123', opts).text).toBe('see TICKET-000 and [REDACTED:ticket]')
  })

  it('a pattern RE2 cannot run is reported at the line and column of its scalar', () => {
    expect(problems("allow:\n  patterns:\n    - 'ok'\n    - '(a)\\1'\n")).toEqual([
      expect.stringMatching(/^rules\.yml:4:7: allow\.patterns\.1: .*invalid escape sequence.*RE2 syntax/)
    ])
    expect(problems('rules:\n  - id: look\n    pattern: "foo(?=bar)"\n')).toEqual([expect.stringMatching(/^rules\.yml:3:14: rules\.0\.pattern: .*RE2 syntax/)])
  })

  it('an allow pattern that matches the empty string would allow every value, so it is refused', () => {
    expect(problems('allow:\n  patterns: [".*"]\n')).toEqual([
      'rules.yml:2:14: allow.patterns.0: the pattern matches the empty string, so it would match everywhere'
    ])
  })

  it('reports the position of an error in a nested value', () => {
    expect(
      problems('overrides:\n  - session: abcd\n    prompt: 1\n    event: 2\n    replacement: x\n    actor: a\n    date: 2026-01-01\n    reason: r\n')
    ).toEqual(['rules.yml:2:5: overrides.0: an override names either a prompt number or an event id'])
    expect(problems('defaults:\n  batch_size: -3\n')).toEqual([expect.stringMatching(/^rules\.yml:2:15: defaults\.batch_size: /)])
  })

  it('an alias bomb is one problem with a position, not a stack trace', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f']
    ])
      lines.push(
        `${name}: &${name} [${Array(9)
          .fill('*' + prev)
          .join(', ')}]`
      )
    expect(problems(lines.join('\n') + '\n')).toEqual([expect.stringMatching(/^rules\.yml:2:8: YAML: .*alias/i)])
  })

  it('a YAML error is one line with its position', () => {
    expect(problems('a: 1\n---\nb: 2\n')).toEqual(['rules.yml:2:1: Source contains multiple documents; please use YAML.parseAllDocuments()'])
  })

  it('a rules file that cannot be read is a config error, not a crash', () => {
    const dir = tmpDir('alt-cfg-')
    expect(() => loadConfig(dir)).toThrow(ConfigError)
    expect(() => loadConfig(dir)).toThrow(/:1:1: cannot read: EISDIR/)
  })
})
