/*
 * What crosses between a worker thread of ours (the ingest's, the report's) and its caller: an
 * error as plain data, and where the worker's script is.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** An error as it crosses to the caller: its name, message, stack and plain own fields (`code`). */
export interface WireError {
  name: string
  message: string
  stack?: string
  fields: Record<string, string | number | boolean | null>
}

export function toWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} }
  const fields: WireError['fields'] = {}
  for (const [k, v] of Object.entries(e)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v as WireError['fields'][string]
  return { name: e.name, message: e.message, stack: e.stack, fields }
}

/** The error a worker posted, rebuilt on the caller's side with the worker's stack and fields. */
export function fromWire(w: WireError): Error {
  const e = new Error(w.message)
  e.name = w.name
  if (w.stack) e.stack = w.stack
  return Object.assign(e, w.fields)
}

/**
 * The first of `candidates` (paths relative to `moduleUrl`, the caller's `import.meta.url`) that
 * exists: a worker script sits beside its module in lib/ and in a bundle of its own in dist/.
 * Null where none does (tests running the TypeScript sources).
 */
export function workerScript(moduleUrl: string, candidates: readonly string[]): string | null {
  for (const rel of candidates) {
    const path = fileURLToPath(new URL(rel, moduleUrl))
    if (existsSync(path)) return path
  }
  return null
}
