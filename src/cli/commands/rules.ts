import { existsSync, readFileSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from '../../config/load.js'
import { engineOptions } from '../../redact/engine-options.js'
import { redactText } from '../../redact/engine.js'
import { detectorsFor } from '../../redact/rules.js'
import { type CliIo, UsageError } from '../io.js'

export const rulesHelp = `Usage: ai-log-trail rules check [--rules FILE]
       ai-log-trail rules test [--rules FILE] <text-or-file>

check  validates a rules file: every problem is printed as file:line:column: message,
       and user patterns are compiled (RE2: linear time, no backreferences or lookaround).
test   shows what would be redacted in a text (or a file's content) and by which detector.

Options:
  --rules FILE  rules file (default .github/ai-log-trail.yml when it exists)
  -h, --help    show this help
`

/** Shows a finding without repeating the value: its first characters and its length. */
function preview(value: string): string {
  const head = value.slice(0, Math.min(4, Math.floor(value.length / 4)))
  return `${JSON.stringify(head + '…')} (${value.length} chars)`
}

export async function rulesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { rules: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
  })
  const [sub, ...rest] = positionals
  if (values.help || sub === undefined) {
    io.out(rulesHelp)
    return values.help ? 0 : 2
  }
  if (sub === 'check') {
    const { config, file } = loadConfig(values.rules)
    const set = detectorsFor(config)
    io.out(
      `${file ?? '(no rules file: defaults)'}: valid; preset ${config.preset}; ${set.ids.length} detectors and rules; ${config.overrides.length} override(s)\n`
    )
    return 0
  }
  if (sub === 'test') {
    if (rest.length !== 1) throw new UsageError('rules test needs one text or file argument')
    const arg = rest[0]
    const text = existsSync(arg) && statSync(arg).isFile() ? readFileSync(arg, 'utf8') : arg
    const { config } = loadConfig(values.rules)
    const opts = engineOptions(config)('tool_output')
    const r = redactText(text, opts)
    for (const f of r.findings) io.out(`${f.detector.padEnd(28)} at ${f.start}-${f.end}  ${preview(text.slice(f.start, f.end))}\n`)
    io.out(`${r.findings.length} finding(s)\n--- redacted ---\n${r.text}${r.text.endsWith('\n') ? '' : '\n'}`)
    return 0
  }
  throw new UsageError(`unknown rules subcommand '${sub}' (check or test)`)
}
