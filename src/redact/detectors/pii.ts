import { isIPv6 } from 'node:net'
import type { Detector, Finding } from '../types.js'
import { digitRuns, hasDashedDigits, minDigits, multiPatternDetector, patternDetector } from './util.js'

// Addresses reserved for documentation and examples (RFC 2606 / RFC 6761), plus bot senders.
const EXAMPLE_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i
const NON_PERSONAL_LOCAL = /^(?:git|noreply|no-reply|do-not-reply|donotreply|mailer-daemon|postmaster)$/i
const FILE_TLD = /\.(?:png|jpe?g|gif|svg|webp|ico|js|mjs|cjs|ts|tsx|jsx|css|scss|json|ya?ml|lock|map|txt|html?|py|rb|go|rs|java|wasm)$/i

export const emailDetector: Detector = patternDetector({
  id: 'email',
  pack: 'pii',
  description: 'E-mail address',
  keywords: ['@'],
  allowPlaceholders: true,
  pattern:
    /(?<![A-Za-z0-9._%+-])(?<!:\/\/[^\s/@]{0,128}:)[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/,
  validate: (email) => {
    const at = email.indexOf('@')
    const local = email.slice(0, at)
    const domain = email.slice(at + 1)
    if (EXAMPLE_DOMAIN.test(domain) || NON_PERSONAL_LOCAL.test(local) || FILE_TLD.test(domain)) return false
    // Retina asset names such as `logo@2x.png` are not addresses.
    return !/^\d+x\./.test(domain)
  }
})

/*
 * Token boundaries for digit-run shapes: a run glued to letters or `_` is part of a larger token
 * (a hex digest, a build id), never a card, account or phone number of its own. A JSON `\n`/`\t`
 * escape still counts as a break.
 */
const TOKEN_START = String.raw`(?:(?<![0-9A-Za-z_])|(?<=\\[nrt]))`
const TOKEN_END = String.raw`(?![0-9A-Za-z_])`
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const isTokenChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45

/** Whether a match is some of a UUID's hyphenated groups (all-digit groups can pass Luhn). */
function insideUuid(m: RegExpExecArray): boolean {
  const text = m.input
  let start = m.index
  let end = m.index + m[0].length
  while (start > 0 && isTokenChar(text.charCodeAt(start - 1))) start--
  while (end < text.length && isTokenChar(text.charCodeAt(end))) end++
  return (start < m.index || end > m.index + m[0].length) && UUID.test(text.slice(start, end))
}

/*
 * Where the digit-shaped patterns can start. Each of them reads its first digit at a run of
 * digits' first (no digit may come before it), so one pass that finds the runs (`digitRuns`,
 * kept for the view's next pattern) rules out every other offset; each pattern is then tried
 * only where the characters around a run fit its start. Held to a global search on seeded texts
 * by `__tests__/redact/digit-starts.test.ts`.
 */
const isUpper = (c: number): boolean => c >= 65 && c <= 90

/** `\d(?:[ -]?\d){12,18}`: 13 digits or more from a run's first, the runs apart by one ` ` or `-`. */
export function cardStarts(text: string): number[] {
  const { start, length } = digitRuns(text)
  const out: number[] = []
  for (let k = 0; k < start.length; k++) {
    let digits = length[k]
    for (let j = k; digits < 13 && j + 1 < start.length; j++) {
      const gap = start[j] + length[j]
      const c = text.charCodeAt(gap)
      if (start[j + 1] !== gap + 1 || (c !== 32 && c !== 45)) break
      digits += length[j + 1]
    }
    if (digits >= 13) out.push(start[k])
  }
  return out
}

/** `\(\d{3}\)` or `\d{3}[.-]`: a run of three digits, after `(` and before `)`, or before `.` or `-`. */
export function nanpStarts(text: string): number[] {
  const { start, length } = digitRuns(text)
  const out: number[] = []
  for (let k = 0; k < start.length; k++) {
    if (length[k] !== 3) continue
    const s = start[k]
    const after = text.charCodeAt(s + 3)
    if (after === 41 && text.charCodeAt(s - 1) === 40) out.push(s - 1)
    else if (after === 46 || after === 45) out.push(s)
  }
  return out
}

/** `0\d{2,4}[ -]`: a run of three to five digits led by `0`, before ` ` or `-`. */
export function trunkStarts(text: string): number[] {
  const { start, length } = digitRuns(text)
  const out: number[] = []
  for (let k = 0; k < start.length; k++) {
    const s = start[k]
    if (length[k] < 3 || length[k] > 5 || text.charCodeAt(s) !== 48) continue
    const after = text.charCodeAt(s + length[k])
    if (after === 32 || after === 45) out.push(s)
  }
  return out
}

/** `\+[1-9]`: a run led by a digit other than `0`, after `+`. */
export function plusStarts(text: string): number[] {
  const { start } = digitRuns(text)
  const out: number[] = []
  for (const s of start) if (text.charCodeAt(s - 1) === 43 && text.charCodeAt(s) !== 48) out.push(s - 1)
  return out
}

/** Two capitals, an optional space, then a run of two digits or more (UK NINO). */
export function ninoStarts(text: string): number[] {
  const { start, length } = digitRuns(text)
  const out: number[] = []
  for (let k = 0; k < start.length; k++) {
    if (length[k] < 2) continue
    const s = start[k]
    if (text.charCodeAt(s - 1) === 32) {
      if (isUpper(text.charCodeAt(s - 2)) && isUpper(text.charCodeAt(s - 3))) out.push(s - 3)
    } else if (isUpper(text.charCodeAt(s - 1)) && isUpper(text.charCodeAt(s - 2))) out.push(s - 2)
  }
  return out
}

/** `[A-Z]{2}\d{2}`: two capitals right before a run of two digits or more (IBAN). */
export function ibanStarts(text: string): number[] {
  const { start, length } = digitRuns(text)
  const out: number[] = []
  for (let k = 0; k < start.length; k++) {
    const s = start[k]
    if (length[k] >= 2 && isUpper(text.charCodeAt(s - 1)) && isUpper(text.charCodeAt(s - 2))) out.push(s - 2)
  }
  return out
}

/** `\d{3}-`: a run of three digits before `-` (US SSN). */
export function ssnStarts(text: string): number[] {
  const { start, length } = digitRuns(text)
  const out: number[] = []
  for (let k = 0; k < start.length; k++) if (length[k] === 3 && text.charCodeAt(start[k] + 3) === 45) out.push(start[k])
  return out
}

function digitCount(s: string): number {
  let n = 0
  for (const c of s) if (c >= '0' && c <= '9') n++
  return n
}

export const phoneDetector: Detector = multiPatternDetector(
  {
    id: 'phone',
    pack: 'pii',
    description: 'Phone number (international +CC form, NANP, national trunk-prefix forms, or after a phone keyword)',
    allowPlaceholders: true,
    guard: minDigits(8),
    validate: (s) => {
      const n = digitCount(s)
      return n >= 8 && n <= 15 && !/^(\d)\1+$/.test(s.replace(/\D/g, ''))
    }
  },
  [
    { pattern: /(?<![A-Za-z0-9+])\+[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\))?(?:[ .-]\d{1,5}){1,6}(?![0-9])/, keywords: ['+'], starts: plusStarts },
    { pattern: /(?<![A-Za-z0-9+])\+[1-9]\d{7,14}(?![0-9])/, keywords: ['+'], starts: plusStarts },
    {
      pattern: new RegExp(`(?<![A-Za-z0-9_.+-])(?:\\(\\d{3}\\)[ ]?|\\d{3}[.-])\\d{3}[.-]\\d{4}(?![0-9A-Za-z_]|[.-][0-9A-Za-z])`),
      starts: nanpStarts
    },
    { pattern: new RegExp(`(?<![A-Za-z0-9_.+-])0\\d{2,4}[ -]\\d{3,4}[ -]?\\d{3,4}(?![0-9A-Za-z_]|[.-][0-9A-Za-z])`), starts: trunkStarts },
    {
      pattern:
        /(?<![A-Za-z])(?:phone|tel|mobile|cell|fax|whatsapp|telefon|t[ée]l[ée]phone)[A-Za-z]{0,8}[ \t]{0,3}[:=#.]?[ \t]{0,3}(?<s>\+?[0-9][0-9 ().-]{6,18}[0-9])/i,
      // `telefon` holds `tel`, `téléphone` holds `phone`.
      keywords: ['phone', 'tel', 'mobile', 'cell', 'fax', 'whatsapp']
    }
  ]
)

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const VERSION_CONTEXT = /(?:version|ver|v|==|>=|<=|~=|\^|~|release|build|chrome|firefox|safari|python|node|go)[\s:=/]{0,3}$/i

function isPublicishIPv4(ip: string): boolean {
  const [a, b, c] = ip.split('.').map(Number)
  if (a === 0 || a === 127 || a === 255 || a >= 224) return false
  // Documentation ranges (RFC 5737) are not anyone's address.
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return false
  return true
}

/** RFC 1918 private, RFC 6598 shared (carrier NAT) and RFC 3927 link-local addresses. */
export function isPrivateIPv4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number)
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
}

