/*
 * Token bodies for the detectors' examples. They are drawn from a fixed seed, so every build
 * shows the same examples, and assembled when the module loads, so the repository holds no
 * contiguous token that a secret scanner (or push protection) would flag.
 */

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
export const HEX = '0123456789abcdef'
export const DIGITS = '0123456789'
export const BASE64 = ALNUM + '+/'
export const URLSAFE = ALNUM + '_-'

let state = 0x5eed1
/** mulberry32 */
function next(): number {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const drawnBodies = new Set<string>()
/** Every body drawn so far, so a test can check that a finding covers each one it is shown. */
export const drawn: ReadonlySet<string> = drawnBodies

const hasDigit = /[0-9]/
const hasLetter = /[A-Za-z]/

/** `n` characters of `charset`, holding a digit and a letter when it has both, as a drawn token does. */
export function fake(charset: string, n: number): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(charset[Math.floor(next() * charset.length)])
  const digits = [...charset].filter((c) => hasDigit.test(c))
  const letters = [...charset].filter((c) => hasLetter.test(c))
  if (n >= 8 && digits.length > 0 && !out.some((c) => hasDigit.test(c))) out[n >> 1] = digits[Math.floor(next() * digits.length)]
  if (n >= 8 && letters.length > 0 && !out.some((c) => hasLetter.test(c))) out[n >> 2] = letters[Math.floor(next() * letters.length)]
  const body = out.join('')
  drawnBodies.add(body)
  return body
}

export const an = (n: number): string => fake(ALNUM, n)
export const lowerAn = (n: number): string => fake(LOWER_ALNUM, n)
export const upperAn = (n: number): string => fake(UPPER_ALNUM, n)
export const hex = (n: number): string => fake(HEX, n)
export const digits = (n: number): string => fake(DIGITS, n)
export const b64 = (n: number): string => fake(BASE64, n)
export const urlsafe = (n: number): string => fake(URLSAFE, n)
