import type { ParseRecord } from '../types.js'

/** Narrowing helpers for untyped JSON from logs: they never throw and never guess a type. */
export type Json = Record<string, unknown>

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

export function obj(v: unknown): Json | undefined {
  return isObject(v) ? v : undefined
}

export function arr(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The reason the ingester recognizes as a torn line (a last line it leaves for the next run). */
export const MALFORMED_JSON = 'malformed JSON'

const JSON_START = /^[\s]*[{["\-0-9tfn]/

/**
 * A JSONL line as an object, or null after recording why the line was skipped. Every line
 * parser starts with this, so skip reasons are the same words for every agent.
 */
export function parseObjectLine(line: string, lineNo: number, out: ParseRecord[]): Json | null {
  // A failed JSON.parse costs an exception; a line whose first character can start no JSON value
  // (binary junk, a log cut into pieces) is malformed without one.
  if (!JSON_START.test(line)) {
    out.push({ type: 'skip', line: lineNo, reason: MALFORMED_JSON })
    return null
  }
  let o: unknown
  try {
    o = JSON.parse(line)
  } catch {
    out.push({ type: 'skip', line: lineNo, reason: MALFORMED_JSON })
    return null
  }
  if (!isObject(o)) {
    out.push({ type: 'skip', line: lineNo, reason: 'not a JSON object' })
    return null
  }
  return o
}
