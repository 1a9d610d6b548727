import { describe, expect, it } from '@jest/globals'
import { buildViews, toOriginal } from '../../src/redact/engine/views.js'
import { prng } from '../helpers.js'

/*
 * Gutter-stripped and joined views are cut from their parents in pieces, adjacent copies made
 * as one slice. Whatever the slicing, each character of such a view must be the character its
 * offset maps back to, and every line the parent keeps must be there. Self-written, seeded texts
 * of numbered, diff and quoted lines, hard wraps, fold widths and indented continuations.
 */

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_'

function line(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const token = (n: number): string => Array.from({ length: n }, () => pick([...TOKEN])).join('')
  const body = pick([
    () => token(8 + Math.floor(rand() * 40)),
    () => token(64),
    () => token(76),
    () => `    ${token(20)}`,
    () => `key = ${token(30)}`,
    () => 'a few words of prose, then more',
    () => '',
    () => `def f(self, a):`
  ])()
  const gutter = pick(['', '', '', '     12\t', '    7→', '12: ', '3 | ', '+', '-', '> ', '--- '])
  return gutter + body + (rand() < 0.1 ? '\r' : '')
}

function texts(seed: number, n = 1500): string[] {
  const rand = prng(seed)
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() * 12) }, () => line(rand)).join('\n'))
}

describe('views cut in pieces', () => {
  it('each character of a gutter-stripped or joined view is the one its offset maps back to', () => {
    let pieced = 0
    let joined = 0
    const wrong: string[] = []
    for (const text of texts(5)) {
      for (const view of buildViews(text)) {
        if (!view.pieces) continue
        pieced++
        if (view.joins) joined++
        for (let v = 0; v < view.text.length; v++) {
          const [start, end] = toOriginal(view, v, v + 1)
          if (end !== start + 1 || text[start] !== view.text[v]) {
            wrong.push(JSON.stringify({ text, view: view.text, v }))
            break
          }
        }
        // Offsets map forward: nothing of the parent is repeated or moved back.
        for (let v = 1; v < view.text.length; v++) {
          if (toOriginal(view, v, v + 1)[0] <= toOriginal(view, v - 1, v)[0]) {
            wrong.push(JSON.stringify({ text, view: view.text, v, order: true }))
            break
          }
        }
      }
    }
    expect(wrong).toEqual([])
    expect(pieced).toBeGreaterThan(1000)
    expect(joined).toBeGreaterThan(300)
  })

  it('a joined view keeps every character but the breaks and indentation at its joins', () => {
    let checked = 0
    for (const text of texts(9, 600)) {
      for (const view of buildViews(text)) {
        if (!view.joins || view.parent?.pieces) continue
        // A joined view of the text itself drops, at each join, exactly the characters between the halves.
        let dropped = 0
        for (const j of view.joins) {
          const [a] = toOriginal(view, j - 1, j)
          const [b] = toOriginal(view, j, j + 1)
          dropped += b - a - 1
        }
        expect(view.text.length).toBe(text.length - dropped)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})
