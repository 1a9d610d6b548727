import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { parseConfig } from '../../src/config/load.js'
import { addRuleText } from '../../src/review/rules-file.js'
import { COMMENTED_RULES } from './fixture.js'

const rulesOf = (text: string) => parseConfig(text, 'test.yml').rules

describe('adding a rule to the rules file', () => {
  it('inserts the entry after the last rule and keeps every other byte, comments included', () => {
    const out = addRuleText(COMMENTED_RULES, { value: 'Globex', id: 'client-2' })
    const at = COMMENTED_RULES.indexOf('# allow-list below')
    const entry = '  - id: client-2\n    literals:\n      - Globex\n'
    expect(out).toBe(COMMENTED_RULES.slice(0, at) + entry + COMMENTED_RULES.slice(at))
    expect(rulesOf(out).map((r) => r.id)).toEqual(['client', 'ticket', 'client-2'])
  })

  it('keeps a comment at the end of the last rule line on that line', () => {
    const text = 'rules:\n- id: a\n  literals: [x] # why x\n# next\nkeys: []\n'
    const out = addRuleText(text, { value: 'y' })
    expect(out).toBe('rules:\n- id: a\n  literals: [x] # why x\n- id: review\n  literals:\n    - y\n# next\nkeys: []\n')
  })

  it('quotes a value YAML would read as something else, and the rule matches it exactly', () => {
    for (const value of ['yes', '123', '- dash', 'a: b', '#hash', 'it\'s "quoted"', 'line\nbreak', '  padded  ', '*alias', '{x}']) {
      const out = addRuleText(COMMENTED_RULES, { value })
      expect(rulesOf(out).at(-1)).toEqual({ id: 'review', literals: [value] })
      expect(out.startsWith(COMMENTED_RULES.slice(0, COMMENTED_RULES.indexOf('# allow-list below')))).toBe(true)
    }
  })

  it('adds a rules list to a file without one, and writes a file that did not exist', () => {
    const noRules = '# only allow entries\nallow:\n  literals: [ok]  # fine\n'
    const out = addRuleText(noRules, { value: 'Initech' })
    expect(out.startsWith(noRules)).toBe(true)
    expect(rulesOf(out)).toEqual([{ id: 'review', literals: ['Initech'] }])
    expect(parse(addRuleText('', { value: 'Initech' }))).toEqual({ rules: [{ id: 'review', literals: ['Initech'] }] })
    expect(addRuleText('version: 1', { value: 'v' })).toBe('version: 1\nrules:\n  - id: review\n    literals:\n      - v\n')
  })

  it('edits a flow list or an empty rules key through the Document, keeping the comments', () => {
    const flow = '# top\nrules: [] # none yet\nkeys: [pw] # extra\n'
    const out = addRuleText(flow, { value: 'Umbrella' })
    expect(rulesOf(out)).toEqual([{ id: 'review', literals: ['Umbrella'] }])
    expect(out).toContain('# top')
    expect(out).toContain('# extra')
    const empty = 'rules:\n# later\nkeys: []\n'
    expect(rulesOf(addRuleText(empty, { value: 'Umbrella' }))).toEqual([{ id: 'review', literals: ['Umbrella'] }])
  })

  it('writes a secret-looking value as a hashed literal, never in clear', () => {
    // Assembled at run time so this file holds no contiguous token.
    const token = 'ghp_' + 'R4nd0mT0k3nV4lu3F0rT3st1ngOnly012345'
    const out = addRuleText(COMMENTED_RULES, { value: token, id: 'leaked' })
    expect(out).not.toContain(token.slice(4))
    expect(rulesOf(out).at(-1)).toEqual({
      id: 'leaked',
      hashed: [{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), salt: expect.any(String), length: token.length }]
    })
  })

  it('refuses a bad rule id, an empty value, a selection holding a redaction marker, and a file that is not valid YAML, changing nothing', () => {
    expect(() => addRuleText(COMMENTED_RULES, { value: 'x', id: 'no spaces' })).toThrow()
    expect(() => addRuleText(COMMENTED_RULES, { value: '' })).toThrow()
    expect(() => addRuleText('rules: [\n', { value: 'x' })).toThrow()
    expect(() => addRuleText(COMMENTED_RULES, { value: 'key [REDACTED:home-path#1] here' })).toThrow(/redaction marker/)
  })
})
