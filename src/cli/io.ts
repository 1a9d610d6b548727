/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Stderr without the filter `main` puts on `out` and `err`: only for the progress line's own controls. */
  status?(text: string): void
  isTTY: boolean
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY)
}

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {}
