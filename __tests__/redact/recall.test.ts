import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { builtinDetectors, detectorIds } from '../../src/redact/detectors/index.js'
import { evaluateDetectors, formatEvaluation, type CleanCase, type PlantedCase } from '../../src/redact/evaluate.js'

function load<T>(name: string): T[] {
  return readFileSync(new URL(`../../fixtures/redaction/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T)
}

describe('planted / clean evaluation', () => {
  const planted = load<PlantedCase>('planted.jsonl')
  const clean = load<CleanCase>('clean.jsonl')
  const result = evaluateDetectors(planted, clean, { detectors: builtinDetectors })

  it('prints the recall / false-positive table', () => {
    console.log(formatEvaluation(result))
    expect(result.totalPlanted).toBe(planted.length)
  })

  it('plants every built-in detector', () => {
    // user-name is found only under a key (requesterUsername, login, ...), which plain text carriers do not have.
    expect(Object.keys(result.byKind).sort()).toEqual(detectorIds.filter((id) => id !== 'user-name').sort())
  })

  it('plants several cases per kind across carrier contexts', () => {
    for (const stats of Object.values(result.byKind)) expect(stats.planted).toBeGreaterThanOrEqual(4)
    const contexts = new Set(planted.map((p) => p.context ?? 'plain'))
    expect([...contexts].sort()).toEqual(['base64', 'diff', 'gutter', 'json', 'json2', 'plain', 'url', 'wrap'])
  })

  it('reaches 100 % recall on the planted set', () => {
    const missed = Object.entries(result.byKind)
      .filter(([, s]) => s.recall < 1)
      .map(([k, s]) => `${k}: ${s.missed.join(',')}`)
    expect(missed).toEqual([])
  })

  it('has no false positives on the clean set', () => {
    expect(result.falsePositives.map((f) => `${f.kind}: ${f.findings.map((x) => x.detector).join(',')}`)).toEqual([])
  })
})
