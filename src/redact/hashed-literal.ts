import { createHash, randomBytes } from 'node:crypto'
import type { HashedLiteral } from '../config/schema.js'

/*
 * A value the rules file must name without holding it: a salted SHA-256 and the value's length.
 * The salt is random per entry, so the same secret hashed twice gives two unrelated entries and a
 * table of precomputed hashes does not apply; a secret's own entropy is what keeps the hash from
 * being reversed by guessing, which is why only secret-looking values are written this way.
 */

const WORD = /[A-Za-z0-9_]/

function digest(salt: string, value: string): string {
  return createHash('sha256').update(salt).update('\0').update(value).digest('hex')
}

export function hashLiteral(value: string, salt = randomBytes(16).toString('hex')): HashedLiteral {
  return { sha256: digest(salt, value), salt, length: value.length }
}

/** A place a token may start or end: not between two word characters. */
function boundary(text: string, at: number): boolean {
  return at === 0 || at === text.length || !WORD.test(text[at - 1]) || !WORD.test(text[at])
}

/**
 * Every place `text` holds the hashed value, as `[start, end)` ranges. Candidates are the runs of
 * the value's length that start and end on a token boundary (so a selection of whole words or a
 * whole token is found, part of a word is not), each hashed and compared.
 */
export function findHashed(text: string, h: HashedLiteral): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i + h.length <= text.length; i++) {
    if (!boundary(text, i) || !boundary(text, i + h.length)) continue
    if (digest(h.salt, text.slice(i, i + h.length)) === h.sha256) {
      out.push([i, i + h.length])
      i += h.length - 1
    }
  }
  return out
}

/** Every place `text` holds `find`, a plain string or a hashed literal; plain strings match exactly. */
export function findOccurrences(text: string, find: string | HashedLiteral): [number, number][] {
  if (typeof find !== 'string') return findHashed(text, find)
  const out: [number, number][] = []
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + find.length)) out.push([at, at + find.length])
  return out
}

/** `text` with every occurrence of `find` replaced; `count` says how many there were. */
export function replaceOccurrences(text: string, find: string | HashedLiteral, replacement: string): { text: string; count: number } {
  const found = findOccurrences(text, find)
  if (found.length === 0) return { text, count: 0 }
  let out = ''
  let last = 0
  for (const [start, end] of found) {
    out += text.slice(last, start) + replacement
    last = end
  }
  return { text: out + text.slice(last), count: found.length }
}
