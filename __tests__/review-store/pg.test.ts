import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { connectPg, type PgClient } from '../../src/store/pg/connect.js'
import { copyStore } from '../../src/store/pg/copy.js'
import { verifyRun } from '../../src/store/pg/verify.js'
import { setDisposition } from '../../src/store/review-dispositions.js'
import { appendHistory } from '../../src/store/review-history.js'
import { addNote } from '../../src/store/review-notes.js'
import { addTag } from '../../src/store/review-tags.js'
import { describePg, freshDatabase, type TestDatabase } from '../pg/pg-helpers.js'
import { cleanUpAfterEach, fixtures } from '../helpers.js'

const { ingest } = cleanUpAfterEach()
const TWO_PROMPTS = '0199a1b2-0000-7000-8000-00000000c0de'

describePg('a reviewed store in PostgreSQL', () => {
  let target: TestDatabase
  let client: PgClient
  beforeAll(async () => {
    target = await freshDatabase()
    client = await connectPg(target.url)
  })
  afterAll(async () => {
    await client?.end()
    await target?.drop()
  })

  it('copies tags (the session-wide prompt 0 too), notes, dispositions and history, and verifies them', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    const by = { actor: 'Ada' }
    addTag(db, { session: TWO_PROMPTS, label: 'TICKET-42' }, by)
    addTag(db, { session: TWO_PROMPTS, prompt: 2, label: 'TICKET-42' }, by)
    addNote(db, { session: TWO_PROMPTS, prompt: 1, text: 'a note' }, by)
    setDisposition(db, { session: TWO_PROMPTS, prompt: 1 }, 'followed', by)
    appendHistory(db, { kind: 'redaction', action: 'add', detail: 'literal x', actor: 'Bo' })
    await copyStore(db, client, 'reviewed.sqlite')
    const count = async (t: string) => Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`)).rows[0].n)
    expect(await count('review_tags')).toBe(2)
    expect(await count('review_notes')).toBe(1)
    expect(await count('review_dispositions')).toBe(1)
    expect(await count('review_history')).toBe(5)
    expect((await verifyRun(db, client, 1)).ok).toBe(true)
  })
})
