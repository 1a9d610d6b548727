import { BIDI } from '../render/safe-text.js'
import type { CliIo } from './io.js'

// Everything a terminal may act on rather than show: C0 controls but tab and line feed, a CR
// that does not end a line (it would let later text overwrite earlier text), DEL and the C1
// controls (U+009B alone starts a CSI sequence on some terminals).
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g

const escaped = (c: string): string => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')

/**
 * Text made safe to print: every control character and bidi control is written as its `\u001b`
 * escape, so an escape sequence in a log (a clipboard write, a cursor move, a title change) is
 * shown instead of obeyed. JSON output stays valid and means the same, as JSON.stringify has
 * already escaped the C0 controls and `\uXXXX` is a JSON escape.
 */
export function inertForTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROL, escaped).replace(BIDI, escaped)
}

/**
 * The CLI's streams with everything a command prints passed through `inertForTerminal`. `status`
 * writes to stderr unchanged, for the CLI's own progress line and its cursor controls; it
 * carries counts, never text from a log.
 */
export function inertIo(io: CliIo): CliIo {
  return {
    out: (t) => io.out(inertForTerminal(t)),
    err: (t) => io.err(inertForTerminal(t)),
    status: io.status ?? ((t) => io.err(t)),
    isTTY: io.isTTY
  }
}
