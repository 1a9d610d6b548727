import { redactLine, redactText } from './engine.js'
import type { EngineOptions, Finding } from './types.js'

/*
 * Recall / false-positive evaluation over fixture sets. Planted secrets are stored as a
 * template plus `secret_parts` so this repository never contains a scanner-flaggable token;
 * the carrier context (JSON-escaped, base64, …) is applied here at load time.
 */

export type PlantedContext = 'plain' | 'json' | 'json2' | 'base64' | 'url' | 'gutter' | 'diff' | 'wrap'

export interface PlantedCase {
  kind: string
  /** Template; `{{SECRET}}` marks where the secret goes. Plain text when absent. */
  text: string
  secret?: string
  secret_parts?: string[]
  context?: PlantedContext
}

export interface CleanCase {
  kind: string
  text: string
}

export interface AssembledCase {
  kind: string
  context: PlantedContext
  secret: string
  /** The final scanned text, carrier applied. */
  text: string
  /** Substrings of `text` that must be gone after redaction. */
  needles: string[]
  /** Whether the text is a JSON document worth checking through `redactLine` too. */
  jsonLine: boolean
}

const jsonEscape = (s: string): string => JSON.stringify(s).slice(1, -1)

function fill(template: string, secret: string): string {
  return template.includes('{{SECRET}}') ? template.split('{{SECRET}}').join(secret) : template
}

/** Line prefixes split a multi-line secret, so each substantial line must vanish on its own. */
function lineNeedles(secret: string): string[] {
  const parts = secret.split('\n').filter((l) => l.length >= 8)
  return parts.length > 0 ? parts : [secret]
}

/** Builds the scanned text for one planted case. */
export function assemblePlanted(c: PlantedCase): AssembledCase {
  const secret = c.secret_parts ? c.secret_parts.join('') : (c.secret ?? '')
  const context = c.context ?? 'plain'
  const plain = fill(c.text, secret)
  const base = { kind: c.kind, context, secret, jsonLine: false }
  switch (context) {
    case 'plain':
      return { ...base, text: plain, needles: [secret] }
    case 'json':
      return {
        ...base,
        jsonLine: true,
        text: JSON.stringify({ type: 'function_call_output', call_id: 'call_1', output: plain }),
        needles: [jsonEscape(secret)]
      }
    case 'json2':
      return {
        ...base,
        jsonLine: true,
        text: JSON.stringify({ type: 'function_call', arguments: JSON.stringify({ command: ['bash', '-lc', plain] }) }),
        needles: [jsonEscape(jsonEscape(secret))]
      }
    case 'base64': {
      const blob = Buffer.from(plain, 'utf8').toString('base64')
      return { ...base, text: `echo ${blob} | base64 -d > .env`, needles: [blob] }
    }
    case 'url': {
      const enc = encodeURIComponent(plain)
      return { ...base, text: `GET https://callback.test/oauth?state=${enc}&ok=1`, needles: [enc, secret] }
    }
    case 'gutter':
      return {
        ...base,
        text: plain
          .split('\n')
          .map((l, i) => `${String(i + 41).padStart(6)}→${l}`)
          .join('\n'),
        needles: lineNeedles(secret)
      }
    case 'diff':
      return {
        ...base,
        text: ['@@ -1,3 +1,4 @@', ...plain.split('\n').map((l) => `+${l}`)].join('\n'),
        needles: lineNeedles(secret)
      }
    case 'wrap': {
      const half = Math.ceil(secret.length / 2)
      const a = secret.slice(0, half)
      const b = secret.slice(half)
      return { ...base, text: fill(c.text, `${a}\n${b}`), needles: [a, b] }
    }
  }
}

export interface KindStats {
  planted: number
  detected: number
  recall: number
  /** Contexts of missed cases (never the secret itself). */
  missed: string[]
}

export interface FalsePositive {
  kind: string
  text: string
  findings: Array<Finding & { value: string }>
}

export interface EvaluationResult {
  byKind: Record<string, KindStats>
  totalPlanted: number
  totalDetected: number
  cleanCases: number
  falsePositives: FalsePositive[]
}

function leaks(output: string, needles: string[]): boolean {
  return needles.some((n) => n.length > 0 && output.includes(n))
}

/**
 * A planted case counts as detected when redaction reports a finding and none of its
 * needles survives (through `redactText`, and through `redactLine` for JSON carriers).
 */
export function evaluateDetectors(planted: PlantedCase[], clean: CleanCase[], opts: EngineOptions): EvaluationResult {
  const byKind: Record<string, KindStats> = {}
  let totalDetected = 0
  for (const raw of planted) {
    const c = assemblePlanted(raw)
    const stats = (byKind[c.kind] ??= { planted: 0, detected: 0, recall: 0, missed: [] })
    stats.planted++
    const r = redactText(c.text, opts)
    let ok = r.findings.length > 0 && !leaks(r.text, c.needles)
    if (ok && c.jsonLine) {
      const l = redactLine(c.text, opts)
      ok = l.findings.length > 0 && !leaks(l.line, c.needles)
    }
    if (ok) {
      stats.detected++
      totalDetected++
    } else {
      stats.missed.push(c.context)
    }
  }
  for (const s of Object.values(byKind)) s.recall = s.planted === 0 ? 1 : s.detected / s.planted
  const falsePositives: FalsePositive[] = []
  for (const c of clean) {
    const r = redactText(c.text, opts)
    if (r.findings.length > 0) {
      falsePositives.push({
        kind: c.kind,
        text: c.text,
        findings: r.findings.map((f) => ({ ...f, value: c.text.slice(f.start, f.end) }))
      })
    }
  }
  return { byKind, totalPlanted: planted.length, totalDetected, cleanCases: clean.length, falsePositives }
}

/** A plain-text table for logs; contains no secret values. */
export function formatEvaluation(result: EvaluationResult): string {
  const rows = Object.entries(result.byKind).sort(([a], [b]) => a.localeCompare(b))
  const width = Math.max(4, ...rows.map(([k]) => k.length))
  const lines = [`${'kind'.padEnd(width)}  planted  detected  recall  missed`]
  for (const [kind, s] of rows) {
    lines.push(
      `${kind.padEnd(width)}  ${String(s.planted).padStart(7)}  ${String(s.detected).padStart(8)}  ${(s.recall * 100).toFixed(0).padStart(5)}%  ${s.missed.join(',')}`
    )
  }
  const recall = result.totalPlanted === 0 ? 1 : result.totalDetected / result.totalPlanted
  lines.push(
    `${'TOTAL'.padEnd(width)}  ${String(result.totalPlanted).padStart(7)}  ${String(result.totalDetected).padStart(8)}  ${(recall * 100).toFixed(1).padStart(5)}%`
  )
  lines.push(`clean cases: ${result.cleanCases}, false positives: ${result.falsePositives.length}`)
  for (const fp of result.falsePositives) {
    lines.push(`  FP [${fp.kind}] ${fp.findings.map((f) => `${f.detector}:${JSON.stringify(f.value)}`).join(' ')}`)
  }
  return lines.join('\n')
}
