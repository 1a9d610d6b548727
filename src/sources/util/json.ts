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
