import { describe, expect, it } from '@jest/globals'
import type { ParseRecord } from '../../src/sources/types.js'
import { lineParser } from '../../src/sources/util/line-parser.js'

/** A counter format: each line adds its length, `end` reports the total. */
const spec = {
  initial: { total: 0 },
  push: (st: { total: number }, line: string, lineNo: number, out: ParseRecord[]) => {
    st.total += line.length
    if (line === 'bad') out.push({ type: 'skip', line: lineNo, reason: 'bad line' })
  },
  end: (st: { total: number }, out: ParseRecord[]) => out.push({ type: 'skip', line: 0, reason: `total ${st.total}` })
}

describe('lineParser', () => {
  it('starts from the initial state without a saved one and keeps it across lines', () => {
    const p = lineParser(undefined, { ...spec, initial: { total: 0 } })
    const out: ParseRecord[] = []
    p.push('ab', 1, out)
    p.push('bad', 2, out)
    p.end(out)
    expect(out).toEqual([
      { type: 'skip', line: 2, reason: 'bad line' },
      { type: 'skip', line: 0, reason: 'total 5' }
    ])
    expect(JSON.stringify(p.state())).toBe('{"total":5}')
  })

  it('resumes from a saved state (a null one, as stored for a stateless parser, means none)', () => {
    const resumed = lineParser(JSON.parse('{"total":10}'), { ...spec, initial: { total: 0 } })
    resumed.push('abc', 3, [])
    expect(resumed.state()).toEqual({ total: 13 })
    expect(lineParser(null, { ...spec, initial: { total: 0 } }).state()).toEqual({ total: 0 })
  })

  it('has nothing to do at the end when the format says nothing about it', () => {
    const p = lineParser(undefined, { initial: { n: 0 }, push: (st: { n: number }) => void st.n++ })
    const out: ParseRecord[] = []
    p.push('x', 1, out)
    p.end(out)
    expect(out).toEqual([])
    expect(p.state()).toEqual({ n: 1 })
  })
})
