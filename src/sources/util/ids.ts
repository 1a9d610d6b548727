import { createHash } from 'node:crypto'
import { basename } from 'node:path'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

/**
 * A session id for a log that never names one: the UUID in its file name, else a hash of the
 * file's first bytes, so a copy of the same log (archived, or committed to .ai-logs/) is
 * recognized as the same session rather than counted again.
 */
export function fallbackSessionId(path: string, head: Uint8Array): string {
  const m = UUID.exec(basename(path))
  if (m) return m[0].toLowerCase()
  return `file-${createHash('sha256').update(head).digest('hex').slice(0, 16)}`
}
