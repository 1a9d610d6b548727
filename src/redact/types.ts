/** A half-open range `[start, end)` of the scanned text that must not be published. */
export interface Finding {
  detector: string
  start: number
  end: number
}

export type DetectorPack = 'secrets' | 'pii' | 'paths'

export interface Detector {
  id: string
  pack: DetectorPack
  description: string
  find(text: string): Finding[]
  /**
   * Optional structured hook: `redactJson` calls it for every string value that sits under
   * an object key (or a `{name, value}` pair), so key-name rules can see the key even though
   * the value alone carries no recognisable shape. Offsets are relative to `value`.
   */
  findInField?(key: string, value: string): Finding[]
  /**
   * Set when `find` is linear on input of any size and needs the whole value (e.g. a key
   * block whose footer may sit beyond a chunk boundary); the engine then skips chunking.
   */
  wholeText?: boolean
  /**
   * Lower-case ASCII literals of which every match of `find` contains at least one, in any
   * ASCII case. The engine skips `find` on a view that contains none of them, so a keyword
   * list that misses a way to match loses recall: leave it out when unsure.
   */
  keywords?: readonly string[]
  /**
   * Set when `find` returns the findings of these detectors (same id), concatenated in order;
   * the engine then runs them one by one, so each is skipped on text without its own keywords.
   */
  parts?: readonly Detector[]
  /**
   * Set when no match, nor what `find` looks at to accept one, spans a line break, and a text's
   * start and end count as line breaks: then `find` on some of a text's lines, joined by line
   * breaks, reports what `find` on the whole text reports within those lines.
   */
  lineLocal?: boolean
  /**
   * Texts `find` must report (each whole token) and texts it must not, kept beside the rule as
   * its specification; `__tests__/redact/detector-examples.test.ts` holds every detector to them.
   */
  examples?: DetectorExamples
  /**
   * What a pattern detector's `find` is made of beyond its own source (`patternDetector`): its
   * regex, its validator and guard, whether it keeps placeholders. Listed on the detector so the
   * findings cache's fingerprint, which reads every property, sees a change to any of them.
   */
  pattern?: RegExp
  validate?: (secret: string, match: RegExpExecArray) => boolean
  guard?: (text: string) => boolean
  allowPlaceholders?: boolean
}

export interface DetectorExamples {
  match: readonly string[]
  miss: readonly string[]
}

/**
 * What the engine needs of a compiled pattern: user patterns are RE2 objects (re2-wasm), which
 * are not `RegExp`s but offer the same `test` and `lastIndex`.
 */
export interface TextPattern {
  lastIndex: number
  test(text: string): boolean
}

export interface AllowList {
  literals?: string[]
  patterns?: TextPattern[]
  /** Values kept from one detector only (by its id): a false positive of that detector, still redacted by any other. */
  byDetector?: ReadonlyMap<string, { literals: readonly string[]; patterns: readonly TextPattern[] }>
}

export interface EngineOptions {
  detectors: Detector[]
  allow?: AllowList
  marker?: (detectorId: string, value: string) => string
}
