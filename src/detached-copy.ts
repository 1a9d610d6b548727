/**
 * A copy of `s` that owns its characters. V8 makes a substring of 13 characters or more a view
 * into its parent, which keeps the whole parent alive: a window of a large text, or a line of a
 * rendered page, held for later would keep the text or the page. Shorter substrings are copies
 * already.
 */
export function detachedCopy(s: string): string {
  return s.length >= SLICE_MIN ? Buffer.from(s, 'utf16le').toString('utf16le') : s
}

/** V8's shortest sliced string (`SlicedString::kMinLength`). */
const SLICE_MIN = 13
