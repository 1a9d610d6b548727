import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from '../../config/load.js'
import { redactFiles } from '../../redact/files.js'
import { describeLateCheck } from '../../render/text.js'
import { type CliIo, UsageError } from '../io.js'

export const redactHelp = `Usage: ai-log-trail redact <path>... --out DIR [--rules FILE] [--json]

Writes a sanitized copy of each session log under DIR, mirroring the tree relative to each
input folder: same format, same number of lines, every JSON line still valid JSON. Run it
before committing logs to .ai-logs/.

Options:
  --out DIR     where the sanitized copies go (required; never one of the inputs)
  --rules FILE  redaction rules (default .github/ai-log-trail.yml when it exists)
  --json        print {files, lines, redactions, by_detector, late}
  -h, --help    show this help
`

export async function redactCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, rules: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
  })
  if (values.help) {
    io.out(redactHelp)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('redact needs at least one path')
  if (!values.out) throw new UsageError('redact needs --out DIR')
  for (const p of positionals) if (!existsSync(p)) throw new UsageError(`path does not exist: ${p}`)
  const { config } = loadConfig(values.rules)
  const r = await redactFiles(positionals, values.out, config)
  if (values.json) io.out(JSON.stringify({ files: r.files, lines: r.lines, redactions: r.redactions, by_detector: r.by_detector, late: r.late }) + '\n')
  else {
    io.out(`wrote ${r.files} sanitized file(s) (${r.lines} lines) to ${values.out}; ${r.redactions} value(s) redacted\n`)
    io.out(r.late.total ? `${describeLateCheck(r.late)}\n` : 'Late check: nothing found in the final files\n')
  }
  return 0
}
