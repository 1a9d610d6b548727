import { describe, expect, it } from '@jest/globals'
import { problemAnnotations } from '../../src/action/annotations.js'
import { parseConfig } from '../../src/config/load.js'
import { an } from '../../src/redact/detectors/providers/fake.js'

describe("the step's warnings for ingest problems", () => {
  const token = 'ghp_' + an(36)
  // A reason that quotes the log's own text, as a parser's message may.
  const reason = `could not parse gemini-cli-session document: Unexpected token 'G', "GITHUB_TOKEN=${token}" is not valid JSON`

  it('redacts what a reason quotes from a log before it reaches the published workflow log', () => {
    expect(reason).toContain(token)
    const [a] = problemAnnotations([{ file: '/logs/session.json', line: 3, reason }], parseConfig('', 'rules.yml'))
    expect(a.message).not.toContain(token)
    expect(a.message).toContain('[REDACTED:github-token')
    expect(a).toMatchObject({ file: '/logs/session.json', line: 3 })
  })

  it('keeps a reason with nothing secret as it is, and lists at most the first hundred', () => {
    const errors = Array.from({ length: 150 }, (_, i) => ({ file: 'f.jsonl', line: i + 1, reason: 'malformed JSON' }))
    const out = problemAnnotations(errors, parseConfig('', 'rules.yml'))
    expect(out).toHaveLength(100)
    expect(out[0]).toEqual({ message: 'malformed JSON', file: 'f.jsonl', line: 1 })
  })
})
