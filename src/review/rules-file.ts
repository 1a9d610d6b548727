import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { isMap, isSeq, LineCounter, parseDocument, stringify } from 'yaml'
import { z } from 'zod'
import { parseConfig } from '../config/load.js'

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

/**
 * The rules file's text with one more entry under `rules:`. The edit is made in the text the
 * `yaml` Document locates, right after the last rule, so every other byte (comments, order,
 * quoting, blank lines) stays as the user wrote it; a layout that cannot be spliced safely (a
 * flow sequence, an empty `rules:`) is edited through the Document and re-serialised instead.
 * Either way the result must parse to the old rules plus the new one, or nothing is written.
 */
export function addRuleText(text: string, input: NewRule, file = 'rules file'): string {
  const rule = NewRuleSchema.parse(input)
  const entry: Record<string, unknown> = { id: rule.id }
  if (rule.description) entry.description = rule.description
  entry.literals = [rule.value]
  const doc = parseDocument(text)
  if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`)
  const before = (doc.toJS() ?? {}) as Record<string, unknown>
  const rules = Array.isArray(before.rules) ? before.rules : []
  const want = { ...before, rules: [...rules, entry] }
  const candidates = [() => splice(text, doc, entry), () => viaDocument(text, entry)]
  for (const make of candidates) {
    const out = make()
    if (out === null) continue
    const got = parseDocument(out)
    if (got.errors.length === 0 && JSON.stringify(got.toJS()) === JSON.stringify(want)) {
      parseConfig(out, file)
      return out
    }
  }
  throw new Error(`${file}: could not add a rule without changing what the file says`)
}

/** The block-style edit: the new entry's lines inserted after the last rule's line, at its indent. */
function splice(text: string, doc: ReturnType<typeof parseDocument>, entry: Record<string, unknown>): string | null {
  const root = doc.contents
  const item = (indent: number) =>
    stringify([entry], { lineWidth: 0 })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => ' '.repeat(indent) + l + '\n')
      .join('')
  const nl = text.length === 0 || text.endsWith('\n') ? '' : '\n'
  if (root === null || (isMap(root) && !root.flow && !root.has('rules'))) {
    if (root !== null && !isMap(root)) return null
    return text + nl + 'rules:\n' + item(2)
  }
  if (!isMap(root) || root.flow) return null
  const seq = root.get('rules', true)
  if (!isSeq(seq) || seq.flow || seq.items.length === 0 || !seq.range) return null
  const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] }
  if (!last.range) return null
  const counter = new LineCounter()
  parseDocument(text, { lineCounter: counter })
  const indent = counter.linePos(seq.range[0]).col - 1
  // After the line the last rule ends on, so a comment at the end of that line stays with it.
  const eol = text.indexOf('\n', Math.max(last.range[1] - 1, 0))
  if (eol === -1) return text + '\n' + item(indent)
  return text.slice(0, eol + 1) + item(indent) + text.slice(eol + 1)
}

function viaDocument(text: string, entry: Record<string, unknown>): string {
  const doc = parseDocument(text)
  const seq = doc.get('rules', true)
  if (isSeq(seq)) seq.add(doc.createNode(entry))
  else doc.set('rules', doc.createNode([entry]))
  return doc.toString({ lineWidth: 0 })
}

/** Adds the rule to the file (created with just that rule when missing) and returns the file's new text. */
export function addRuleToFile(path: string, input: NewRule): string {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const out = addRuleText(text, input, path)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, out)
  return out
}
