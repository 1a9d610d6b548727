import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { isMap, isSeq, parseDocument, stringify, type Document, type Node, type YAMLMap } from 'yaml'
import { z } from 'zod'
import { parseConfig } from '../config/load.js'
import { hashLiteral } from '../redact/hashed-literal.js'
import { looksSecret } from './secret-looking.js'

/** A value the reviewer redacts everywhere: it becomes a rule of exact strings in the rules file. */
export const NewRuleSchema = z.strictObject({
  value: z
    .string()
    .min(1)
    .max(4096)
    // A marker is the redaction's own output: a rule for it would match nothing the logs hold.
    .refine((v) => !v.includes('[REDACTED:'), 'the selection holds a redaction marker: select the value itself, in the raw text if need be'),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, ".", "_" and "-"')
    .max(64)
    .default('review'),
  description: z.string().max(200).optional()
})
export type NewRule = z.input<typeof NewRuleSchema>

/** The lists of the rules file the review page and `redactions` add to and remove from. */
export const SECTIONS = ['rules', 'overrides', 'allow.entries', 'private'] as const
export type Section = (typeof SECTIONS)[number]

type Doc = Document.Parsed

function parsed(text: string, file: string): Doc {
  const doc = parseDocument(text)
  if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`)
  return doc
}

function plain(doc: Doc): Record<string, unknown> {
  const v = doc.toJS() as unknown
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}

/** The list at `section` in a plain object, [] when absent. */
export function entriesAt(value: Record<string, unknown>, section: Section): unknown[] {
  let v: unknown = value
  for (const k of section.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined
  return Array.isArray(v) ? v : []
}

/** A copy of `value` with the list at `section` replaced. */
function withEntries(value: Record<string, unknown>, section: Section, list: unknown[]): Record<string, unknown> {
  const [head, ...rest] = section.split('.')
  if (rest.length === 0) return { ...value, [head]: list }
  const inner = value[head] !== null && typeof value[head] === 'object' ? (value[head] as Record<string, unknown>) : {}
  return { ...value, [head]: { ...inner, [rest[0]]: list } }
}

const lines = (yaml: string, indent: number) =>
  yaml
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => ' '.repeat(indent) + l + '\n')
    .join('')

/** Offset just past the line break ending the line that holds `at` (or the text's end). */
function afterLine(text: string, at: number): number {
  const eol = text.indexOf('\n', Math.max(at, 0))
  return eol === -1 ? text.length : eol + 1
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1
}

function column(text: string, at: number): number {
  return at - lineStart(text, at)
}

/** `text` with `insert` put at `at`, a line break added first when `at` is the end of a last line without one. */
function insertLines(text: string, at: number, insert: string): string {
  const nl = at === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : ''
  return text.slice(0, at) + nl + insert + text.slice(at)
}

/**
 * The block-style append: the entry's lines inserted after the list's last item, at the list's
 * indent; a missing list (or map on the way) is added after the last entry of the nearest block
 * map that holds it. Null where the layout cannot be spliced (flow style, an empty key).
 */
function spliceAppend(text: string, doc: Doc, section: Section, entry: unknown): string | null {
  const keys = section.split('.')
  let node: Node | null = doc.contents as Node | null
  if (node === null) return insertLines(text, text.length, stringify(withEntries({}, section, [entry]), { lineWidth: 0 }))
  for (let i = 0; i < keys.length; i++) {
    if (!isMap(node) || node.flow) return null
    const map: YAMLMap = node
    if (!map.has(keys[i])) {
      const rest = keys.slice(i).reduceRight<unknown>((inner, k) => ({ [k]: inner }), [entry])
      const first = map.items[0]?.key as Node | undefined
      const last = map.items.at(-1)
      const end = (last?.value as Node | null)?.range?.[1] ?? (last?.key as Node | undefined)?.range?.[1]
      if (i === 0) return insertLines(text, text.length, stringify(rest, { lineWidth: 0 }))
      if (!first?.range || end === undefined) return null
      return insertLines(text, afterLine(text, end - 1), lines(stringify(rest, { lineWidth: 0 }), column(text, first.range[0])))
    }
    node = map.get(keys[i], true) as Node | null
  }
  if (!isSeq(node) || node.flow || node.items.length === 0 || !node.range) return null
  const last = node.items.at(-1) as Node | undefined
  if (!last?.range) return null
  // After the line the last item ends on, so a comment at the end of that line stays with it.
  return insertLines(text, afterLine(text, last.range[1] - 1), lines(stringify([entry], { lineWidth: 0 }), column(text, node.range[0])))
}

function appendViaDocument(text: string, section: Section, entry: unknown): string {
  const doc = parseDocument(text)
  const path = section.split('.')
  const seq = doc.getIn(path, true)
  if (isSeq(seq)) seq.add(doc.createNode(entry))
  else doc.setIn(path, doc.createNode([entry]))
  return doc.toString({ lineWidth: 0 })
}

/** The first candidate text that parses to `want` and is a valid rules file; an error when none does. */
function firstFaithful(candidates: (() => string | null)[], want: Record<string, unknown>, file: string, what: string): string {
  for (const make of candidates) {
    const out = make()
    if (out === null) continue
    const got = parseDocument(out)
    if (got.errors.length === 0 && JSON.stringify(plain(got)) === JSON.stringify(want)) {
      parseConfig(out, file)
      return out
    }
  }
  throw new Error(`${file}: could not ${what} without changing what else the file says`)
}

/**
 * The rules file's text with one more entry at the end of `section`. The edit is made in the
 * text the `yaml` Document locates, so every other byte (comments, order, quoting, blank lines)
 * stays as the user wrote it; a layout that cannot be spliced safely (a flow sequence, an empty
 * key) is edited through the Document and re-serialised instead. Either way the result must
 * parse to the old file plus the new entry and be a valid rules file, or nothing is returned.
 */
export function appendEntryText(text: string, section: Section, entry: unknown, file = 'rules file'): string {
  const doc = parsed(text, file)
  const before = plain(doc)
  const want = withEntries(before, section, [...entriesAt(before, section), entry])
  return firstFaithful([() => spliceAppend(text, doc, section, entry), () => appendViaDocument(text, section, entry)], want, file, `add to ${section}`)
}

/** The line-wise removal of one block-list item: from its first line through its last. */
function spliceRemove(text: string, doc: Doc, section: Section, index: number): string | null {
  const seq = doc.getIn(section.split('.'), true)
  if (!isSeq(seq) || seq.flow) return null
  const item = seq.items[index] as Node | undefined
  if (!item?.range) return null
  const from = lineStart(text, item.range[0])
  const to = afterLine(text, item.range[1] - 1)
  if (seq.items.length > 1) return text.slice(0, from) + text.slice(to)
  // The list's only item: the key stays, holding an empty list.
  const keyEnd = text.lastIndexOf(':', from)
  if (keyEnd < 0) return null
  return text.slice(0, keyEnd + 1) + ' []' + text.slice(keyEnd + 1, from) + text.slice(to)
}

function removeViaDocument(text: string, section: Section, index: number): string {
  const doc = parseDocument(text)
  const seq = doc.getIn(section.split('.'), true)
  if (isSeq(seq)) seq.items.splice(index, 1)
  return doc.toString({ lineWidth: 0 })
}

/**
 * The rules file's text without entry `index` of `section`, every other byte kept. `expected`,
 * when given, is the entry as the caller last read it: if the file has changed since and that
 * place holds something else, nothing is removed.
 */
export function removeEntryText(text: string, section: Section, index: number, expected?: unknown, file = 'rules file'): string {
  const doc = parsed(text, file)
  const before = plain(doc)
  const list = entriesAt(before, section)
  if (!Number.isInteger(index) || index < 0 || index >= list.length) throw new Error(`${file}: ${section} has no entry ${index}`)
  if (expected !== undefined && JSON.stringify(list[index]) !== JSON.stringify(expected))
    throw new Error(`${file}: ${section}[${index}] has changed since it was read; reload and try again`)
  const want = withEntries(
    before,
    section,
    list.filter((_, i) => i !== index)
  )
  return firstFaithful(
    [() => spliceRemove(text, doc, section, index), () => removeViaDocument(text, section, index)],
    want,
    file,
    `remove ${section}[${index}]`
  )
}

/**
 * The rules file's text with one more rule for the value (the page's "Redact everywhere"): exact
 * strings, or a hashed literal when the value looks secret, so the committed file never holds it.
 */
export function addRuleText(text: string, input: NewRule, file = 'rules file'): string {
  const rule = NewRuleSchema.parse(input)
  const entry: Record<string, unknown> = { id: rule.id }
  if (rule.description) entry.description = rule.description
  if (looksSecret(rule.value)) entry.hashed = [hashLiteral(rule.value)]
  else entry.literals = [rule.value]
  return appendEntryText(text, 'rules', entry, file)
}

/** The file's text, '' when it does not exist. */
export function readRulesText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : ''
}

export function writeRulesText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

/** Adds the rule to the file (created with just that rule when missing) and returns the file's new text. */
export function addRuleToFile(path: string, input: NewRule): string {
  const out = addRuleText(readRulesText(path), input, path)
  writeRulesText(path, out)
  return out
}
