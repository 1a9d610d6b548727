import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config/load.js'
import { addAllow, addOccurrence, addPrivate, listEntries, looksSecret, removeEntry } from '../../src/review/entries.js'
import { appendEntryText, removeEntryText } from '../../src/review/rules-file.js'
import { COMMENTED_RULES } from './fixture.js'

/* Review entries written into and removed from a rules file with comments everywhere (self-written). */

const WHO = { actor: 'alice', date: '2026-12-06' }
const SESSION = '0199a1b2-0000-7000-8000-00000000c0de'
// Assembled at run time so this file holds no contiguous token.
const GH = 'ghp_' + 'R4nd0mT0k3nV4lu3F0rT3st1ngOnly012345'
const cfg = (text: string) => parseConfig(text, 'x.yml')

describe('adding review entries', () => {
  it('adds a find-override after the file, every byte before it kept, and records what it did', () => {
    const r = addOccurrence(COMMENTED_RULES, { session: SESSION, field: 'prompt', prompt: 1, value: 'Initech' }, 'for Initech now', WHO)
    expect(r.text.startsWith(COMMENTED_RULES)).toBe(true)
    expect(cfg(r.text).overrides).toEqual([
      { session: SESSION, prompt: 1, field: 'prompt', find: 'Initech', actor: 'alice', date: '2026-12-06', reason: 'redacted in review' }
    ])
    expect(r.note).toEqual({ kind: 'redaction', action: 'add', session: SESSION, prompt: 1, detail: 'redact "Initech" in prompt 1' })
  })

  it('writes a secret-looking selection hashed, never in clear', () => {
    const r = addOccurrence(COMMENTED_RULES, { session: SESSION, field: 'output', event: 7, value: GH }, `token: ${GH}\n`, WHO)
    expect(r.text).not.toContain(GH.slice(4))
    const find = cfg(r.text).overrides[0].find
    expect(find).toMatchObject({ length: GH.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(r.note.detail).toBe(`redact a hashed value of ${GH.length} characters in the output of event 7`)
    expect(looksSecret('Initech')).toBe(false)
    expect(looksSecret('a9F3kQ7zL2mX8pR4tV6w')).toBe(true)
  })

  it('refuses a selection the raw field does not hold at token boundaries', () => {
    expect(() => addOccurrence(COMMENTED_RULES, { session: SESSION, field: 'text', event: 3, value: GH }, `x${GH}`, WHO)).toThrow(/not in the raw text/)
    expect(() => addOccurrence(COMMENTED_RULES, { session: SESSION, field: 'text', prompt: 1, value: 'a' }, 'a', WHO)).toThrow(/event id/)
  })

  it('adds allow entries under the existing allow map, keeping its comments', () => {
    const r = addAllow(COMMENTED_RULES, { detector: 'card-number', value: '4111 1111 1111 1111', reason: 'test card' }, WHO)
    expect(r.text).toBe(
      COMMENTED_RULES +
        '  entries:\n    - detector: card-number\n      value: 4111 1111 1111 1111\n      actor: alice\n      date: 2026-12-06\n      reason: test card\n'
    )
    expect(cfg(r.text).allow.entries).toHaveLength(1)
    const again = addAllow(r.text, { detector: 'email', value: 'ops@example.com' }, WHO)
    expect(again.text.startsWith(r.text)).toBe(true)
    expect(cfg(again.text).allow.entries.map((e) => e.detector)).toEqual(['card-number', 'email'])
  })

  it('adds private entries for a session and a prompt', () => {
    const a = addPrivate(COMMENTED_RULES, { session: SESSION }, WHO)
    const b = addPrivate(a.text, { session: SESSION, prompt: 2, reason: 'personal' }, WHO)
    expect(b.text.startsWith(COMMENTED_RULES)).toBe(true)
    expect(cfg(b.text).private).toEqual([
      { session: SESSION, actor: 'alice', date: '2026-12-06', reason: 'private, marked in review' },
      { session: SESSION, prompt: 2, actor: 'alice', date: '2026-12-06', reason: 'personal' }
    ])
    expect(b.note).toEqual({ kind: 'private', action: 'add', session: SESSION, prompt: 2, detail: 'prompt 2 private' })
  })
})

describe('listing and removing entries', () => {
  const built = [
    (t: string) => addOccurrence(t, { session: SESSION, field: 'prompt', prompt: 1, value: 'Initech' }, 'Initech', WHO).text,
    (t: string) => addAllow(t, { detector: 'email', value: 'ops@example.com' }, WHO).text,
    (t: string) => addPrivate(t, { session: SESSION }, WHO).text
  ].reduce((t, f) => f(t), COMMENTED_RULES)

  it('lists every managed entry with its reference, actor, date and reason', () => {
    const list = listEntries(built)
    expect(list.map((e) => [e.ref, e.kind, e.detail])).toEqual([
      ['rules[0]', 'redaction', 'rule client: literals ["Acme Corp"]'],
      ['rules[1]', 'redaction', 'rule ticket: pattern TCK-[0-9]+'],
      ['overrides[0]', 'redaction', 'redact "Initech" in prompt 1'],
      ['allow.entries[0]', 'allow', 'allow "ops@example.com" for email'],
      ['private[0]', 'private', 'session private']
    ])
    expect(list[2]).toMatchObject({ actor: 'alice', date: '2026-12-06', reason: 'redacted in review', session: SESSION })
  })

  it('removing what was added gives back the file byte for byte, in any order', () => {
    let t = built
    for (const ref of ['overrides[0]', 'private[0]']) t = removeEntry(t, ref).text
    const withoutEntries = removeEntry(t, 'allow.entries[0]').text
    // An emptied list stays as its key holding [], the rest is the original file.
    expect(withoutEntries).toBe(COMMENTED_RULES + '  entries: []\noverrides: []\nprivate: []\n')
  })

  it('removes a commented rule and keeps every comment, the removed entry’s own lead comment included', () => {
    const out = removeEntry(COMMENTED_RULES, 'rules[0]')
    expect(out.text).toBe(COMMENTED_RULES.replace('  - id: client\n    literals: ["Acme Corp"]   # the big one\n', ''))
    expect(out.note).toEqual({ kind: 'redaction', action: 'remove', detail: 'removed: rule client: literals ["Acme Corp"]' })
    expect(cfg(out.text).rules.map((r) => r.id)).toEqual(['ticket'])
  })

  it('refuses an entry that changed since it was listed, and a reference to nothing', () => {
    const listed = listEntries(built)[2].entry
    expect(() => removeEntry(built, 'overrides[0]', { ...listed, reason: 'other' })).toThrow(/changed since/)
    expect(removeEntry(built, 'overrides[0]', listed).text).not.toContain('Initech')
    expect(() => removeEntry(built, 'overrides[3]')).toThrow(/no entry 3/)
    expect(() => removeEntry(built, 'keys[0]')).toThrow(/not an entry reference/)
  })

  it('edits flow-style lists through the Document, keeping the comments', () => {
    const flow = '# top\nprivate: [] # none yet\nkeys: [pw] # extra\n'
    const added = appendEntryText(flow, 'private', { session: SESSION, actor: 'a', date: '2026-12-06', reason: 'r' })
    expect(cfg(added).private).toHaveLength(1)
    expect(added).toContain('# extra')
    expect(cfg(removeEntryText(added, 'private', 0)).private).toEqual([])
  })
})
