import { describe, it, expect } from '@jest/globals'
import { decodeBase64, mostlyControl } from '../../src/redact/engine/encoded.js'

/*
 * `decodeBase64` rejects most runs without making a buffer (`mostlyControl`). These hold it to
 * what it did before, decoding every run with Buffer.from: the same answer on every run,
 * including the texts just either side of the control-byte threshold. Self-written inputs from
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

function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_'

/** Base64 (standard or URL-safe, padded or not) of printable text with `control` control bytes. */
function encodedText(rand: () => number, bytes: number, control: number): string {
  const b = Buffer.alloc(bytes)
  for (let i = 0; i < bytes; i++) b[i] = 0x20 + Math.floor(rand() * 95)
  for (let k = 0; k < control; k++) b[Math.floor(rand() * bytes)] = Math.floor(rand() * 9)
  const text = b.toString(rand() < 0.5 ? 'base64' : 'base64url')
  return rand() < 0.5 ? text.replace(/=+$/, '') : text
}

describe('decodeBase64 without a buffer for noise', () => {
  const rand = prng(7)

  it('says "mostly control" exactly when the decoded bytes hold more than 5 % control bytes', () => {
    let above = 0
    let below = 0
    const wrong: string[] = []
    for (let i = 0; i < 2000; i++) {
      const bytes = 18 + Math.floor(rand() * 300)
      const body = encodedText(rand, bytes, Math.floor(rand() * bytes * 0.12)).replace(/=+$/, '')
      const expected = controlShare(body) > 0.05
      if (mostlyControl(body) !== expected) wrong.push(body)
      if (expected) above++
      else below++
    }
    expect(wrong).toEqual([])
    // Both sides of the threshold are tried, often.
    expect(above).toBeGreaterThan(250)
    expect(below).toBeGreaterThan(250)
  })

  it('says "mostly control" for random runs as Buffer.from does, in both alphabets', () => {
    const wrong: string[] = []
    for (let i = 0; i < 2000; i++) {
      const length = 24 + Math.floor(rand() * 200)
      let body = ''
      for (let k = 0; k < length; k++) body += ALPHABET[Math.floor(rand() * ALPHABET.length)]
      if (body.length % 4 === 1) body = body.slice(1)
      if (mostlyControl(body) !== controlShare(body) > 0.05) wrong.push(body)
    }
    expect(wrong).toEqual([])
  })

  it('leaves what it cannot read to Buffer.from', () => {
    // Characters outside base64, and a length no base64 has.
    expect(mostlyControl('AAAAAAAA AAAAAAAA')).toBe(false)
    expect(mostlyControl('AAAA=AAAAAAA')).toBe(false)
    expect(mostlyControl('AAAAA')).toBe(false)
    expect(mostlyControl('AAAAAAAA')).toBe(true)
  })

  it('decodes every run as the buffer-only decoder did', () => {
    let decoded = 0
    const wrong: string[] = []
    for (let i = 0; i < 2000; i++) {
      const bytes = 18 + Math.floor(rand() * 300)
      const run = encodedText(rand, bytes, Math.floor(rand() * bytes * 0.08))
      const got = decodeBase64(run)
      if (got !== decodeWithBuffer(run)) wrong.push(run)
      if (got !== undefined) decoded++
    }
    expect(wrong).toEqual([])
    for (const run of ['', 'deadbeefdeadbeefdeadbeefdeadbeef', 'QUtJQUlPU0ZPRE5ON0VYQU1QTEU=', 'c2stcHJvai0xMjM0NTY3ODkw==', 'a'.repeat(25)]) {
      expect([run, decodeBase64(run)]).toEqual([run, decodeWithBuffer(run)])
    }
    expect(decoded).toBeGreaterThan(250)
  })
})
