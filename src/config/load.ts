import { existsSync, readFileSync } from 'node:fs'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml'
import type { z } from 'zod'
import { ConfigSchema, type Config } from './schema.js'
import { patternProblems } from '../redact/rules.js'
import { DEFAULT_CONFIG_PATH } from './default-path.js'

export { DEFAULT_CONFIG_PATH }

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

/** The first alias in a document: where an alias bomb is reported, since yaml names no node. */
function firstAlias(root: Node | null): Node | null {
  let found: Node | null = null
  visit(root, {
    Alias(_, node) {
      found = node
      return visit.BREAK
    }
  })
  return found
}

/**
 * Parses and validates a rules file, and compiles its patterns as a run will. YAML errors,
 * schema errors and patterns that cannot run all come back as a ConfigError naming the file,
 * line and column of each problem and what was expected.
 */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line ?? 1,
        column: e.linePos?.[0].col ?? 1,
        message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
      }))
    )
  }
  const root = doc.contents as Node | null
  const at = (node: Node | null | undefined, message: string): ConfigProblem => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0)
    return { file, line: pos.line, column: pos.col, message }
  }
  let data: unknown
  try {
    // toJS refuses aliases that expand too far (a "billion laughs" file) by throwing.
    data = doc.toJS() ?? {}
  } catch (e) {
    throw new ConfigError([at(firstAlias(root), `YAML: ${(e as Error).message.split('\n')[0]}`)])
  }
  const r = ConfigSchema.safeParse(data)
  if (!r.success) {
    throw new ConfigError(
      r.error.issues.map((issue) => {
        // An unknown key is reported at the key, which is one level below the object.
        const keyNode = issue.code === 'unrecognized_keys' ? findKeyNode(root, issue.path, issue.keys[0]) : null
        return at(keyNode ?? nodeAt(root, issue.path).node, describe(issue))
      })
    )
  }
  const patterns = patternProblems(r.data)
  if (patterns.length) throw new ConfigError(patterns.map((p) => at(nodeAt(root, p.path).node, `${p.path.join('.')}: ${p.message}`)))
  return r.data
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
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }])
  }
  return { config: parseConfig(text, file), file }
}
