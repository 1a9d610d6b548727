/**
 * The 1-based line on which each top-level element of a JSON array text starts, so events read
 * from a pretty-printed document point at the place a reader would look. Strings are skipped
 * with their escapes, so brackets inside text are not mistaken for structure.
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let expectElement = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') {
      line++
      continue
    }
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r') continue
    if (depth === 1 && expectElement && c !== ']') {
      lines.push(line)
      expectElement = false
    }
    if (c === '"') inString = true
    else if (c === '[' || c === '{') {
      depth++
      if (depth === 1) expectElement = true
    } else if (c === ']' || c === '}') depth--
    else if (c === ',' && depth === 1) expectElement = true
  }
  return lines
}
