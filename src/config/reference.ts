import type { PhrasingContent } from 'mdast'
import { inlineCode, label, table } from '../render/md-nodes.js'
import { toMarkdown } from '../render/md-stringify.js'
import { configJsonSchema } from './json-schema.js'

interface SchemaNode {
  type?: string | string[]
  description?: string
  default?: unknown
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, SchemaNode>
  items?: SchemaNode
  anyOf?: SchemaNode[]
  additionalProperties?: SchemaNode | boolean
  propertyNames?: SchemaNode
}

function typeOf(n: SchemaNode): string {
  if (n.const !== undefined) return JSON.stringify(n.const)
  if (n.enum) return n.enum.map((e) => JSON.stringify(e)).join(' | ')
  if (n.anyOf) return n.anyOf.map(typeOf).join(' | ')
  if (n.type === 'array') return `list of ${n.items ? typeOf(n.items) : 'values'}`
  if (n.type === 'object' && n.properties) return 'object'
  if (n.type === 'object') return 'map'
  return Array.isArray(n.type) ? n.type.join(' | ') : (n.type ?? 'any')
}

/** A description's `code` spans as inline code, the rest as text: the schema's own wording, nothing else. */
function described(s: string): PhrasingContent[] {
  return s
    .split(/`([^`]*)`/)
    .map((part, i) => (i % 2 ? inlineCode(part, Infinity) : label(part.replace(/\n/g, ' '))))
    .filter((n) => n.value !== '')
}

/**
 * The configuration reference as a Markdown table, generated from the same zod schema that
 * validates the file, so docs/configuration.md cannot drift from the code (a test checks it).
 */
export function configReferenceMarkdown(): string {
  const rows: PhrasingContent[][][] = []
  const walk = (props: Record<string, SchemaNode>, prefix: string) => {
    for (const [k, n] of Object.entries(props)) {
      const key = prefix + k
      rows.push([
        [inlineCode(key, Infinity)],
        [label(typeOf(n))],
        n.default === undefined ? [] : [inlineCode(JSON.stringify(n.default), Infinity)],
        described(n.description ?? '')
      ])
      const obj = n.properties ? n : n.anyOf?.find((a) => a.properties)
      if (obj?.properties) walk(obj.properties, `${key}.`)
      if (n.type === 'array' && n.items?.properties) walk(n.items.properties, `${key}[].`)
    }
  }
  walk((configJsonSchema() as SchemaNode).properties ?? {}, '')
  return toMarkdown([table([{ title: 'key' }, { title: 'type' }, { title: 'default' }, { title: 'meaning' }], rows)], { compactTables: true })
}
