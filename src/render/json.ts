import { z } from 'zod'
import { ReportSchema, type Report } from '../select/report.js'

const recordInside = new WeakMap<z.ZodType, boolean>()

/** Whether a value of `schema` can hold a record, the one thing `canonical` has to reorder. */
function holdsRecord(schema: z.ZodType): boolean {
  let holds = recordInside.get(schema)
  if (holds === undefined) {
    if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) holds = holdsRecord(schema.unwrap() as z.ZodType)
    else if (schema instanceof z.ZodArray) holds = holdsRecord(schema.element as z.ZodType)
    else if (schema instanceof z.ZodObject) holds = Object.values(schema.shape as Record<string, z.ZodType>).some(holdsRecord)
    else holds = schema instanceof z.ZodRecord
    recordInside.set(schema, holds)
  }
  return holds
}

/**
 * Object keys in schema order (what `parse` yields), record keys sorted, so the same report is
 * the same bytes however its producer happened to build it. Parts without a record are already
 * in order and are passed on as they are, rather than copied turn by turn and action by action.
 */
function canonical(value: unknown, schema: z.ZodType): unknown {
  if (value === null || value === undefined || !holdsRecord(schema)) return value
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return canonical(value, schema.unwrap() as z.ZodType)
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.map((v) => canonical(v, schema.element as z.ZodType))
  if (schema instanceof z.ZodObject && typeof value === 'object') {
    const shape = schema.shape as Record<string, z.ZodType>
    const obj = value as Record<string, unknown>
    return Object.fromEntries(Object.keys(obj).map((k) => [k, shape[k] ? canonical(obj[k], shape[k]) : obj[k]]))
  }
  if (schema instanceof z.ZodRecord && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, canonical(obj[k], schema.valueType as z.ZodType)])
    )
  }
  return value
}

/**
 * The report as JSON: validated against the schema first (a renderer never publishes a report
 * the schema does not describe), stable key order, 2-space indent, trailing newline.
 */
export function renderJson(report: Report): string {
  const parsed = ReportSchema.parse(report)
  return JSON.stringify(canonical(parsed, ReportSchema), null, 2) + '\n'
}
