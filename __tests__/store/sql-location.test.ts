import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'
import { repoRoot } from '../helpers.js'

/*
 * Every SQL text lives in src/store/: the rest of the code calls functions named for what they
 * read or write, so a change of schema is a change of one folder. What counts as SQL is the
 * brief's own grep (a statement prepared, a SQL keyword in capitals), plus a pragma call; comments
 * do not count.
 */

const SQL = /\.prepare\(|\.pragma\(|\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA)\b/

/** The lines of a TypeScript source, comments removed, that look like SQL. */
function sqlLines(name: string, text: string): string[] {
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const code = ts.createPrinter({ removeComments: true }).printFile(file)
  return code.split('\n').filter((l) => SQL.test(l))
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name)
    if (d.isDirectory()) return sources(p)
    return d.name.endsWith('.ts') ? [p] : []
  })
}

describe('SQL location', () => {
  it('finds SQL in code and none in comments', () => {
    expect(sqlLines('a.ts', "const n = db.prepare('SELECT 1').get()\n")).toHaveLength(1)
    expect(sqlLines('b.ts', 'db.pragma("busy_timeout = 1")\n')).toHaveLength(1)
    expect(sqlLines('c.ts', '// SELECT the rows; db.prepare(x)\n/* UPDATE\n DELETE */\nconst x = 1\n')).toEqual([])
  })

  /**
   * SQL on an agent's own database (OpenCode's, Goose's) is knowledge of that agent's format: it
   * lives with its source, or with the ingest's reading of the private copy, in files that never
   * reach the store.
   */
  const readsAgentDatabase = (rel: string, text: string) =>
    (rel.startsWith(`sources${sep}`) || rel === join('ingest', 'database.ts')) && !/from '(\.\.\/)+store\//.test(text)

  it('keeps every SQL text under src/store/', () => {
    const src = join(repoRoot, 'src')
    const outside = sources(src)
      .filter((p) => !relative(src, p).startsWith(`store${sep}`))
      .filter((p) => !readsAgentDatabase(relative(src, p), readFileSync(p, 'utf8')))
      .flatMap((p) => sqlLines(p, readFileSync(p, 'utf8')).map((l) => `${relative(repoRoot, p)}: ${l.trim()}`))
    expect(outside).toEqual([])
  })

  it('still sees the store itself', () => {
    const src = join(repoRoot, 'src', 'store')
    expect(sources(src).filter((p) => sqlLines(p, readFileSync(p, 'utf8')).length > 0).length).toBeGreaterThan(3)
  })
})
