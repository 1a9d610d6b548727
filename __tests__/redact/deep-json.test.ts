import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigSchema } from '../../src/config/schema.js'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { MAX_JSON_DEPTH, redactJson, redactLine, redactText } from '../../src/redact/engine.js'
import { redactFiles } from '../../src/redact/files.js'
import { redactMarkedLine } from '../../src/redact/marked-line.js'
import type { EngineOptions } from '../../src/redact/types.js'

const opts: EngineOptions = { detectors: builtinDetectors }
// Assembled at run time so no scanner flags this file.
const GH = 'ghp_' + 'Q7vK2mR9xL4tW8nB3pZ6cY1dF5hJ0sA2eG7u'
const SECRET_TEXT = `mail jana.novak@corp.io token ${GH}`

/** A tool call whose arguments nest `depth` arrays around one string: built as text, never by recursion. */
function deepLine(depth: number, inner = SECRET_TEXT): string {
  return `{"type":"function_call","call_id":"call_Rw6UXti2jJTqxCNZYdoSglbO","arguments":{"a":${'['.repeat(depth)}${JSON.stringify(inner)}${']'.repeat(depth)}}}`
}

function nesting(value: unknown): number {
  let depth = 0
  for (let v = value; v !== null && typeof v === 'object'; depth++) v = Array.isArray(v) ? v[0] : Object.values(v as object).at(-1)
  return depth
}

describe('JSON nested deeper than MAX_JSON_DEPTH', () => {
  it.each([1_500, 100_000])('a line nested %i deep is redacted, counted and still valid JSON', (depth) => {
    const line = deepLine(depth)
    const r = redactLine(line, opts)
    expect(r.line).not.toContain(GH)
    expect(r.line).not.toContain('jana.novak')
    expect(r.findings.map((f) => f.detector)).toEqual(['too-deep'])
    const back = JSON.parse(r.line) as { call_id: string; arguments: unknown }
    expect(back.call_id).toBe('call_Rw6UXti2jJTqxCNZYdoSglbO')
    expect(r.line).toContain('[REDACTED:too-deep]')
    expect(nesting(back.arguments)).toBeLessThanOrEqual(MAX_JSON_DEPTH)
  })

  it('keeps every level up to the limit and redacts strings there as usual', () => {
    const shallow = JSON.parse(deepLine(MAX_JSON_DEPTH - 3)) as unknown
    const r = redactJson(shallow, opts)
    expect(r.findings.map((f) => f.detector).sort()).toEqual(['email', 'github-token'])
    expect(JSON.stringify(r.value)).not.toContain('too-deep')
  })

  it('counts depth through JSON strings that hold JSON, so nesting cannot hide there', () => {
    // Three layers of JSON text, each of 90 arrays around the next: 270 levels in all.
    let inner: unknown = SECRET_TEXT
    for (let i = 0; i < 3; i++) inner = JSON.stringify(inner).replace(/^/, '['.repeat(90)) + ']'.repeat(90)
    const r = redactJson({ output: inner }, opts)
    expect(JSON.stringify(r.value)).not.toContain(GH.slice(4))
    expect(r.findings.some((f) => f.detector === 'too-deep')).toBe(true)
  })

  it.each([1_500, 100_000])('a deep line that is not JSON (cut short) falls back to text redaction at %i', (depth) => {
    const cut = deepLine(depth).slice(0, -1)
    const r = redactLine(cut, opts)
    expect(r.line).not.toContain(GH)
    expect(r.line).not.toContain('jana.novak')
    expect(redactText(cut, opts).text).toBe(r.line)
  })

  it.each([1_500, 100_000])('a deep line with a prompt marker is redacted too (%i)', (depth) => {
    const r = redactMarkedLine(deepLine(depth, `[redact]plan[/redact] ${SECRET_TEXT}`), opts)
    expect(r.line).not.toContain(GH)
    expect(r.findings.map((f) => f.detector)).toEqual(['too-deep'])
    expect(() => JSON.parse(r.line)).not.toThrow()
  })

  it('the redact command writes a deep line as valid, redacted JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deep-json-'))
    const input = join(dir, 'in', 'session.jsonl')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(join(dir, 'in'))
    writeFileSync(input, `${deepLine(100_000)}\n{"type":"message","text":"ok"}\n`)
    const result = await redactFiles([join(dir, 'in')], join(dir, 'out'), ConfigSchema.parse({}))
    const lines = readFileSync(join(dir, 'out', 'session.jsonl'), 'utf8').split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).not.toContain(GH)
    expect(() => JSON.parse(lines[0])).not.toThrow()
    expect(lines[1]).toBe('{"type":"message","text":"ok"}')
    expect(result.by_detector['too-deep']).toBe(1)
  })
})
