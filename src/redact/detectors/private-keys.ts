import type { Detector, Finding } from '../types.js'

/*
 * Key blocks are found procedurally (header regex, then indexOf for the footer) instead of
 * with a BEGIN…END regex: the body may carry gutters, diff prefixes, escaped or stripped
 * newlines, and a missing footer must not cost quadratic time. The body is never parsed:
 * a truncated or garbled key is still a key (trufflehog drops unparsable keys and leaks them).
 */
const PEM_HEADER = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g
const PEM_FOOTER = /-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g
const PUTTY_HEADER = /PuTTY-User-Key-File-\d{1,2}:/g
const PUTTY_MAC = /Private-MAC:[ \t]{0,8}(?:[0-9a-fA-F]{1,128})?/g

/*
 * A block closed after a handful of characters (`xxx`, `***`, `...`, `anything`, nothing) is a
 * placeholder in documentation. The bound stays low: a body written as words ("super secret
 * private key here") is still taken for a key, and gutters or escaped newlines add a few.
 */
const MIN_BODY_CHARS = 12
const BODY_CHAR = /[A-Za-z0-9+/=]/g
/**
 * A closed block whose body is base64 alone, shorter than the smallest private key written this
 * way (an Ed25519 key in PKCS#8, 64 characters), is a placeholder too (`YWJj…eXo=`, base64 of
 * the alphabet). A body with blanks inside a line is words, and is still taken.
 */
const MIN_BASE64_KEY = 64
const BASE64_BODY = /^[A-Za-z0-9+/=\s]*$/
const WORDS = /\S[ \t]+\S/

function isShortBase64(body: string): boolean {
  return BASE64_BODY.test(body) && !WORDS.test(body) && (body.match(BODY_CHAR)?.length ?? 0) < MIN_BASE64_KEY
}

function blocks(text: string, header: RegExp, footer: RegExp, minBody = 0): Array<[number, number]> {
  const out: Array<[number, number]> = []
  header.lastIndex = 0
  let h: RegExpExecArray | null
  while ((h = header.exec(text)) !== null) {
    footer.lastIndex = h.index + h[0].length
    const f = footer.exec(text)
    // No footer: the rest of the value may be key material (truncated output), so take it all.
    const end = f ? f.index + f[0].length : text.length
    const body = f ? text.slice(h.index + h[0].length, f.index) : ''
    if (!f || ((body.match(BODY_CHAR)?.length ?? 0) >= minBody && !(minBody > 0 && isShortBase64(body)))) out.push([h.index, end])
    header.lastIndex = end
  }
  return out
}

export const privateKeyDetector: Detector = {
  id: 'private-key',
  pack: 'secrets',
  description: 'PEM / OpenSSH / PGP private key block (BEGIN … PRIVATE KEY … END)',
  wholeText: true,
  keywords: ['private key'],
  find(text: string): Finding[] {
    if (!text.includes('PRIVATE KEY')) return []
    return blocks(text, PEM_HEADER, PEM_FOOTER, MIN_BODY_CHARS).map(([start, end]) => ({ detector: 'private-key', start, end }))
  },
  examples: {
    match: [
      ['-----BEGIN ', 'PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHq7', 'Lx0mR2f9pVb3sWk8nQeT4yZcJ1aG6uDoNhXiE5Ab\n-----END ', 'PRIVATE KEY-----'].join(''),
      ['-----BEGIN RSA ', 'PRIVATE KEY-----\nsuper secret private key here\n-----END RSA ', 'PRIVATE KEY-----'].join('')
    ],
    miss: [
      ['-----BEGIN ', 'PRIVATE KEY-----\n', 'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=', '\n-----END ', 'PRIVATE KEY-----'].join(''),
      ['-----BEGIN ', 'PRIVATE KEY-----\n...\n-----END ', 'PRIVATE KEY-----'].join('')
    ]
  }
}

export const puttyKeyDetector: Detector = {
  id: 'putty-private-key',
  pack: 'secrets',
  description: 'PuTTY private key file (PuTTY-User-Key-File- … Private-MAC)',
  wholeText: true,
  keywords: ['putty-user-key-file-'],
  find(text: string): Finding[] {
    if (!text.includes('PuTTY-User-Key-File-')) return []
    return blocks(text, PUTTY_HEADER, PUTTY_MAC).map(([start, end]) => ({ detector: 'putty-private-key', start, end }))
  }
}

export const privateKeyDetectors: Detector[] = [privateKeyDetector, puttyKeyDetector]