/** Unique local (fc00::/7) and link-local (fe80::/10) IPv6 addresses. */
export function isPrivateIPv6(ip: string): boolean {
  return /^f[cd][0-9a-f]{0,2}:/i.test(ip) || /^fe[89ab][0-9a-f]?:/i.test(ip)
}

/**
 * The address detectors, with or without private-range addresses (`pii.private_ips`). A private
 * address names a machine on someone's own network, which tells a reader little, and logs are
 * full of them (`docker inspect`, dev servers): they are kept unless the rules ask otherwise.
 */
export function ipDetectors(privateIps: boolean): [Detector, Detector] {
  const scope = privateIps ? '' : ', private ranges excluded'
  const ipv4: Detector = {
    id: 'ipv4',
    pack: 'pii',
    description: `IPv4 address (loopback, unspecified, netmasks, multicast and documentation ranges excluded${scope})`,
    keywords: ['.'],
    find(text) {
      const re = new RegExp(`(?<![0-9.])${OCTET}(?:\\.${OCTET}){3}(?![0-9]|\\.[0-9])`, 'g')
      const out: Finding[] = []
      let m: RegExpExecArray | null
      while ((m = re.exec(text)) !== null) {
        if (!isPublicishIPv4(m[0]) || (!privateIps && isPrivateIPv4(m[0]))) continue
        if (VERSION_CONTEXT.test(text.slice(Math.max(0, m.index - 12), m.index))) continue
        out.push({ detector: 'ipv4', start: m.index, end: m.index + m[0].length })
      }
      return out
    }
  }
  const ipv6: Detector = {
    id: 'ipv6',
    pack: 'pii',
    description: `IPv6 address (loopback, unspecified and 2001:db8::/32 excluded${scope})`,
    keywords: [':'],
    // Its candidate and checks never leave a run of hex digits and colons.
    lineLocal: true,
    find(text) {
      const out: Finding[] = []
      for (const start of colonRunStarts(text)) {
        IPV6_CANDIDATE.lastIndex = start
        const m = IPV6_CANDIDATE.exec(text)
        if (m === null) continue
        const ip = m[0]
        const groups = ip.split(':').filter((g) => g.length > 0)
        const isPrivate = isPrivateIPv6(ip)
        if (!privateIps && isPrivate) continue
        // Two groups (`de:ad`, `12::30`) are mostly not addresses; a private prefix (`fd00::1`) is.
        if (groups.length < (isPrivate ? 2 : 3) || !isIPv6(ip)) continue
        if (/^(?:0{0,4}:){0,7}:?0{0,3}[01]?$/.test(ip) || /^2001:0?db8:/i.test(ip)) continue
        out.push({ detector: 'ipv6', start: m.index, end: m.index + ip.length })
      }
      return out
    }
  }
  return [ipv4, ipv6]
}

