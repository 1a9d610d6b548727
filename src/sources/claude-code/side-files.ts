import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs'
import { basename, dirname, join, sep } from 'node:path'

/**
 * Claude Code 2.1 keeps a tool output too large for its transcript line in a side file,
 * `<project>/<session>/tool-results/<name>`, and writes in the line only a preview:
 *
 *   <persisted-output>
 *   Output too large (141KB). Full output saved to: /home/u/.claude/projects/-p/<session>/tool-results/toolu_X.txt
 *
 *   Preview (first 2KB):
 *   …
 *   </persisted-output>
 *
 * The path in the line is the writer's machine's; the file is looked up beside the transcript
 * being read, by the session and file name only, so a log never makes the reader open a path of
 * its choosing.
 */
const PERSISTED = /^\s*<persisted-output>[\s\S]*?Full output saved to: ([^\n]+)/
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/

/** The largest side file read; a larger one keeps its preview, like a line over the ingest's limit. */
export const MAX_SIDE_FILE_BYTES = 64 * 1024 * 1024

export interface SideFileRef {
  session: string
  name: string
}

/** The side file a tool result's text points to, or null when it holds the whole output itself. */
export function persistedOutputRef(text: string): SideFileRef | null {
  const m = PERSISTED.exec(text)
  if (!m) return null
  const parts = m[1].trim().split(/[\\/]/)
  const name = parts[parts.length - 1]
  const session = parts[parts.length - 3]
  if (parts[parts.length - 2] !== 'tool-results' || !session || !SAFE_NAME.test(name) || !SAFE_NAME.test(session)) return null
  return { session, name }
}

/**
 * The project folder of a transcript: the folder of `<session>.jsonl`, or the one above
 * `<session>/subagents/…` for a sub-agent's file (and above `<session>/` for `collect`'s copies).
 */
function projectDir(transcript: string, session: string): string {
  const parts = dirname(transcript).split(sep)
  const at = parts.lastIndexOf(session)
  return at > 0 ? parts.slice(0, at).join(sep) : dirname(transcript)
}

/** Where a side file of `session` lies for the transcript at `transcript`. */
export function sideFilePath(transcript: string, ref: SideFileRef): string {
  return join(projectDir(transcript, ref.session), ref.session, 'tool-results', ref.name)
}

export type SideFileRead = { ok: true; text: string } | { ok: false; problem: string }

/** The side file's text, or why it could not be read (missing, too large, not a file). */
export function readSideFile(transcript: string, ref: SideFileRef, maxBytes = MAX_SIDE_FILE_BYTES): SideFileRead {
  const shown = `${ref.session}/tool-results/${ref.name}`
  let fd: number
  try {
    fd = openSync(sideFilePath(transcript, ref), 'r')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return { ok: false, problem: `tool output side file ${shown} ${code === 'ENOENT' ? 'not found' : `unreadable (${code ?? 'error'})`}; its preview is kept` }
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return { ok: false, problem: `tool output side file ${shown} is not a regular file; its preview is kept` }
    if (st.size > maxBytes) return { ok: false, problem: `tool output side file ${shown} is over ${maxBytes} bytes (not read); its preview is kept` }
    const buf = Buffer.alloc(st.size)
    let at = 0
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, at)
      if (n === 0) break
      at += n
    }
    return {
      ok: true,
      text: buf
        .subarray(0, at)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * The side files of the session whose transcript is `transcript` (`<session>/tool-results/*`),
 * for copies that must carry them along. Empty when the file is not named after its session or
 * there are none.
 */
export function sessionSideFiles(transcript: string, session: string): string[] {
  const dir = join(projectDir(transcript, session), session, 'tool-results')
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && SAFE_NAME.test(d.name))
      .map((d) => join(dir, d.name))
      .sort()
  } catch {
    return []
  }
}

/** True for a file Claude Code keeps beside its transcripts that is not a transcript (a side file, a sub-agent's meta). */
export function isClaudeSideFile(path: string): boolean {
  const parent = basename(dirname(path))
  return parent === 'tool-results' || (parent === 'subagents' && path.endsWith('.meta.json'))
}
