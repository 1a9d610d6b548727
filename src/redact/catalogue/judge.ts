/*
 * What counts as redacted and as touched. A secret leaks when any trace of it is still in the
 * sanitized line: the text itself, JSON-escaped once (a JSON string) or twice (Codex's JSON
 * strings inside JSON strings), or, for a multi-line secret, any of its lines of 8 characters or
 * more (a gutter or a diff prefix splits the lines apart), armor lines of a key block and a YAML
 * block scalar's key line aside. A negative is touched when some line
 * of it no longer appears byte-identical in any of those encodings.
 */

const jsonEscape = (s: string): string => JSON.stringify(s).slice(1, -1)

function encodings(s: string): string[] {
  const once = jsonEscape(s)
  return [...new Set([s, once, jsonEscape(once)])]
}

function count(haystack: string, needle: string): number {
  let n = 0
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++
  return n
}

// A key block's armor lines name the kind of key and are left in place by design, as is the key
// line of a YAML block scalar (`.dockercfg: |`) that a scanner's match begins with.
const ARMOR = /^\s*-----(?:BEGIN|END) [A-Z0-9 ]+-----\s*$/
const BLOCK_SCALAR_KEY = /^\s*[A-Za-z0-9_.-]{1,253}:[ \t]*[|>][1-9]?[-+]?[ \t]*$/

/** The strings whose presence in the output means the secret survived. */
export function secretTraces(secret: string): string[] {
  const lines = secret.includes('\n') ? secret.split('\n').filter((l) => l.trim().length >= 8 && !ARMOR.test(l) && !BLOCK_SCALAR_KEY.test(l)) : [secret]
  return [...new Set((lines.length > 0 ? lines : [secret]).flatMap(encodings))].filter((t) => t.length > 0)
}

/**
 * Whether any trace of `secret` is in `output` more often than in `skeleton` (the same carrier
 * planted with an empty text), so a trace that the carrier itself holds is not taken for a leak.
 */
export function secretSurvives(output: string, skeleton: string, secret: string): boolean {
  return secretTraces(secret).some((t) => count(output, t) > count(skeleton, t))
}

/** Whether every line of `value` is still in `output`, byte-identical in one of its encodings. */
export function valueSurvives(output: string, value: string): boolean {
  return value
    .split('\n')
    .filter((l) => l.length > 0)
    .every((l) => encodings(l).some((e) => output.includes(e)))
}

/** Whether a sanitized line is still one JSON document. */
export function parsesAsJson(line: string): boolean {
  try {
    JSON.parse(line)
    return true
  } catch {
    return false
  }
}