/** A loose candidate, validated by node:net; the lookbehind only lets it start a run of its characters. */
const IPV6_CANDIDATE = /(?<![A-Za-z0-9:.])[0-9A-Fa-f:]{2,39}(?![A-Za-z0-9:])/y

const isHexOrColon = (c: number): boolean => (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

/**
 * Starts of the runs of hex digits and colons that hold two colons. A candidate can only start
 * a run and never leaves it, and one without two colons is rejected, so trying these starts finds
 * what a scan of every position would, without a regex step per character of ordinary text.
 */
function colonRunStarts(text: string): number[] {
  const starts: number[] = []
  let colon = text.indexOf(':')
  while (colon >= 0) {
    let start = colon
    while (start > 0 && isHexOrColon(text.charCodeAt(start - 1))) start--
    let end = colon + 1
    let colons = 1
    for (let c = text.charCodeAt(end); end < text.length && isHexOrColon(c); c = text.charCodeAt(++end)) if (c === 58) colons++
    if (colons >= 2) starts.push(start)
    colon = text.indexOf(':', end)
  }
  return starts
}

export const [ipv4Detector, ipv6Detector] = ipDetectors(false)

function luhn(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|6011|65|64[4-9]|35|62)/

export const cardDetector: Detector = patternDetector({
  id: 'credit-card',
  pack: 'pii',
  description: 'Payment card number (13–19 digits, known issuer prefix, Luhn-valid)',
  allowPlaceholders: true,
  guard: minDigits(13),
  starts: cardStarts,
  pattern: new RegExp(`${TOKEN_START}\\d(?:[ -]?\\d){12,18}${TOKEN_END}`),
  validate: (s, m) => {
    const digits = s.replace(/[ -]/g, '')
    if (digits.length < 13 || digits.length > 19 || !CARD_PREFIX.test(digits)) return false
    if (/^(\d)\1+$/.test(digits)) return false
    // Mixed separators (`1234-5678 9012`) are not how cards are written.
    if (s.includes(' ') && s.includes('-')) return false
    return luhn(digits) && !insideUuid(m)
  }
})

function ibanValid(raw: string): boolean {
  const iban = raw.replace(/ /g, '')
  if (iban.length < 15 || iban.length > 34) return false
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let rem = 0
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0)
    const val = code >= 65 ? String(code - 55) : ch
    for (const d of val) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97
  }
  return rem === 1
}

