import { describe, expect, it } from '@jest/globals'
import { shortIds } from '../../src/render/text.js'

/*
 * `shortIds` holds only the ids that could share a UUID's 8-character label (those that start with
 * 8 hex digits), so a report of many ids of another form (Aider's) holds none of them; the labels
 * are those of counting every id. Self-written ids.
 */

/** The labels as counted over every id, held whole: the rule `shortIds` implements. */
function everyIdCounted(ids: string[]): (id: string) => string {
  const all = new Set(ids)
  const count = (p: string) => [...all].filter((x) => x.slice(0, 8) === p).length
  return (id) => (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) && count(id.slice(0, 8)) + (all.has(id) ? 0 : 1) <= 1 ? id.slice(0, 8) : id)
}

describe('short session labels', () => {
  it('count an id of another form that starts with a UUID’s 8 hex digits, and no other', () => {
    const ids = [
      'abcdef12-0000-4000-8000-000000000001',
      'abcdef12',
      '0123ABCD-0000-4000-8000-000000000002',
      '0123abcd-0000-4000-8000-000000000003',
      '99999999-0000-4000-8000-000000000004',
      '99999999x',
      '77777777-0000-4000-8000-000000000005',
      'aider-77777777',
      'aider-0000000000000000',
      'abcdef12-0000-4000-8000-000000000001'
    ]
    const label = shortIds(ids)
    const expected = everyIdCounted(ids)
    const asked = [...ids, '77777777-0000-4000-8000-00000000ffff', '55555555-0000-4000-8000-000000000000', 'aider-x']
    for (const id of asked) expect([id, label(id)]).toEqual([id, expected(id)])
    expect(label('abcdef12-0000-4000-8000-000000000001')).toBe('abcdef12-0000-4000-8000-000000000001')
    expect(label('77777777-0000-4000-8000-000000000005')).toBe('77777777')
    // An id not among them whose prefix no other id has is short; one whose prefix another has is not.
    expect(label('55555555-0000-4000-8000-000000000000')).toBe('55555555')
    expect(label('77777777-0000-4000-8000-00000000ffff')).toBe('77777777-0000-4000-8000-00000000ffff')
  })
})
