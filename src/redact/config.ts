import { existsSync, readFileSync } from 'node:fs'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import type { z } from 'zod'
import { ConfigSchema, type Config } from './config-schema.js'

export const DEFAULT_CONFIG_PATH = '.github/ai-log-trail.yml'

export interface ConfigProblem {
  file: string
  line: number
  column: number
  message: string
}

/** A config that cannot be used; its message lists every problem as `file:line:column: what`. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'))
  }
}

function nodeAt(root: Node | null, path: PropertyKey[]): { node: Node | null; key: boolean } {
  let node: Node | null = root
  for (let i = 0; i < path.length; i++) {
    const key = path[i]
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key)
      if (!pair) return { node, key: false }
      // For an unknown key, point at the key itself rather than its value.
      if (i === path.length - 1 && pair.value === null) return { node: pair.key as Node, key: true }
      node = (pair.value as Node | null) ?? (pair.key as Node)
    } else if (isSeq(node) && typeof key === 'number') {
      const next = node.items[key] as Node | undefined
      if (!next) return { node, key: false }
      node = next
    } else return { node, key: false }
  }
  return { node, key: false }
}

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
  if (issue.code === 'unrecognized_keys') return `${where}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  return `${where}${issue.message}`
}

/**
 * Parses and validates a rules file. YAML syntax errors and schema errors both come back as a
 * ConfigError naming the file, line and column of each problem and what was expected.
 */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((e) => ({ file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1, message: e.message.split('\n')[0] }))
    )
  }
  const data = doc.toJS() ?? {}
  const r = ConfigSchema.safeParse(data)
  if (r.success) return r.data
  throw new ConfigError(
    r.error.issues.map((issue) => {
      let path = issue.path
      // An unknown key is reported at the key, which is one level below the object.
      if (issue.code === 'unrecognized_keys') path = [...issue.path, issue.keys[0]]
      const { node } = nodeAt(doc.contents as Node | null, path)
      const keyNode = issue.code === 'unrecognized_keys' ? findKeyNode(doc.contents as Node | null, issue.path, issue.keys[0]) : null
      const offset = (keyNode ?? node)?.range?.[0] ?? 0
      const pos = lineCounter.linePos(offset)
      return { file, line: pos.line, column: pos.col, message: describe(issue) }
    })
  )
}

function findKeyNode(root: Node | null, path: PropertyKey[], key: string): Node | null {
  const { node } = nodeAt(root, path)
  if (!isMap(node)) return null
  const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key)
  return (pair?.key as Node | undefined) ?? null
}

/**
 * The config in force: the given file, else `.github/ai-log-trail.yml` when it exists, else the
 * defaults. A file named explicitly must exist.
 */
export function loadConfig(path?: string, cwd = '.'): { config: Config; file: string | null } {
  const file = path ?? `${cwd}/${DEFAULT_CONFIG_PATH}`
  if (!existsSync(file)) {
    if (path) throw new ConfigError([{ file: path, line: 1, column: 1, message: 'file not found' }])
    return { config: ConfigSchema.parse({}), file: null }
  }
  return { config: parseConfig(readFileSync(file, 'utf8'), file), file }
}
