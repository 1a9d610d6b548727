import { open } from 'node:fs/promises'
import { rotateIfFull } from './rotate.js'

/**
 * Appends one complete line with a single `write(2)` on a descriptor opened with O_APPEND.
 * The file is opened by path for every record, so a writer whose file was rotated by another
 * process writes to the new `<path>` from its next record on, without noticing anything.
 */
export async function appendLine(path: string, line: string, maxBytes?: number): Promise<void> {
  const buf = Buffer.from(line, 'utf8')
  if (maxBytes !== undefined) await rotateIfFull(path, buf.length, maxBytes)
  const fh = await open(path, 'a', 0o600)
  try {
    let done = 0
    while (done < buf.length) {
      // A short write happens only on a full disk, a file-size limit or a signal; the rest is
      // still written, but from then on that one line is no longer atomic against other writers.
      const { bytesWritten } = await fh.write(buf, done, buf.length - done)
      if (bytesWritten === 0) throw new Error(`recorder: could not write to ${path}`)
      done += bytesWritten
    }
  } finally {
    await fh.close()
  }
}
