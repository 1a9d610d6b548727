import type { PayloadOf } from '../../model/events.js'

type FileChange = PayloadOf<'file_change'>

const PATCH_HEADER = /^\*\*\* (Add|Update|Delete) File: (.+)$/
const MOVE_TO = /^\*\*\* Move to: (.+)$/

/**
 * Files named in an `apply_patch` envelope (`*** Begin Patch` … `*** End Patch`), the patch
 * language Codex and other agents use. Reads only the header lines, so a huge patch costs one scan.
 */
export function filesInPatch(text: string, callId?: string | null): FileChange[] {
  if (!text.includes('*** ')) return []
  const out: FileChange[] = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    const h = PATCH_HEADER.exec(line)
    if (h) {
      const change = h[1] === 'Add' ? 'add' : h[1] === 'Delete' ? 'delete' : 'update'
      out.push({ kind: 'file_change', path: h[2].trim(), change, call_id: callId ?? null })
      continue
    }
    const m = MOVE_TO.exec(line)
    if (m) out.push({ kind: 'file_change', path: m[1].trim(), change: 'move', call_id: callId ?? null })
  }
  return out
}
