import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from '../helpers.js'

/**
 * docs/action.md's input and output tables are generated from action.yml: this test fails when
 * they differ, and rewrites them with UPDATE_DOCS=1 (`UPDATE_DOCS=1 npm test -- __tests__/docs`).
 */

interface Spec {
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>
  outputs: Record<string, { description?: string }>
}

const docPath = join(repoRoot, 'docs', 'action.md')
const spec = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as Spec

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim()
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

function inputsTable(s: Spec = spec): string {
  const rows = Object.entries(s.inputs).map(([name, i]) => {
    const def = i.default === undefined || i.default === '' ? '*(empty)*' : code(String(i.default))
    return `| ${code(name)} | ${i.required ? 'yes' : 'no'} | ${def} | ${cell(i.description ?? '')} |`
  })
  return ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

function outputsTable(s: Spec = spec): string {
  const rows = Object.entries(s.outputs).map(([name, o]) => `| ${code(name)} | ${cell(o.description ?? '')} |`)
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n')
}

function between(doc: string, name: string): { start: number; end: number } {
  const open = `<!-- ${name}:start -->`
  const close = `<!-- ${name}:end -->`
  const start = doc.indexOf(open)
  const end = doc.indexOf(close)
  if (start === -1 || end < start) throw new Error(`docs/action.md has no ${open} … ${close} block`)
  return { start: start + open.length, end }
}

function withTable(doc: string, name: string, table: string): string {
  const { start, end } = between(doc, name)
  return `${doc.slice(0, start)}\n${table}\n${doc.slice(end)}`
}

describe('docs/action.md', () => {
  it('has the input and output tables of action.yml', () => {
    const doc = readFileSync(docPath, 'utf8')
    const expected = withTable(withTable(doc, 'inputs', inputsTable()), 'outputs', outputsTable())
    if (process.env.UPDATE_DOCS === '1' && expected !== doc) writeFileSync(docPath, expected)
    else expect(doc).toBe(expected)
  })

  it('names every input and output once in its table', () => {
    const doc = readFileSync(docPath, 'utf8')
    const block = (name: string) => {
      const { start, end } = between(doc, name)
      return doc.slice(start, end)
    }
    const names = (text: string) => [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1])
    expect(names(block('inputs'))).toEqual(Object.keys(spec.inputs))
    expect(names(block('outputs'))).toEqual(Object.keys(spec.outputs))
  })

  it('links every example workflow', () => {
    const doc = readFileSync(docPath, 'utf8')
    const files = readdirSync(join(repoRoot, 'docs', 'workflows')).sort()
    expect(files).toEqual(['after-claude-code-action.yml', 'after-codex-action.yml', 'committed-logs.yml', 'fork-safe-comment.yml', 'fork-safe-report.yml', 'pull-request.yml', 'release-notes.yml'])
    for (const f of files) expect(doc).toContain(`(workflows/${f})`)
  })
})
