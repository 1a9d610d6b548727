import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CatalogueCaseSchema, type CatalogueCase } from './schema.js'

/** Every case of every `<scanner>.jsonl` under `dir`; a malformed line throws naming file and line. */
export function loadCatalogue(dir: string): CatalogueCase[] {
  const cases: CatalogueCase[] = []
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n')
    lines.forEach((line, i) => {
      if (line.trim() === '') return
      const r = CatalogueCaseSchema.safeParse(JSON.parse(line))
      if (!r.success) throw new Error(`${name}:${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`)
      cases.push(r.data)
    })
  }
  return cases
}
