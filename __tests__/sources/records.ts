import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { decodeText, detectEncoding, readLines } from '../../src/ingest/lines.js'
import { recognize, type TextSource } from '../../src/sources/registry.js'
import type { LineSource, ParseRecord, SourceContext } from '../../src/sources/types.js'
import { fallbackSessionId } from '../../src/sources/util/ids.js'
import { sniffInput } from './sniff-input.js'

/**
 * Fixture pairs: each sample log under `fixtures/<agent>/` and, under `fixtures/records/`, what
 * its source's parser makes of it. The expected files live apart from the logs because the
 * ingest reads every file of a fixture folder, and golden reports count the ones it cannot read.
 */

export const repoRoot = resolve(import.meta.dirname, '..', '..')
const fixtures = join(repoRoot, 'fixtures')
export const recordsRoot = join(fixtures, 'records')
/** Every fixture folder but the records themselves and the redaction corpora holds one agent's logs. */
const AGENT_DIRS = readdirSync(fixtures, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'records' && e.name !== 'redaction')
  .map((e) => e.name)
  .sort()
/** The ingest hashes this many first bytes for a session id when a log names none. */
const HEAD_BYTES = 4096

/** What a `.records.json` file holds. `state` is the line parser's state after the file, as the ingest stores it. */
export interface RecordsFile {
  input: string
  source: string
  records: ParseRecord[]
  state?: unknown
}

export interface FixtureCase {
  /** The log, relative to the repository root with `/` separators. */
  input: string
  source: TextSource
  recordsPath: string
}

const posix = (p: string) => p.split(sep).join('/')

/** `fixtures/codex/x.jsonl` → `fixtures/records/codex/x.records.json`. */
export function recordsPathFor(input: string): string {
  return join(recordsRoot, relative(fixtures, join(repoRoot, input)).replace(/\.[^./\\]+$/, '') + '.records.json')
}

/** Every fixture log a source recognizes, in a stable order. Files no source takes (sidecars) are not cases. */
export function fixtureCases(): FixtureCase[] {
  const out: FixtureCase[] = []
  for (const dir of AGENT_DIRS) {
    const entries = readdirSync(join(fixtures, dir), { withFileTypes: true, recursive: true })
    for (const e of entries) {
      if (!e.isFile()) continue
      const abs = join(e.parentPath, e.name)
      const source = recognize(sniffInput(abs))
      if (!source) continue
      const input = posix(relative(repoRoot, abs))
      out.push({ input, source, recordsPath: recordsPathFor(input) })
    }
  }
  return out.sort((a, b) => a.input.localeCompare(b.input))
}

export function recordsFiles(dir = recordsRoot): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.records.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** The context the ingest gives a parser, with the path relative so records do not depend on the checkout's place. */
function contextFor(input: string, bytes: Buffer): SourceContext {
  return { path: input, fallbackSessionId: fallbackSessionId(input, bytes.subarray(0, HEAD_BYTES)) }
}

/** The non-blank lines of a log, numbered as the ingest numbers them (blank lines count, are not passed). */
export async function logLines(input: string): Promise<{ text: string; lineNo: number }[]> {
  const abs = join(repoRoot, input)
  const lines: { text: string; lineNo: number }[] = []
  for await (const l of readLines(abs, detectEncoding(readFileSync(abs)), { start: 0, lineNo: 0, maxLineBytes: 1 << 30 })) {
    if (l.text.trim() !== '') lines.push({ text: l.text, lineNo: l.lineNo })
  }
  return lines
}

/**
 * A line source's records for lines, from a fresh parser or one given a saved state. Each line
 * gets its own output list, as in the ingest: a parser may look at what the current line has
 * produced so far (Claude's names the line's raw text when held lines were released before it).
 */
export function runLines(source: LineSource, ctx: SourceContext, lines: { text: string; lineNo: number }[], state?: unknown) {
  const parser = source.createParser(ctx, state)
  const records: ParseRecord[] = []
  for (const l of lines) {
    const out: ParseRecord[] = []
    parser.push(l.text, l.lineNo, out)
    records.push(...out)
  }
  return { parser, records }
}

/** What the source's parser yields for the whole file, as plain JSON (what a `.records.json` holds). */
export async function parseFixture(input: string, source: TextSource): Promise<RecordsFile> {
  const bytes = readFileSync(join(repoRoot, input))
  const ctx = contextFor(input, bytes)
  if (source.mode === 'document') {
    const records: ParseRecord[] = []
    source.parseDocument(decodeText(bytes, detectEncoding(bytes)), ctx, records)
    return json({ input, source: source.id, records })
  }
  const { parser, records } = runLines(source, ctx, await logLines(input))
  const tail: ParseRecord[] = []
  parser.end(tail)
  records.push(...tail)
  return json({ input, source: source.id, records, state: parser.state() ?? null })
}

export function fixtureContext(input: string): SourceContext {
  return contextFor(input, readFileSync(join(repoRoot, input)))
}

export function json<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}
