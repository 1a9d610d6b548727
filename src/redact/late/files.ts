import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { extname, relative } from 'node:path'
import { createInterface } from 'node:readline'
import type { LateCheck } from '../../select/report.js'
import type { EngineOptions } from '../types.js'
import { countLate, emptyLateCheck, lateCheckContent } from './check.js'

/** Files up to this size are checked as one text (so a key block across lines is still whole); larger ones line by line. */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024

/** A log's extension as the last check reads it: JSON lines whatever the agent called them. */
function formatOf(path: string): string {
  const ext = extname(path).toLowerCase()
  return ext === '.ndjson' || ext === '.jsonl' ? '.jsonl' : ext
}

/**
 * The last check of written files (the sanitized log copies): each read back, checked by its
 * format, and rewritten only when something was found. Counted under the path relative to `root`.
 */
export async function lateCheckFiles(paths: readonly string[], opts: EngineOptions, root: string): Promise<LateCheck> {
  const check = emptyLateCheck()
  for (const path of paths) {
    const name = relative(root, path)
    const size = (await stat(path).catch(() => null))?.size
    if (size === undefined || size === 0) continue
    if (size <= WHOLE_FILE_BYTES) {
      const text = await readFile(path, 'utf8')
      const r = lateCheckContent(name, text, opts, formatOf(path))
      countLate(check, name, r.findings)
      if (r.findings.length) await writeFile(path, r.text)
      continue
    }
    await checkLines(path, name, opts, check)
  }
  return check
}

async function checkLines(path: string, name: string, opts: EngineOptions, check: LateCheck): Promise<void> {
  const temp = `${path}.late-${process.pid}`
  const out = createWriteStream(temp)
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  let found = 0
  for await (const line of lines) {
    const r = lateCheckContent(name, line, opts, /^\s*[[{]/.test(line) ? '.json' : '')
    found += r.findings.length
    countLate(check, name, r.findings)
    if (!out.write(r.text + '\n')) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  if (found) await rename(temp, path)
  else await rm(temp, { force: true })
}
