import { createWriteStream } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { once } from 'node:events'
import { detectCompression, detectEncoding, readCompressedLines, readLines } from '../ingest/lines.js'
import { gunzipSync, zstdDecompressSync } from 'node:zlib'
import { walkFiles } from '../ingest/walk.js'
import type { Config } from './config-schema.js'
import { engineOptions } from './engine-options.js'
import { redactJson, redactLine, redactText } from './engine.js'
import { applySpanMarkers, PRIVATE_PREFIX } from './markers.js'
import { emptyLateCheck, lateCheckOptions } from './late/check.js'
import { lateCheckFiles } from './late/files.js'
import type { LateCheck } from '../select/report.js'

const HAS_MARKER = /\[(redact|private)\]/i

export interface RedactFilesResult {
  files: number
  lines: number
  redactions: number
  by_detector: Record<string, number>
  outputs: string[]
  /** What the last check of the written copies found and redacted, by copy (relative to the output folder). */
  late: LateCheck
}

/**
 * Writes a sanitized copy of each log under `outDir`, mirroring the tree relative to each input
 * folder: same format, same number of lines, every JSON line still valid JSON. This is what a
 * team runs before committing logs to `.ai-logs/`.
 */
export async function redactFiles(inputs: string[], outDir: string, config: Config): Promise<RedactFilesResult> {
  const opts = engineOptions(config)('tool_output')
  const result: RedactFilesResult = { files: 0, lines: 0, redactions: 0, by_detector: {}, outputs: [], late: emptyLateCheck() }
  const count = (findings: { detector: string }[]) => {
    for (const f of findings) {
      result.redactions++
      result.by_detector[f.detector] = (result.by_detector[f.detector] ?? 0) + 1
    }
  }
  // Person-written markers apply to the raw text before any detector sees it.
  const markers = (s: string) => (PRIVATE_PREFIX.test(s) ? '[REDACTED:private]' : applySpanMarkers(s).text)
  for (const input of inputs) {
    const base = (await stat(input)).isDirectory() ? resolve(input) : dirname(resolve(input))
    for await (const file of walkFiles([input])) {
      let target = join(resolve(outDir), relative(base, file))
      if (target === file) throw new Error(`refusing to overwrite the input ${file}: choose an --out folder outside the inputs`)
      await mkdir(dirname(target), { recursive: true })
      result.files++
      result.outputs.push(target)
      const head = Buffer.alloc(4)
      const raw = await readFile(file).catch(() => null)
      if (raw === null) continue
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
      if (compression) {
        target = target.replace(/\.(zst|gz)$/, '')
        result.outputs[result.outputs.length - 1] = target
      }
      fh.copy(head, 0, 0, 4)
      const text = fh.length > 0 && fh.length < 64 * 1024 * 1024 ? fh.toString('utf8').replace(/^\uFEFF/, '') : null
      // A whole-file JSON document (Gemini sessions, Copilot snapshots) keeps its structure.
      if (text !== null && /^\s*[[{]/.test(text) && !/\}\s*\n\s*\{/.test(text.slice(0, 4096))) {
        try {
          const parsed = JSON.parse(text) as unknown
          const r = redactJson(walkStrings(parsed, markers), opts)
          count(r.findings)
          await writeFile(target, JSON.stringify(r.value, null, 2) + '\n')
          result.lines += text.split('\n').length
          continue
        } catch {
          // Not one document: fall through to line by line.
        }
      }
      // A text log that is not JSON lines (Aider's Markdown history, a terminal capture) is
      // redacted as one text, so a key block or a wrapped token spanning lines is still found.
      if (text !== null && !looksLikeJsonLines(text)) {
        const r = redactText(markers(text), opts)
        count(r.findings)
        await writeFile(target, r.text)
        result.lines += text.split('\n').length
        continue
      }
      const out = createWriteStream(target)
      const lines = compression
        ? readCompressedLines(file, compression, { lineNo: 0, maxLineBytes: 256 * 1024 * 1024 })
        : readLines(file, detectEncoding(head), { start: 0, lineNo: 0, maxLineBytes: 256 * 1024 * 1024 })
      for await (const line of lines) {
        result.lines++
        let sanitized: string
        try {
          // Re-serialize only when a marker changed the line, so untouched lines stay byte-identical.
          const input = HAS_MARKER.test(line.text) ? JSON.stringify(walkStrings(JSON.parse(line.text) as unknown, markers)) : line.text
          const r = redactLine(input, opts)
          count(r.findings)
          sanitized = r.line
        } catch {
          const r = redactText(markers(line.text), opts)
          count(r.findings)
          sanitized = r.text
        }
        if (!out.write(sanitized + (line.unterminated ? '' : '\n'))) await once(out, 'drain')
      }
      out.end()
      await once(out, 'finish')
    }
  }
  // Copies are redacted with the detectors of tool output; the last check reads them back with
  // every detector the config applies to all fields, as a reader of the copy would see them.
  result.late = await lateCheckFiles(result.outputs, lateCheckOptions(config), resolve(outDir))
  return result
}

function looksLikeJsonLines(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '')
  return first === undefined || /^\s*[[{]/.test(first)
}

function walkStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v)
  if (Array.isArray(v)) return v.map((x) => walkStrings(x, f))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walkStrings(x, f)]))
  return v
}
