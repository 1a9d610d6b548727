import { readFileSync } from 'node:fs'
import type { SniffInput } from '../../src/sources/types.js'
import { tryParseJson } from '../../src/sources/util/json.js'

/** What the ingester hands a sniffer: the first 20 non-empty lines, parsed, and the first 64 KiB. */
export function sniffInput(path: string): SniffInput {
  const text = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .slice(0, 64 * 1024)
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '')
    .slice(0, 20)
  return { path, lines, parsed: lines.map((l) => tryParseJson(l)), text }
}
