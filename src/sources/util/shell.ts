/**
 * The command line of a shell tool call, from the argument shapes agents use: an argv array
 * (`["bash","-lc","ls"]`), a string, or `cmd`. A `bash -lc SCRIPT` wrapper is unwrapped so the
 * first word is the program the agent ran, not the shell.
 */
export function commandFromArgs(args: unknown): string | null {
  if (typeof args !== 'object' || args === null) return null
  const a = args as Record<string, unknown>
  const c = a.command ?? a.cmd
  if (typeof c === 'string') return c
  if (Array.isArray(c) && c.every((x) => typeof x === 'string')) return unwrapShell(c as string[])
  return null
}

export function unwrapShell(argv: string[]): string {
  if (argv.length >= 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0]) && /^-\w*c$/.test(argv[1])) return argv.slice(2).join(' ')
  return argv.join(' ')
}

/** First word of a command, without a path or env assignments: `FOO=1 /usr/bin/git status` → `git`. */
export function firstWord(command: string): string {
  const words = command.trim().split(/\s+/)
  const w = words.find((x) => !/^\w+=/.test(x)) ?? ''
  return w.split('/').pop() ?? ''
}
