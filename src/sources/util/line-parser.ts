import type { LineParser, ParseRecord } from '../types.js'

/**
 * What a line format needs to say to be parsed: the state of a file read from its start, and
 * what one line (and the end of the input) does to that state. The state must be plain JSON
 * data: the ingest stores it between runs (`parser_state`) and hands it back to resume a grown
 * file, so anything not in it is forgotten at a resumption.
 */
export interface LineParserSpec<S> {
  initial: S
  push(st: S, line: string, lineNo: number, out: ParseRecord[]): void
  end?(st: S, out: ParseRecord[]): void
}

/** A parser that starts from `saved` (the state an earlier ingest stored) or, without one, from `initial`. */
export function lineParser<S>(saved: unknown, spec: LineParserSpec<S>): LineParser {
  const st = (saved as S | null | undefined) ?? spec.initial
  return {
    push: (line, lineNo, out) => spec.push(st, line, lineNo, out),
    end: (out) => spec.end?.(st, out),
    state: () => st
  }
}
