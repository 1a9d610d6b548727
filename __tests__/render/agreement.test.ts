import { beforeAll, describe, expect, test } from '@jest/globals'
import { z } from 'zod'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderCsv } from '../../src/render/csv.js'
import { renderJson } from '../../src/render/json.js'
import { reportJsonSchema, reportJsonSchemaText, REPORT_SCHEMA_PATH } from '../../src/render/json-schema.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { formatTokens, formatUsd } from '../../src/render/text.js'
import { ReportSchema, type Report, type ReportMode } from '../../src/select/report.js'
import { repoRoot } from '../helpers.js'
import { csvRecords, fixtureReports, hostileReport, MODES, nodesOfType, parseMarkdown, syntheticReport } from './support.js'

interface Totals {
  sessions: number
  prompts: number
  tool_calls: number
  tokens: string
  cost: string
}

const int = (s: string) => Number(s.replace(/,/g, ''))

function fromMarkdown(md: string): Totals & { tableRows: number } {
  const m =
    /^\*\*([\d,]+) sessions?\*\* · (?:.* · )?\*\*([\d,]+) prompts?\*\* · \*\*([\d,]+) tool calls?\*\* · \*\*(.+?) tokens\*\* \(.*\) · \*\*(.+?)\*\*$/m.exec(md)
  if (!m) throw new Error(`no totals line in:\n${md.slice(0, 400)}`)
  const tables = nodesOfType(parseMarkdown(md), 'table')
  const cost = m[5] === 'cost n/a' ? 'n/a' : m[5].replace(/^≈ /, '')
  return { sessions: int(m[1]), prompts: int(m[2]), tool_calls: int(m[3]), tokens: m[4], cost, tableRows: tables[0].children.length - 1 }
}

function fromCsv(report: Report): Totals & { tokensTotal: number; costUsd: number | null } {
  const rows = csvRecords(renderCsv(report).get('sessions.csv')!)
  const sum = (k: string) => rows.reduce((a, r) => a + Number(r[k]), 0)
  // An empty cost is unpriced only where tokens are known; empty tokens mean no usage recorded.
  const unpriced = rows.some((r) => r.cost_usd === '' && r.total_tokens !== '')
  const cost = unpriced ? null : Math.round(sum('cost_usd') * 10_000) / 10_000
  return {
    sessions: rows.length,
    prompts: sum('prompts'),
    tool_calls: sum('tool_calls'),
    tokens: formatTokens(sum('total_tokens')),
    tokensTotal: sum('total_tokens'),
    cost: formatUsd(cost),
    costUsd: cost
  }
}

function fromJson(report: Report): Totals & { tokensTotal: number; costUsd: number | null } {
  const j = JSON.parse(renderJson(report)) as Report
  return {
    sessions: j.sessions.length,
    prompts: j.totals.prompts,
    tool_calls: j.totals.tool_calls,
    tokens: formatTokens(j.totals.tokens.total),
    tokensTotal: j.totals.tokens.total,
    cost: formatUsd(j.totals.cost_usd),
    costUsd: j.totals.cost_usd
  }
}

let reports: Map<ReportMode, Report>
beforeAll(async () => {
  reports = await fixtureReports()
})

describe.each(MODES)('totals agree across formats (%s)', (mode) => {
  test('fixtures', () => {
    const r = reports.get(mode)!
    const json = fromJson(r)
    const csv = fromCsv(r)
    const md = fromMarkdown(renderMarkdown(r))
    expect(json.sessions).toBeGreaterThan(0)
    expect(csv).toEqual(json)
    expect({ ...md, tableRows: undefined }).toEqual({
      sessions: json.sessions,
      prompts: json.prompts,
      tool_calls: json.tool_calls,
      tokens: json.tokens,
      cost: json.cost,
      tableRows: undefined
    })
    expect(md.tableRows).toBe(json.sessions)
    expect(json.costUsd).not.toBeNull()
  })

  test('an unpriced report says n/a everywhere', () => {
    const r = hostileReport(mode)
    const json = fromJson(r)
    expect(json.costUsd).toBeNull()
    expect(fromCsv(r).costUsd).toBeNull()
    expect(fromMarkdown(renderMarkdown(r)).cost).toBe('n/a')
  })
})

