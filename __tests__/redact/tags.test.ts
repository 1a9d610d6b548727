import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { ConfigSchema } from '../../src/config/schema.js'
import { engineOptions } from '../../src/redact/engine-options.js'
import { redactLine, redactText } from '../../src/redact/engine.js'
import { IdentifierTags, REDACTION_KEY_ENV, redactionKey } from '../../src/redact/hash.js'

// Assembled at run time: test keys, not secrets.
const KEY_A = ['alt-test-key', 'A-5b1f'].join('-')
const KEY_B = ['alt-test-key', 'B-93c0'].join('-')
const ANA = 'ana.silva' + '@corp-mail.io'
const BEN = 'ben.okafor' + '@corp-mail.io'
const config = ConfigSchema.parse({})

/** One report's worth of redaction: one set of engine options, as redactReport and redactFiles make. */
function report(texts: string[], key?: string): string[] {
  const opts = engineOptions(config, new IdentifierTags(key))('prompt')
  return texts.map((t) => redactText(t, opts).text)
}

const tagOf = (text: string): string[] => [...text.matchAll(/\[REDACTED:email([^\]]*)\]/g)].map((m) => m[1])
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

describe('identifier tags without a key', () => {
  it('number distinct values in order of first appearance, the same value keeping its number', () => {
    const out = report([`mail ${BEN}`, `cc ${ANA} and ${BEN.toUpperCase()}`, `again ${ANA}`])
    expect(out).toEqual(['mail [REDACTED:email#1]', 'cc [REDACTED:email#2] and [REDACTED:email#1]', 'again [REDACTED:email#2]'])
  })

  it('start again in every report, and number the same input the same way', () => {
    expect(report([`to ${ANA}`])).toEqual(['to [REDACTED:email#1]'])
    expect(report([`to ${BEN}`, `to ${ANA}`])).toEqual(report([`to ${BEN}`, `to ${ANA}`]))
  })

  it('number home-directory user names apart from e-mails', () => {
    expect(report([`${ANA} in /home/anasilva/app and /home/bokafor/app, /home/anasilva/x`])).toEqual([
      '[REDACTED:email#1] in /home/[REDACTED:home-path#1]/app and /home/[REDACTED:home-path#2]/app, /home/[REDACTED:home-path#1]/x'
    ])
  })

  it('reach JSON values through the same options', () => {
    const opts = engineOptions(config, new IdentifierTags())('tool_output')
    const line = redactLine(JSON.stringify({ a: ANA, b: [BEN, ANA] }), opts).line
    expect(JSON.parse(line)).toEqual({ a: '[REDACTED:email#1]', b: ['[REDACTED:email#2]', '[REDACTED:email#1]'] })
  })
})

describe('identifier tags with a key', () => {
  it('give the same value the same tag within a report and across reports', () => {
    const [first] = report([`mail ${ANA} and ${ANA.toUpperCase()}`], KEY_A)
    const [second] = report([`someone else ${BEN}`, `then ${ANA}`], KEY_A).slice(1)
    const [a1, a2] = tagOf(first)
    expect(a1).toMatch(/^:[0-9a-f]{10}$/)
    expect(a2).toBe(a1)
    expect(tagOf(second)).toEqual([a1])
    expect(tagOf(report([`mail ${BEN}`], KEY_A)[0])).not.toEqual([a1])
  })

  it('give a different tag under a different key', () => {
    expect(tagOf(report([ANA], KEY_A)[0])).not.toEqual(tagOf(report([ANA], KEY_B)[0]))
  })

  it('never equal a prefix of the plain SHA-256 of the value', () => {
    for (const value of [ANA, BEN]) {
      for (const key of [KEY_A, KEY_B]) {
        const hex = tagOf(report([value], key)[0])[0].slice(1)
        for (const plain of [sha256(value), sha256(value.toLowerCase())]) expect(plain.startsWith(hex)).toBe(false)
      }
      const numbered = tagOf(report([value])[0])[0]
      expect(numbered).toBe('#1')
    }
  })

  it('hash whole fields the same way', () => {
    const keyed = new IdentifierTags(KEY_A)
    expect(keyed.hashed('/home/ana/app')).toMatch(/^\[hash:[0-9a-f]{10}\]$/)
    expect(keyed.hashed('/home/ana/app')).toBe(new IdentifierTags(KEY_A).hashed('/home/ana/app'))
    expect(keyed.hashed('/home/ana/app').slice(6, 16)).not.toBe(sha256('/home/ana/app').slice(0, 10))
    const numbered = new IdentifierTags()
    expect([numbered.hashed('x'), numbered.hashed('y'), numbered.hashed('x')]).toEqual(['[hash#1]', '[hash#2]', '[hash#1]'])
  })
})

describe('the redaction key', () => {
  it(`is read from ${REDACTION_KEY_ENV}; empty means none`, () => {
    expect(redactionKey({ [REDACTION_KEY_ENV]: KEY_A })).toBe(KEY_A)
    expect(redactionKey({ [REDACTION_KEY_ENV]: '  ' })).toBeUndefined()
    expect(redactionKey({})).toBeUndefined()
  })

  it('is what engineOptions uses by default', () => {
    const saved = process.env[REDACTION_KEY_ENV]
    try {
      process.env[REDACTION_KEY_ENV] = KEY_A
      const viaEnv = redactText(ANA, engineOptions(config)('prompt')).text
      expect(viaEnv).toBe(report([ANA], KEY_A)[0])
      delete process.env[REDACTION_KEY_ENV]
      expect(redactText(ANA, engineOptions(config)('prompt')).text).toBe('[REDACTED:email#1]')
    } finally {
      if (saved === undefined) delete process.env[REDACTION_KEY_ENV]
      else process.env[REDACTION_KEY_ENV] = saved
    }
  })
})
