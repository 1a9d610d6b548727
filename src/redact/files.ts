import { createWriteStream } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { once } from 'node:events'
import { detectCompression, detectEncoding, readCompressedLines, readLines } from '../ingest/lines.js'
import { gunzipSync, zstdDecompressSync } from 'node:zlib'
import { walkFiles } from '../ingest/walk.js'
import type { Config } from '../config/schema.js'
import { engineOptions, FINDING_TAG_KINDS } from './engine-options.js'
import { IdentifierTags, redactionKey, type TagNumbering } from './hash.js'
import { redactJson, redactText } from './engine.js'
import { redactMarkedLine } from './marked-line.js'
import { applyPromptMarkers, markJsonStrings } from './markers.js'
import type { EngineOptions, Finding } from './types.js'
import { emptyLateCheck, lateCheckOptions, mergeLate, renumbered } from './late/check.js'
import { lateCheckFiles } from './late/files.js'
import type { LateCheck } from '../select/report.js'

/** The engine options `redact` applies to every line: the config's detectors for tool output. */
export function redactCommandOptions(config: Config, tags = new IdentifierTags(redactionKey())): EngineOptions {
  return engineOptions(config, tags)('tool_output')
}

/**
 * One line of a JSON-lines log as `redact` writes it: markers, then every detector through the
 * JSON structure; a line that is not JSON is redacted as text.
 */
export function sanitizeLogLine(text: string, opts: EngineOptions): { line: string; findings: Finding[] } {
  return redactMarkedLine(text, opts)
}

export interface RedactFilesResult {
  files: number
  lines: number
  redactions: number
  by_detector: Record<string, number>
  outputs: string[]
  /** What the last check found in the written copies (docs/redaction.md, "The last check"). */
  late: LateCheck
}

/**
 * Writes a sanitized copy of each log under `outDir`, mirroring the tree relative to each input
 * folder: same format, same number of lines, every JSON line still valid JSON. This is what a
 * team runs before committing logs to `.ai-logs/`.
 */
export async function redactFiles(inputs: string[], outDir: string, config: Config): Promise<RedactFilesResult> {
  const result: RedactFilesResult = { files: 0, lines: 0, redactions: 0, by_detector: {}, outputs: [], late: emptyLateCheck() }
  const numberings: TagNumbering[] = []
  for (const input of inputs) {
    const base = (await stat(input)).isDirectory() ? resolve(input) : dirname(resolve(input))
    for await (const file of walkFiles([input])) {
      const target = join(resolve(outDir), relative(base, file))
      if (target === file) throw new Error(`refusing to overwrite the input ${file}: choose an --out folder outside the inputs`)
      result.files++
      const tags = new IdentifierTags(redactionKey())
      const written = await redactFile(file, target, config, result, tags)
      result.outputs.push(written)
      numberings.push(tags.numbering(FINDING_TAG_KINDS))
    }
  }
  // Copies are redacted with the detectors of tool output; the last check reads them back with
  // every detector the config applies to all fields, as a reader of the copy would see them. Each
  // copy numbers its identifiers on its own, and the check of a copy continues its numbers.
  const lateOptions = lateCheckOptions(config)
  const checks: LateCheck[] = []
  for (const [i, path] of result.outputs.entries()) checks.push(await lateCheckFiles([path], renumbered(lateOptions, config, numberings[i]), resolve(outDir)))
  result.late = mergeLate(...checks)
  return result
}

/** The counts a sanitized copy adds to. */
export type RedactCounts = Pick<RedactFilesResult, 'lines' | 'redactions' | 'by_detector'>

/**
 * Writes one sanitized copy of `file` at `target` (a compressed archive's copy loses its
 * `.zst`/`.gz`), adding to `counts`; returns the path written.
 * `tags` number the copy's identifiers (each copy is a report of its own).
 */
export async function redactFile(file: string, target: string, config: Config, counts: RedactCounts, tags?: IdentifierTags): Promise<string> {
  const opts = redactCommandOptions(config, tags)
  const count = (findings: { detector: string }[]) => {
    for (const f of findings) {
      counts.redactions++
      counts.by_detector[f.detector] = (counts.by_detector[f.detector] ?? 0) + 1
    }
  }
  await mkdir(dirname(target), { recursive: true })
  const head = Buffer.alloc(4)
  const raw = await readFile(file).catch(() => null)
  if (raw === null) return target
  // A compressed archive is written out decompressed: the sanitized copy is for reading and committing.
  const compression = detectCompression(raw)
  // Whole-text handling is for documents under 64 MiB; larger archives stream line by line below.
  let fh = raw
  try {
    if (compression === 'zstd') fh = zstdDecompressSync(raw, { maxOutputLength: 64 * 1024 * 1024 })
    if (compression === 'gzip') fh = gunzipSync(raw, { maxOutputLength: 64 * 1024 * 1024 })
  } catch {
    fh = Buffer.alloc(0)
  }
  if (compression) target = target.replace(/\.(zst|gz)$/, '')
  fh.copy(head, 0, 0, 4)
  const text = fh.length > 0 && fh.length < 64 * 1024 * 1024 ? fh.toString('utf8').replace(/^\uFEFF/, '') : null
  // A whole-file JSON document (Gemini sessions, Copilot snapshots) keeps its structure.
  if (text !== null && /^\s*[[{]/.test(text) && !/\}\s*\n\s*\{/.test(text.slice(0, 4096))) {
    try {
      const parsed = JSON.parse(text) as unknown
      const r = redactJson(markJsonStrings(parsed), opts)
      count(r.findings)
      await writeFile(target, JSON.stringify(r.value, null, 2) + '\n')
      counts.lines += text.split('\n').length
      return target
    } catch {
      // Not one document: fall through to line by line.
    }
  }
  // A text log that is not JSON lines (Aider's Markdown history, a terminal capture) is
  // redacted as one text, so a key block or a wrapped token spanning lines is still found.
  if (text !== null && !looksLikeJsonLines(text)) {
    const r = redactText(applyPromptMarkers(text), opts)
    count(r.findings)
    await writeFile(target, r.text)
    counts.lines += text.split('\n').length
    return target
  }
  const out = createWriteStream(target)
  const lines = compression
    ? readCompressedLines(file, compression, { lineNo: 0, maxLineBytes: 256 * 1024 * 1024 })
    : readLines(file, detectEncoding(head), { start: 0, lineNo: 0, maxLineBytes: 256 * 1024 * 1024 })
  for await (const line of lines) {
    counts.lines++
    const r = sanitizeLogLine(line.text, opts)
    count(r.findings)
    if (!out.write(r.line + (line.unterminated ? '' : '\n'))) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  return target
}

function looksLikeJsonLines(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '')
  return first === undefined || /^\s*[[{]/.test(first)
}
