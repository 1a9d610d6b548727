import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigSchema } from '../../src/config/schema.js'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { engineOptions } from '../../src/redact/engine-options.js'
import { redactMarkedLine } from '../../src/redact/marked-line.js'
import { PREFIXED_TOKEN_DETECTORS } from '../../src/redact/structure.js'
import { fixtures, samples } from '../helpers.js'

/**
 * Structure is never touched: every identifier that chains a session log together comes out of
 * `ai-log-trail redact` as it went in, line for line, in every Claude Code and Codex log we have
 * (the repository's fixtures, self-written; and the real samples under ../shared when present).
 */
const opts = engineOptions(ConfigSchema.parse({}))('tool_output')
const ID_KEYS = new Set(['uuid', 'parentUuid', 'leafUuid', 'sessionId', 'session_id', 'call_id', 'tool_use_id', 'toolUseID', 'requestId', 'id'])

function logFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  if (!statSync(dir).isDirectory()) return /\.jsonl?$/.test(dir) ? [dir] : []
  return readdirSync(dir).flatMap((f) => logFiles(join(dir, f)))
}

/** Every identifier of a decoded line with where it sits, in document order. */
function identifiers(value: unknown, path = '$', out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => identifiers(v, `${path}[${i}]`, out))
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (ID_KEYS.has(k) && typeof v === 'string') out.push(`${path}.${k}=${v}`)
      identifiers(v, `${path}.${k}`, out)
    }
  }
  return out
}

/** The chain of a Claude Code transcript: each message's parent, by uuid. */
function chain(lines: unknown[]): string[] {
  return lines.flatMap((l) => {
    const o = l as { uuid?: unknown; parentUuid?: unknown }
    return typeof o?.uuid === 'string' ? [`${String(o.parentUuid)}->${o.uuid}`] : []
  })
}

function redactedLines(file: string): { before: unknown[]; after: unknown[] } {
  const before: unknown[] = []
  const after: unknown[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      continue
    }
    before.push(parsed)
    after.push(JSON.parse(redactMarkedLine(line, opts).line))
  }
  return { before, after }
}

const sources: [string, string[]][] = [
  ['fixtures (self-written)', [...logFiles(join(fixtures, 'claude-code')), ...logFiles(join(fixtures, 'codex'))]],
  ['samples (real)', [...logFiles(join(samples, 'claude-code')), ...logFiles(join(samples, 'codex'))]]
]

describe.each(sources)('identifiers survive redaction: %s', (_name, files) => {
  const run = files.length > 0 ? it : it.skip
  run('keeps every uuid, parentUuid, sessionId, call_id and tool_use_id, line for line, and the chain they build', () => {
    let checked = 0
    for (const file of files) {
      const { before, after } = redactedLines(file)
      expect(after.length).toBe(before.length)
      for (let i = 0; i < before.length; i++) {
        const want = identifiers(before[i])
        checked += want.length
        expect({ file, line: i + 1, ids: identifiers(after[i]) }).toEqual({ file, line: i + 1, ids: want })
      }
      expect(chain(after)).toEqual(chain(before))
    }
    expect(checked).toBeGreaterThan(0)
  })
})

describe('structural fields', () => {
  // Digit groups of these UUIDs pass Luhn with a card issuer's prefix: the card detector found them.
  const LUHN_UUIDS = ['40462244-4420-4022-9608-224686006246', '9f8e4532-0151-1283-0366-5d4c3b2a1f0e']
  // Assembled at run time so no scanner flags this file.
  const GH = 'ghp_' + 'Q7vK2mR9xL4tW8nB3pZ6cY1dF5hJ0sA2eG7u'

  it('leaves identifiers whose digits look like a card number intact, under a key and in text', () => {
    const line = JSON.stringify({
      parentUuid: LUHN_UUIDS[0],
      uuid: LUHN_UUIDS[1],
      sessionId: LUHN_UUIDS[0],
      message: { id: 'msg_4111111111111111', content: `resumed ${LUHN_UUIDS[1]}` }
    })
    expect(redactMarkedLine(line, opts)).toEqual({ line, findings: [] })
  })

  it('still redacts a real prefixed token placed in a structural field', () => {
    const r = redactMarkedLine(JSON.stringify({ type: 'function_call_output', call_id: GH, tool_use_id: `toolu_${GH}` }), opts)
    expect(r.line).not.toContain(GH)
    expect(r.findings.map((f) => f.detector)).toEqual(['github-token', 'github-token'])
  })

  it('redacts a structural key whose value is not shaped like an identifier', () => {
    const r = redactMarkedLine(JSON.stringify({ id: 'jana.novak@corp.io', sessionId: 'call me on +44 20 7946 0958' }), opts)
    expect(r.findings.map((f) => f.detector).sort()).toEqual(['email', 'phone'])
  })

  it('names only detectors that exist and match a fixed prefix', () => {
    const ids = new Set(builtinDetectors.map((d) => d.id))
    for (const id of PREFIXED_TOKEN_DETECTORS) expect(ids.has(id) ? id : `missing ${id}`).toBe(id)
  })
})
