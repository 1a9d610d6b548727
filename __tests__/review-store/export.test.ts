import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { parseConfig } from '../../src/config/load.js'
import { engineOptions } from '../../src/redact/engine-options.js'
import { exportSanitized } from '../../src/redact/export.js'
import { lateCheckDatabase } from '../../src/redact/late/database.js'
import { openStore } from '../../src/store/db.js'
import { setDisposition } from '../../src/store/review-dispositions.js'
import { appendHistory, listHistory } from '../../src/store/review-history.js'
import { addNote, listNotes } from '../../src/store/review-notes.js'
import { addTag, listTags } from '../../src/store/review-tags.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { captureIo, cleanUpAfterEach, fixtures, tmpDir } from '../helpers.js'

const { removeLater } = cleanUpAfterEach()
const TWO_PROMPTS = '0199a1b2-0000-7000-8000-00000000c0de'
const OTHER = '0199a1b2-0000-7000-8000-00000000f0c5'
// Assembled here so no contiguous token sits in the repository (push protection).
const TOKEN = 'ghp_' + 'Zq8vR2mLx9TwZq8v' + 'R2mLx9TwZq8vR2mLx9Tw'
const EMAIL = 'jane.roe' + '@globex.io'
const CONFIG = 'rules:\n  - id: client\n    literals: [ACME]\n'

/** A store of the codex fixtures whose review holds a planted token, an e-mail and a client name. */
async function plantedStore(path: string): Promise<void> {
  const db = openStore(path)
  try {
    await ingestPaths(db, [join(fixtures, 'codex')])
    const by = { actor: `Ada <${EMAIL}>`, reason: `rotated ${TOKEN}` }
    addNote(db, { session: TWO_PROMPTS, prompt: 1, text: `the agent printed ${TOKEN}; ask ${EMAIL}` }, by)
    addTag(db, { session: TWO_PROMPTS, label: 'client-ACME' }, by)
    addTag(db, { session: TWO_PROMPTS, label: 'client-acme' }, by)
    addTag(db, { session: TWO_PROMPTS, prompt: 2, label: 'slow' }, by)
    setDisposition(db, { session: TWO_PROMPTS, prompt: 1 }, 'ignored', by)
    addNote(db, { session: OTHER, text: 'left out of the copy' }, { actor: 'Bo' })
    appendHistory(db, { kind: 'allow', action: 'add', detail: 'pattern ^ACME-\\d+$', actor: 'Bo' })
  } finally {
    db.close()
  }
}

describe('the sanitized export of a reviewed store', () => {
  it("keeps the kept sessions' review with notes, labels, history and actors redacted, and nothing of the others", async () => {
    const d = tmpDir()
    removeLater(d)
    const src = join(d, 'src.sqlite')
    await plantedStore(src)
    const out = join(d, 'out.sqlite')
    const config = parseConfig(CONFIG, 'x.yml')
    const r = exportSanitized(src, out, config, new Set([TWO_PROMPTS]))
    expect(r.redactions).toBeGreaterThan(0)
    const bytes = readFileSync(out)
    for (const secret of [TOKEN, EMAIL, 'ACME', 'acme']) expect(bytes.includes(Buffer.from(secret))).toBe(false)
    const db = openStore(out, { readonly: true })
    try {
      expect(listNotes(db).map((n) => [n.session, n.prompt, n.text])).toEqual([
        [TWO_PROMPTS, 1, expect.stringMatching(/^the agent printed \[REDACTED:github-token\]; ask \[REDACTED:email[^\]]*\]$/)]
      ])
      // The two labels became one: the copy keeps one row rather than failing on the key.
      expect(listTags(db).map((t) => [t.prompt, t.label])).toEqual([
        [null, 'client-[REDACTED:client]'],
        [2, 'slow']
      ])
      const h = listHistory(db)
      expect(h.every((e) => e.session === TWO_PROMPTS || e.session === null)).toBe(true)
      expect(h.find((e) => e.kind === 'allow')?.detail).toBe('pattern ^[REDACTED:client]-\\d+$')
      expect(h.find((e) => e.kind === 'disposition')).toMatchObject({
        detail: 'ignored',
        actor: expect.stringMatching(/^Ada <\[REDACTED:email[^\]]*\]>$/),
        reason: 'rotated [REDACTED:github-token]'
      })
      expect(db.prepare('SELECT value FROM review_dispositions').pluck().all()).toEqual(['ignored'])
    } finally {
      db.close()
    }
    // The last check over the published copy finds nothing left.
    expect(lateCheckDatabase(out, engineOptions(config)('tool_output')).total).toBe(0)
  })

  it('dry-run --export-db publishes the review redacted in every file, and the late check passes', async () => {
    const d = tmpDir()
    removeLater(d)
    const work = join(d, 'work.sqlite')
    await plantedStore(work)
    const rules = join(d, 'rules.yml')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(rules, CONFIG)
    const outDir = join(d, 'report')
    const io = captureIo()
    const code = await main(
      [
        'dry-run',
        join(fixtures, 'codex'),
        '--db',
        work,
        '--rules',
        rules,
        '--out',
        outDir,
        '--mode',
        'prompts',
        '--formats',
        'md,json,html',
        '--export-db',
        '--tagged',
        'client-ACME',
        '--quiet',
        '--now',
        '2026-04-01T00:00:00Z'
      ],
      io
    )
    expect(io.stderr).toMatch(/Late check: nothing found in the final files/)
    expect(code).toBe(0)
    const files = readdirSync(outDir)
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'report.html', 'ai-log-trail.sqlite']))
    for (const f of files) {
      const bytes = readFileSync(join(outDir, f))
      for (const secret of [TOKEN, EMAIL, 'ACME']) expect({ f, leaked: bytes.includes(Buffer.from(secret)) ? secret : null }).toEqual({ f, leaked: null })
    }
    const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as { sessions: { id: string; review?: { notes: { text: string }[] } }[] }
    expect(report.sessions.map((s) => s.id)).toEqual([TWO_PROMPTS])
    expect(report.sessions[0].review?.notes.map((n) => n.text)).toEqual([
      expect.stringMatching(/^the agent printed \[REDACTED:github-token\]; ask \[REDACTED:email[^\]]*\]$/)
    ])
  })
})
