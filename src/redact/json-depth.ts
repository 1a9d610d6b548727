/**
 * How many containers deep a walk over log JSON goes, counting through JSON strings that hold
 * JSON. The walks recurse, and a line of a few kilobytes can nest thousands deep (a hostile or
 * broken tool call), which would overflow the stack; a container below this depth is replaced
 * whole by one `[REDACTED:too-deep]` marker. Well above what agents' logs nest; the figure is
 * documented in docs/redaction.md.
 */
export const MAX_JSON_DEPTH = 256

/** The detector id a too-deep container is counted under. */
export const TOO_DEEP = 'too-deep'