test('usage by agent, model and day in tokens.csv adds up to the totals', () => {
  const r = reports.get('tokens')!
  const rows = csvRecords(renderCsv(r).get('tokens.csv')!)
  for (const dim of ['model', 'agent', 'day']) {
    const total = rows.filter((x) => x.dimension === dim).reduce((a, x) => a + Number(x.total_tokens), 0)
    expect(total).toBe(r.totals.tokens.total)
  }
})

describe('JSON', () => {
  test.each(MODES)('%s: the rendered report validates and round-trips', (mode) => {
    const r = reports.get(mode)!
    const text = renderJson(r)
    expect(text.endsWith('}\n')).toBe(true)
    expect(text).toMatch(/^\{\n {2}"schema_version": 2,\n {2}"generated_at": /)
    const parsed = ReportSchema.parse(JSON.parse(text))
    expect(parsed).toEqual(r)
  })

  test('record keys are sorted, so equal reports are equal bytes', () => {
    const r = reports.get('summary')!
    const shuffled: Report = {
      ...r,
      sessions: r.sessions.map((s) => ({ ...s, tool_call_names: Object.fromEntries(Object.entries(s.tool_call_names).reverse()) })),
      redactions: { total: 3, by_detector: { z: 1, a: 2 } }
    }
    const text = renderJson(shuffled)
    expect(text).toBe(renderJson({ ...r, redactions: { total: 3, by_detector: { a: 2, z: 1 } } }))
    expect(text.indexOf('"a": 2')).toBeLessThan(text.indexOf('"z": 1'))
  })

  test('a large report with every object’s keys reversed renders as a full canonical copy of it', () => {
    // The plain way: every object rebuilt in schema order, every record with its keys sorted.
    const copy = (value: unknown, schema: z.ZodType): unknown => {
      if (value === null || value === undefined) return value
      if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return copy(value, schema.unwrap() as z.ZodType)
      if (schema instanceof z.ZodArray && Array.isArray(value)) return value.map((v) => copy(v, schema.element as z.ZodType))
      if (schema instanceof z.ZodObject && typeof value === 'object') {
        const shape = schema.shape as Record<string, z.ZodType>
        return Object.fromEntries(
          Object.keys(shape)
            .filter((k) => k in value)
            .map((k) => [k, copy((value as Record<string, unknown>)[k], shape[k])])
        )
      }
      if (schema instanceof z.ZodRecord && typeof value === 'object') {
        const obj = value as Record<string, unknown>
        return Object.fromEntries(
          Object.keys(obj)
            .sort()
            .map((k) => [k, copy(obj[k], schema.valueType as z.ZodType)])
        )
      }
      return value
    }
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed)
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reversed(v)])
        )
      return value
    }
    const r = syntheticReport(200)
    const text = renderJson(reversed(r) as Report)
    expect(text).toBe(JSON.stringify(copy(r, ReportSchema), null, 2) + '\n')
    expect(text).toBe(renderJson(r))
  })

  test('a report the schema rejects is not rendered', () => {
    const bad = { ...reports.get('summary')!, schema_version: 3 } as unknown as Report
    expect(() => renderJson(bad)).toThrow()
  })
})

describe('published JSON schema', () => {
  test(`${REPORT_SCHEMA_PATH} is what reportJsonSchema() generates`, () => {
    const file = readFileSync(join(repoRoot, REPORT_SCHEMA_PATH), 'utf8')
    if (file !== reportJsonSchemaText()) console.error(`${REPORT_SCHEMA_PATH} is stale; regenerate it with: npm run build && node scripts/write-schemas.js`)
    expect(file).toBe(reportJsonSchemaText())
  })

  test('it names the schema version and every top-level field of the report', () => {
    const schema = reportJsonSchema() as { title: string; properties: Record<string, unknown>; required: string[] }
    expect(schema.title).toMatch(/schema_version 2/)
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ReportSchema.shape).sort())
    expect(schema.required.sort()).toEqual(Object.keys(ReportSchema.shape).sort())
  })
})
