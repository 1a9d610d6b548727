import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../../config/load.js'
import { exportSanitized, type ExportResult } from '../../redact/export.js'
import { removeLeftovers, StagedFiles } from '../../output-folder.js'
import type { LateCheck } from '../../select/report.js'
import { lateCheckOptions } from '../../redact/late/check.js'
import { FINDING_TAG_KINDS } from '../../redact/engine-options.js'
import { IdentifierTags, redactionKey } from '../../redact/hash.js'
import { lateCheckDatabase } from '../../redact/late/database.js'
import { describeLateCheck } from '../../render/text.js'
import { isPostgresUrl } from '../../store/pg/connect.js'
import { storeTarget, withLocalStore } from '../../store/pg/local-store.js'
import { type CliIo, UsageError } from '../io.js'

export const exportHelp = `Usage: ai-log-trail export --db FILE --out FILE [--rules FILE] [--json]

Writes a copy of the database in which every raw line and every text is redacted, safe to
publish as an artifact. Private prompts are emptied and the copy is rebuilt so that no freed
page keeps a replaced value.

Options:
  --db FILE     database to export (default ./ai-log-trail.sqlite), or a postgres:// URL
                (default AI_LOG_TRAIL_DATABASE_URL)
  --out FILE    the sanitized copy to write (replaced if it exists)
  --rules FILE  redaction rules (default .github/ai-log-trail.yml when it exists)
  --json        print {redactions, by_detector, late}
  -h, --help    show this help
`

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, out: { type: 'string' }, rules: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
  })
  if (values.help) {
    io.out(exportHelp)
    return 0
  }
  const db = storeTarget(values.db, 'ai-log-trail.sqlite')
  if (!isPostgresUrl(db) && !existsSync(db)) throw new UsageError(`database does not exist: ${db}`)
  if (!values.out) throw new UsageError('export needs --out FILE')
  const { config } = loadConfig(values.rules)
  const out = values.out
  // Checked under its temporary name, and put in place only once checked (src/output-folder.ts).
  const outDir = dirname(resolve(out))
  removeLeftovers(outDir, basename(out))
  const staged = new StagedFiles(outDir)
  const temp = staged.path(basename(out))
  const tags = new IdentifierTags(redactionKey())
  let r: ExportResult
  let late: LateCheck
  try {
    r = await withLocalStore(db, 'read', (path) => exportSanitized(path, temp, config, undefined, tags))
    late = lateCheckDatabase(temp, lateCheckOptions(config, [], tags.numbering(FINDING_TAG_KINDS)), basename(out))
    staged.commit()
  } finally {
    staged.abandon()
  }
  if (values.json) io.out(JSON.stringify({ ...r, late }) + '\n')
  else
    io.out(`wrote ${values.out}; ${r.redactions} value(s) redacted\n${late.total ? describeLateCheck(late) : 'Late check: nothing found in the final files'}\n`)
  return 0
}
