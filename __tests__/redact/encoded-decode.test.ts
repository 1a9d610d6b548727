import { describe, it, expect } from '@jest/globals'
import { certainlyNoise, decodeBase64 } from '../../src/redact/engine/encoded.js'
import { prng } from '../helpers.js'

/*
 * `decodeBase64` rejects most runs without making a buffer (`certainlyNoise`). These hold it to
 * what it did before, decoding every run with Buffer.from: the same answer on every run,
 * including texts either side of its thresholds. Self-written inputs from
 * a seeded generator.
 */

/** The decoder as it was, kept here as the reference. */
function decodeWithBuffer(run: string): string | undefined {
  if (/^[0-9a-fA-F]+$/.test(run) || run.length > 1 << 20) return undefined
  const body = run.replace(/=+$/, '')
  if (body.length % 4 === 1) return undefined
  const bytes = Buffer.from(body, 'base64')
  let control = 0
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) control++
  if (control / bytes.length > 0.05) return undefined
  const decoded = bytes.toString('utf8')
  let bad = 0
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i)
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++
  }
  return decoded.length >= 8 && bad / decoded.length <= 0.05 ? decoded : undefined
}

function controlShare(body: string): number {
  const bytes = Buffer.from(body, 'base64')
  let n = 0
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) n++
  return n / bytes.length
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_'
const NON_ASCII = ['é', '→', '日本', '😀', 'ß']

/**
 * Base64 (standard or URL-safe, padded or not) of text: printable ASCII and UTF-8 characters,
 * with about `control` control bytes and `stray` random bytes of 0x80 and up put in.
 */
function encodedText(rand: () => number, length: number, control: number, stray = 0): string {
  let text = ''
  while (text.length < length) text += rand() < 0.1 ? NON_ASCII[Math.floor(rand() * NON_ASCII.length)] : String.fromCharCode(0x20 + Math.floor(rand() * 95))
  const b = Buffer.from(text, 'utf8')
  for (let k = 0; k < control; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 9)
  for (let k = 0; k < stray; k++) b[Math.floor(rand() * b.length)] = 0x80 + Math.floor(rand() * 128)
  const encoded = b.toString(rand() < 0.5 ? 'base64' : 'base64url')
  return rand() < 0.5 ? encoded.replace(/=+$/, '') : encoded
}

/** A run of texts either side of the thresholds, and of random base64 characters. */
function someRuns(rand: () => number, n: number): string[] {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const length = 18 + Math.floor(rand() * 300)
    if (i % 3 === 2) {
      let run = ''
      for (let k = 0; k < length; k++) run += ALPHABET[Math.floor(rand() * ALPHABET.length)]
      out.push(run.length % 4 === 1 ? run.slice(1) : run)
    } else {
      out.push(encodedText(rand, length, Math.floor(rand() * length * 0.08), Math.floor(rand() * length * 0.08)))
    }
  }
  return out
}

describe('decodeBase64 without a buffer for noise', () => {
  const rand = prng(7)
  const runs = someRuns(rand, 3000)
  const bodies = runs.map((r) => r.replace(/=+$/, ''))

  it('calls noise only what the buffer decoder rejects', () => {
    const wrong = bodies.filter((b) => certainlyNoise(b) && decodeWithBuffer(b) !== undefined)
    expect(wrong).toEqual([])
    // Both answers are given, often.
    expect(bodies.filter((b) => certainlyNoise(b)).length).toBeGreaterThan(600)
    expect(bodies.filter((b) => decodeWithBuffer(b) !== undefined).length).toBeGreaterThan(300)
  })

  it('calls noise every run with too many control bytes, which the buffer decoder rejected first', () => {
    const missed = bodies.filter((b) => controlShare(b) > 0.05 && !certainlyNoise(b))
    expect(missed).toEqual([])
  })

  it('leaves what it cannot read to Buffer.from', () => {
    // Characters outside base64, and a length no base64 has.
    expect(certainlyNoise('AAAAAAAA AAAAAAAA')).toBe(false)
    expect(certainlyNoise('AAAA=AAAAAAA')).toBe(false)
    expect(certainlyNoise('AAAAA')).toBe(false)
    expect(certainlyNoise('AAAAAAAA')).toBe(true)
  })

  it('decodes every run as the buffer-only decoder did', () => {
    const wrong = runs.filter((r) => decodeBase64(r) !== decodeWithBuffer(r))
    expect(wrong).toEqual([])
    for (const run of ['', 'deadbeefdeadbeefdeadbeefdeadbeef', 'QUtJQUlPU0ZPRE5ON0VYQU1QTEU=', 'c2stcHJvai0xMjM0NTY3ODkw==', 'a'.repeat(25)]) {
      expect([run, decodeBase64(run)]).toEqual([run, decodeWithBuffer(run)])
    }
  })
})
