/**
 * The deepest JSON a line may nest. Real logs stay far below it; a line past it is a problem of
 * its line. The bound is explicit because the recursive steps after parsing (serializing a payload,
 * walking it) overflow at a depth that depends on the thread's stack, and the parse stage must
 * answer the same on a worker thread as on the main one.
 */
export const MAX_JSON_DEPTH = 1000

const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b
const CLOSE_BRACE = 0x7d
const CLOSE_BRACKET = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Whether a JSON text nests objects and arrays deeper than `max` (strings are skipped). */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  // Each level takes at least two characters, so a short line cannot be too deep.
  if (text.length <= 2 * max || !opensMoreThan(text, max)) return false
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--
  }
  return false
}

/**
 * Whether the text holds more than `max` opening brackets, in strings or not: a cheap bound that
 * spares nearly every line the character-by-character walk (native `indexOf` jumps between them).
 */
function opensMoreThan(text: string, max: number): boolean {
  let n = 0
  for (const open of ['{', '[']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) if (++n > max) return true
  }
  return false
}