export const ibanDetector: Detector = patternDetector({
  id: 'iban',
  pack: 'pii',
  description: 'IBAN (mod-97 checked)',
  allowPlaceholders: true,
  starts: ibanStarts,
  pattern: new RegExp(`${TOKEN_START}[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?${TOKEN_END}`),
  validate: ibanValid
})

export const usSsnDetector: Detector = patternDetector({
  id: 'us-ssn',
  pack: 'pii',
  description: 'US Social Security number (NNN-NN-NNNN, invalid ranges excluded)',
  keywords: ['-'],
  allowPlaceholders: true,
  // Nearly every text holds a '-' and nine digits; few hold the shape itself.
  guard: (text) => hasDashedDigits(text, [3, 2, 4]),
  starts: ssnStarts,
  pattern: /(?<![0-9A-Za-z_-])\d{3}-\d{2}-\d{4}(?![0-9A-Za-z_]|-[0-9A-Za-z])/,
  validate: (s) => {
    const [area, group, serial] = s.split('-')
    if (area === '000' || area === '666' || area[0] === '9') return false
    if (group === '00' || serial === '0000') return false
    // Published sample numbers (Woolworth wallet card, SSA advertising) are not anyone's SSN.
    return !['078-05-1120', '219-09-9999', '123-45-6789'].includes(s)
  }
})

export const ukNinoDetector: Detector = patternDetector({
  id: 'uk-nino',
  pack: 'pii',
  description: 'UK National Insurance number',
  allowPlaceholders: true,
  guard: minDigits(6),
  starts: ninoStarts,
  pattern: /(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/,
  validate: (s) => !/^(?:BG|GB|NK|KN|TN|NT|ZZ)/.test(s) && s !== 'QQ123456C' && s !== 'QQ 12 34 56 C'
})

export const piiDetectors: Detector[] = [emailDetector, phoneDetector, ipv4Detector, ipv6Detector, cardDetector, ibanDetector, usSsnDetector, ukNinoDetector]
