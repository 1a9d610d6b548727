import { describe, expect, it } from '@jest/globals'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { clearDisposition, listDispositions, parseDisposition, setDisposition } from '../../src/store/review-dispositions.js'
import { appendHistory, listHistory } from '../../src/store/review-history.js'
import { addNote, listNotes, removeNote } from '../../src/store/review-notes.js'
import { anyReview, sessionReview } from '../../src/store/review-session.js'
import { addTag, listTags, removeTag, sessionsTagged } from '../../src/store/review-tags.js'
import { checkPrompt, resolveSession, ReviewTargetError } from '../../src/store/review-target.js'
import { undoHistory } from '../../src/store/review-undo.js'
import { cleanUpAfterEach, fixtures, tmpDir } from '../helpers.js'

const { ingest, removeLater } = cleanUpAfterEach()
const TWO_PROMPTS = '0199a1b2-0000-7000-8000-00000000c0de'
const OTHER = '0199a1b2-0000-7000-8000-00000000f0c5'
const by = { actor: 'Ada Reviewer' }

describe('review tags', () => {
  it('tags a session and a prompt once each, lists them and finds the sessions by label without case', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    expect(addTag(db, { session: TWO_PROMPTS, label: 'TICKET-12' }, by)).toBe(true)
    expect(addTag(db, { session: TWO_PROMPTS, label: 'TICKET-12' }, by)).toBe(false)
    expect(addTag(db, { session: OTHER, prompt: 1, label: ' theme:tests ' }, by)).toBe(true)
    expect(listTags(db).map((t) => [t.session, t.prompt, t.label])).toEqual([
      [TWO_PROMPTS, null, 'TICKET-12'],
      [OTHER, 1, 'theme:tests']
    ])
    expect([...sessionsTagged(db, ['ticket-12'])]).toEqual([TWO_PROMPTS])
    expect([...sessionsTagged(db, ['theme:tests', 'nope'])]).toEqual([OTHER])
    expect(sessionsTagged(db, [])).toEqual(new Set())
    expect(() => addTag(db, { session: OTHER, label: '  ' }, by)).toThrow(/label/)
    expect(() => addTag(db, { session: OTHER, label: 'a\nb' }, by)).toThrow(/one line/)
  })

  it('removes a tag with a history entry and says when there was none', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    addTag(db, { session: TWO_PROMPTS, prompt: 2, label: 'slow' }, { actor: 'a', at: '2026-12-01T10:00:00.000Z' })
    expect(removeTag(db, { session: TWO_PROMPTS, prompt: 2, label: 'slow' }, { actor: 'b', reason: 'not slow after all' })).toBe(true)
    expect(removeTag(db, { session: TWO_PROMPTS, prompt: 2, label: 'slow' }, { actor: 'b' })).toBe(false)
    expect(listTags(db)).toEqual([])
    const h = listHistory(db)
    expect(h.map((e) => [e.kind, e.action, e.session, e.prompt, e.detail, e.actor, e.reason])).toEqual([
      ['tag', 'add', TWO_PROMPTS, 2, 'slow', 'a', null],
      ['tag', 'remove', TWO_PROMPTS, 2, 'slow', 'b', 'not slow after all']
    ])
    expect(h[0].at).toBe('2026-12-01T10:00:00.000Z')
    expect(h[1].at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })
})

