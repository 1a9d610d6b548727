import { describe, it, expect } from '@jest/globals'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { redactJson, redactLine } from '../../src/redact/engine.js'

/*
 * The walk copies only the containers on the way to a change and hands the others back as they
 * are. These lines hold changes first, last, deep, in keys and in nested JSON text, next to
 * containers without any, and a `__proto__` key (which a copy made by assignment drops): each
 * expected line is what the engine wrote when it copied every container. Self-written lines.
 */

const opts = { detectors: builtinDetectors }

describe('redactLine: containers copied only where something changed', () => {
  const cases: Array<[string, string, number]> = [
    ['{"__proto__":{"a":"x"},"b":"see /Users/alice/notes.txt"}', '{"b":"see /Users/[REDACTED:home-path]/notes.txt"}', 1],
    [
      '{"a":{"__proto__":"kept?","c":[1,2,{"d":"plain"}]},"b":["x","contact bob@corp-mail.io today",{"e":null}],"f":"plain"}',
      '{"a":{"c":[1,2,{"d":"plain"}]},"b":["x","contact [REDACTED:email] today",{"e":null}],"f":"plain"}',
      1
    ],
    [
      '{"k":"plain","/Users/alice/a.txt":"one","/Users/alice/b.txt":"two","/Users/[REDACTED:home-path]/a.txt":"three","z":[[["deep /home/bob/x"]]]}',
      '{"k":"plain","/Users/[REDACTED:home-path]/a.txt":"three","/Users/[REDACTED:home-path]/b.txt":"two","z":[[["deep /home/[REDACTED:home-path]/x"]]]}',
      3
    ],
    [
      '[{"a":"plain"},{"b":"plain"},"password=hunter2hunter2",{"c":["plain","plain"]}]',
      '[{"a":"plain"},{"b":"plain"},"password=[REDACTED:connection-string-password]",{"c":["plain","plain"]}]',
      1
    ],
    [
      '{"nested":"{\\"inner\\":{\\"k\\":\\"v\\"},\\"p\\":\\"/Users/alice/x\\"}","other":{"x":[true,false,null,1.5e300,-0]}}',
      '{"nested":"{\\"inner\\":{\\"k\\":\\"v\\"},\\"p\\":\\"/Users/[REDACTED:home-path]/x\\"}","other":{"x":[true,false,null,1.5e+300,0]}}',
      1
    ]
  ]

  it.each(cases)('%s', (line, expected, findings) => {
    const r = redactLine(line, opts)
    expect(r.line).toBe(expected)
    expect(r.findings).toHaveLength(findings)
  })

  it('leaves the value it was given as it was', () => {
    for (const [line] of cases) {
      const value: unknown = JSON.parse(line)
      const before = JSON.stringify(value)
      redactJson(value, opts)
      expect(JSON.stringify(value)).toBe(before)
    }
  })

  it('hands back the very value when nothing changed', () => {
    const value: unknown = JSON.parse('{"a":[{"b":"plain"}],"c":"plain"}')
    const r = redactJson(value, opts)
    expect(r.findings).toEqual([])
    expect(r.value).toBe(value)
  })
})
