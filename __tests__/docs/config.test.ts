import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { CONFIG_SCHEMA_PATH, configJsonSchemaText } from '../../src/config/json-schema.js'
import { configReferenceMarkdown } from '../../src/config/reference.js'
import { detectorsFor } from '../../src/redact/rules.js'
import { repoRoot } from '../helpers.js'

const UPDATE = process.env.UPDATE_DOCS === '1'

describe('configuration docs cannot drift', () => {
  it('docs/config.schema.json is generated from the zod schema', () => {
    const path = join(repoRoot, CONFIG_SCHEMA_PATH)
    if (UPDATE) writeFileSync(path, configJsonSchemaText())
    else expect(readFileSync(path, 'utf8')).toBe(configJsonSchemaText())
  })

  it('the reference table in docs/configuration.md is generated from the schema', () => {
    const path = join(repoRoot, 'docs', 'configuration.md')
    const doc = readFileSync(path, 'utf8')
    const block = `<!-- reference:start -->\n${configReferenceMarkdown()}<!-- reference:end -->`
    const updated = doc.replace(/<!-- reference:start -->[\s\S]*<!-- reference:end -->/, block)
    if (UPDATE) writeFileSync(path, updated)
    else expect(doc).toBe(updated)
  })

  it('the example config file is valid and does what the docs say', () => {
    const text = readFileSync(join(repoRoot, 'docs', 'examples', 'ai-log-trail.yml'), 'utf8')
    const c = parseConfig(text, 'docs/examples/ai-log-trail.yml')
    const ids = detectorsFor(c).ids
    expect(ids).not.toContain('ipv4')
    expect(ids).toEqual(expect.arrayContaining(['client-names', 'internal-hosts', 'ticket-ids', 'config-key']))
    expect(c.overrides[0]).toMatchObject({ actor: 'alice', date: '2026-03-05' })
  })

  it('every YAML block in docs/configuration.md is a valid config', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'configuration.md'), 'utf8')
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])
    expect(blocks.length).toBeGreaterThan(0)
    for (const b of blocks) expect(() => parseConfig(b, 'docs/configuration.md')).not.toThrow()
  })
})
