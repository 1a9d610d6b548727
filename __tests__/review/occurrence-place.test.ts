import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config/load.js'
import { addOccurrence, addRule, listEntries } from '../../src/review/entries.js'
import { rulesEntryFor } from '../../src/review/history-rules.js'
import type { HistoryEntry } from '../../src/store/review-history.js'
import { COMMENTED_RULES } from './fixture.js'

/* Overrides naming an event by its place under a prompt, and history entries matched back to the rules file (self-written texts). */

const WHO = { actor: 'alice', date: '2026-12-06' }
const SESSION = '0199a1b2-0000-7000-8000-00000000c0de'
const cfg = (text: string) => parseConfig(text, 'x.yml')

describe('an occurrence named by its place under a prompt', () => {
  it('is written as prompt and action, described so, and read back by the config', () => {
    const r = addOccurrence(COMMENTED_RULES, { session: SESSION, field: 'output', prompt: 2, action: 3, value: 'Initech' }, 'for Initech now', WHO)
    expect(cfg(r.text).overrides).toEqual([expect.objectContaining({ session: SESSION, prompt: 2, action: 3, field: 'output', find: 'Initech' })])
    expect(r.text).not.toMatch(/event:/)
    expect(r.note).toEqual(expect.objectContaining({ session: SESSION, prompt: 2, detail: 'redact "Initech" in the output of action 3 under prompt 2' }))
    expect(listEntries(r.text).at(-1)?.detail).toBe(r.note.detail)
  })

  it('must name its place one way only', () => {
    const add = (o: { prompt?: number; action?: number; event?: number; field: 'prompt' | 'output' }) =>
      addOccurrence(COMMENTED_RULES, { session: SESSION, value: 'Initech', ...o }, 'Initech', WHO)
    expect(() => add({ field: 'output', prompt: 2 })).toThrow(/place under a prompt/)
    expect(() => add({ field: 'output', event: 7, action: 1 })).toThrow(/place under a prompt/)
    expect(() => add({ field: 'prompt', prompt: 2, action: 1 })).toThrow(/place under a prompt/)
    expect(() => add({ field: 'output', event: 7 })).not.toThrow()
  })

  it('the config refuses an action without its prompt, or for the prompt itself', () => {
    const audit = 'actor: a\n    date: 2026-12-06\n    reason: r'
    expect(() => cfg(`overrides:\n  - session: ${SESSION}\n    event: 4\n    action: 1\n    field: output\n    find: x\n    ${audit}\n`)).toThrow(/action/)
    expect(() => cfg(`overrides:\n  - session: ${SESSION}\n    prompt: 1\n    action: 1\n    field: prompt\n    find: x\n    ${audit}\n`)).toThrow(/action/)
  })
})

describe('a history entry matched back to the rules file', () => {
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
    id: 1,
    at: '2026-12-06T10:00:00.000Z',
    actor: 'alice',
    kind: 'redaction',
    action: 'add',
    session: null,
    prompt: null,
    detail: '',
    reason: null,
    ...over
  })

  it('finds the entry an add put there, the latest by the same actor when several are alike', () => {
    let text = addOccurrence(COMMENTED_RULES, { session: SESSION, field: 'output', prompt: 2, action: 3, value: 'Initech' }, 'Initech', WHO).text
    text = addOccurrence(text, { session: SESSION, field: 'output', prompt: 2, action: 3, value: 'Initech' }, 'Initech', { ...WHO, actor: 'bob' }).text
    text = addOccurrence(text, { session: SESSION, field: 'output', prompt: 2, action: 3, value: 'Initech' }, 'Initech', WHO).text
    const e = entry({ session: SESSION, prompt: 2, detail: 'redact "Initech" in the output of action 3 under prompt 2' })
    expect(rulesEntryFor(listEntries(text), e)?.ref).toBe('overrides[2]')
    expect(rulesEntryFor(listEntries(text), { ...e, actor: 'bob' })?.ref).toBe('overrides[1]')
    expect(rulesEntryFor(listEntries(text), { ...e, actor: 'carol' })?.ref).toBe('overrides[2]')
    // Another place, another session, a removal, a tag: nothing in the file to undo.
    expect(rulesEntryFor(listEntries(text), { ...e, prompt: 3 })).toBeUndefined()
    expect(rulesEntryFor(listEntries(text), { ...e, session: 'other' })).toBeUndefined()
    expect(rulesEntryFor(listEntries(text), { ...e, action: 'remove' })).toBeUndefined()
    expect(rulesEntryFor(listEntries(text), { ...e, kind: 'tag' })).toBeUndefined()
  })

  it('finds a rule by the line its add recorded', () => {
    const added = addRule(COMMENTED_RULES, { value: 'Globex', id: 'client2' })
    expect(rulesEntryFor(listEntries(added.text), entry({ detail: added.note.detail }))?.entry).toEqual({ id: 'client2', literals: ['Globex'] })
  })
})
