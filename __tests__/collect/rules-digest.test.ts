import { describe, expect, it } from '@jest/globals'
import { rulesDigest } from '../../src/collect/rules-digest.js'
import { parseConfig } from '../../src/config/load.js'

const file = (source: string) => ({ source, load: async () => parseConfig(source, 'rules.yml') })

describe('rulesDigest', () => {
  it('changes with the rules text and with the redaction key, and holds neither', () => {
    const key = 'team-secret-redaction-key-value'
    const plain = rulesDigest(file(''), {})
    expect(rulesDigest(file(''), {})).toBe(plain)
    expect(rulesDigest(file('rules: []\n'), {})).not.toBe(plain)
    const keyed = rulesDigest(file(''), { AI_LOG_TRAIL_REDACTION_KEY: key })
    expect(keyed).not.toBe(plain)
    expect(rulesDigest(file(''), { AI_LOG_TRAIL_REDACTION_KEY: 'another-key' })).not.toBe(keyed)
    expect(keyed).not.toContain(key)
  })

  it('tells a loaded config by its content', () => {
    expect(rulesDigest(parseConfig('', 'a.yml'), {})).toBe(rulesDigest(parseConfig('', 'b.yml'), {}))
    expect(rulesDigest(parseConfig('rules:\n  - id: x\n    literals: [ACME]\n', 'a.yml'), {})).not.toBe(rulesDigest(parseConfig('', 'a.yml'), {}))
  })
})