describe('review notes and dispositions', () => {
  it('adds and removes notes by id, the history keeping both', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    const n1 = addNote(db, { session: TWO_PROMPTS, prompt: 1, text: 'asked twice' }, by)
    const n2 = addNote(db, { session: TWO_PROMPTS, text: 'whole session: fine' }, by)
    expect(n2.id).toBeGreaterThan(n1.id)
    expect(listNotes(db, { session: '0199a1b2-0000-7000-8000-00000000c' }).map((n) => [n.prompt, n.text])).toEqual([
      [1, 'asked twice'],
      [null, 'whole session: fine']
    ])
    expect(removeNote(db, n1.id, by)?.text).toBe('asked twice')
    expect(removeNote(db, n1.id, by)).toBeUndefined()
    expect(listNotes(db).map((n) => n.id)).toEqual([n2.id])
    expect(listHistory(db, { kind: 'note' }).map((e) => [e.action, e.detail])).toEqual([
      ['add', 'asked twice'],
      ['add', 'whole session: fine'],
      ['remove', 'asked twice']
    ])
  })

  it('sets, replaces and clears a disposition; replacing records the removal of the old value first', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    const t = { session: TWO_PROMPTS, prompt: 2 }
    expect(setDisposition(db, t, 'followed', by)).toBe(true)
    expect(setDisposition(db, t, 'followed', by)).toBe(false)
    expect(setDisposition(db, t, 'needs-review', by)).toBe(true)
    expect(listDispositions(db).map((d) => [d.session, d.prompt, d.value])).toEqual([[TWO_PROMPTS, 2, 'needs-review']])
    expect(clearDisposition(db, t, by)).toBe(true)
    expect(clearDisposition(db, t, by)).toBe(false)
    expect(listHistory(db).map((e) => `${e.action} ${e.detail}`)).toEqual(['add followed', 'remove followed', 'add needs-review', 'remove needs-review'])
    expect(() => setDisposition(db, t, 'maybe' as never, by)).toThrow()
  })

  it('reads a disposition as a person types it', () => {
    expect(parseDisposition('needs review')).toBe('needs-review')
    expect(parseDisposition('Needs_Review')).toBe('needs-review')
    expect(parseDisposition(' followed ')).toBe('followed')
    expect(parseDisposition('done')).toBeUndefined()
  })
})

describe('review history', () => {
  it('records an entry from outside (a rules-file edit) with one call, and filters by session prefix, prompt, kind and count', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    appendHistory(db, { kind: 'redaction', action: 'add', detail: 'literal ACME', actor: 'Ada', reason: 'client name' })
    // A rules-file edit's own description, passed as it is with who and why added.
    const edit = { kind: 'private' as const, action: 'add' as const, session: OTHER, prompt: 1, detail: 'prompt 1', file: '.github/ai-log-trail.yml' }
    expect(appendHistory(db, { ...edit, actor: 'Ada' })).not.toHaveProperty('file')
    addTag(db, { session: OTHER, label: 'x' }, by)
    expect(listHistory(db).map((e) => e.kind)).toEqual(['redaction', 'private', 'tag'])
    expect(listHistory(db, { session: OTHER.slice(0, 10) }).map((e) => e.kind)).toEqual(['private', 'tag'])
    expect(listHistory(db, { prompt: 1 }).map((e) => e.kind)).toEqual(['private'])
    expect(listHistory(db, { kind: 'redaction' })[0]).toMatchObject({ session: null, prompt: null, reason: 'client name', detail: 'literal ACME' })
    expect(listHistory(db, { limit: 2 }).map((e) => e.kind)).toEqual(['private', 'tag'])
    expect(() => appendHistory(db, { kind: 'tag', action: 'add', detail: 'x', actor: ' ' })).toThrow()
    expect(() => appendHistory(db, { kind: 'secret' as never, action: 'add', detail: 'x', actor: 'a' })).toThrow()
  })

  it('undoes a tag, a note and a disposition by their entries, adding entries and deleting none', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    addTag(db, { session: TWO_PROMPTS, label: 'keep' }, by)
    addNote(db, { session: TWO_PROMPTS, prompt: 2, text: 'check this' }, by)
    setDisposition(db, { session: TWO_PROMPTS, prompt: 1 }, 'ignored', by)
    const [tagAdd, noteAdd, dispAdd] = listHistory(db)
    undoHistory(db, tagAdd.id, { actor: 'Bo' })
    expect(listTags(db)).toEqual([])
    undoHistory(db, noteAdd.id, { actor: 'Bo' })
    expect(listNotes(db)).toEqual([])
    undoHistory(db, dispAdd.id, { actor: 'Bo', reason: 'was right' })
    expect(listDispositions(db)).toEqual([])
    const h = listHistory(db)
    expect(h).toHaveLength(6)
    expect(h.slice(3).map((e) => [e.kind, e.action, e.actor, e.reason])).toEqual([
      ['tag', 'remove', 'Bo', `undo of #${tagAdd.id}`],
      ['note', 'remove', 'Bo', `undo of #${noteAdd.id}`],
      ['disposition', 'remove', 'Bo', 'was right']
    ])
    // Undoing a removal puts the thing back.
    undoHistory(db, h[3].id, { actor: 'Bo' })
    undoHistory(db, h[4].id, { actor: 'Bo' })
    undoHistory(db, h[5].id, { actor: 'Bo' })
    expect(listTags(db).map((t) => t.label)).toEqual(['keep'])
    expect(listNotes(db).map((n) => [n.prompt, n.text])).toEqual([[2, 'check this']])
    expect(listDispositions(db).map((d) => d.value)).toEqual(['ignored'])
    // Twice is once too many; rules-file entries are not undone here.
    expect(() => undoHistory(db, h[3].id, by)).toThrow(ReviewTargetError)
    expect(() => undoHistory(db, 999, by)).toThrow(/no history entry/)
    const r = appendHistory(db, { kind: 'allow', action: 'add', detail: 'x', actor: 'a' })
    expect(() => undoHistory(db, r.id, by)).toThrow(/rules-file/)
  })
})

describe('review targets', () => {
  it('resolves a session by id or unique prefix and checks prompt numbers against the stored turns', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    expect(resolveSession(db, TWO_PROMPTS)).toBe(TWO_PROMPTS)
    expect(resolveSession(db, '7d3e9f10')).toBe('7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f')
    expect(() => resolveSession(db, '0199a1b2')).toThrow(/ambiguous/)
    expect(() => resolveSession(db, 'ffff')).toThrow(/no session/)
    expect(() => checkPrompt(db, TWO_PROMPTS, 2)).not.toThrow()
    expect(() => checkPrompt(db, TWO_PROMPTS, 3)).toThrow(/no prompt 3/)
    expect(() => checkPrompt(db, TWO_PROMPTS, 0)).toThrow(/counts from 1/)
  })
})

describe('review rows across a re-ingest', () => {
  it('stay on the same session and prompt number when the log is rewritten and read again', async () => {
    const d = tmpDir()
    removeLater(d)
    const log = join(d, 'rollout.jsonl')
    const name = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'
    cpSync(join(fixtures, 'codex', name), log)
    const db = openStore(join(d, 'db.sqlite'))
    try {
      await ingestPaths(db, [log])
      const firstPrompt = () => db.prepare('SELECT text FROM prompts WHERE session_id = ? AND ordinal = 1').pluck().get(TWO_PROMPTS)
      const before = firstPrompt()
      addTag(db, { session: TWO_PROMPTS, prompt: 2, label: 'kept' }, by)
      addNote(db, { session: TWO_PROMPTS, prompt: 2, text: 'still here' }, by)
      setDisposition(db, { session: TWO_PROMPTS, prompt: 2 }, 'followed', by)
      expect(anyReview(db)).toBe(true)
      // Rewritten in place (its first prompt reworded): every record is read again.
      const text = readFileSync(log, 'utf8')
      const changed = text.replaceAll('so it streams input', 'so it streams lines')
      expect(changed).not.toBe(text)
      writeFileSync(log, changed)
      await ingestPaths(db, [log])
      expect(firstPrompt()).not.toBe(before)
      const r = sessionReview(db, TWO_PROMPTS)!
      expect(r.tags.map((t) => [t.prompt, t.label])).toEqual([[2, 'kept']])
      expect(r.notes.map((n) => [n.prompt, n.text])).toEqual([[2, 'still here']])
      expect(r.dispositions.map((x) => [x.prompt, x.value])).toEqual([[2, 'followed']])
      expect(() => checkPrompt(db, TWO_PROMPTS, 2)).not.toThrow()
    } finally {
      db.close()
    }
  })

  it('a store without review rows says so, and a session without any has none', async () => {
    const { db } = await ingest([join(fixtures, 'codex')])
    expect(anyReview(db)).toBe(false)
    expect(sessionReview(db, TWO_PROMPTS)).toBeUndefined()
  })
})
