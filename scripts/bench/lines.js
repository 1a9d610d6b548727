// The bench's own line reader: 1 MiB chunks split on newlines, as the ingest reads. Calls
// `onLine(buffer, start, end)` for every non-empty line, the buffer valid only during the call.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { ensureCorpus } from './corpus.js'

export function forEachLine(files, onLine) {
  const chunk = 1 << 20
  const buf = Buffer.allocUnsafe(chunk)
  let bytes = 0
  for (const f of files) {
    const fd = openSync(f, 'r')
    try {
      let pos = 0
      let carry = null
      for (;;) {
        const n = readSync(fd, buf, 0, chunk, pos)
        if (n === 0) break
        pos += n
        bytes += n
        let data = buf.subarray(0, n)
        if (carry) {
          data = Buffer.concat([carry, data])
          carry = null
        }
        let from = 0
        for (;;) {
          const nl = data.indexOf(10, from)
          if (nl === -1) break
          if (nl > from) onLine(data, from, nl)
          from = nl + 1
        }
        if (from < data.length) carry = Buffer.from(data.subarray(from))
      }
      if (carry && carry.length) onLine(carry, 0, carry.length)
    } finally {
      closeSync(fd)
    }
  }
  return bytes
}

/** A sample of the corpus's lines (every k-th file, whole files) of about `target` bytes. */
export function sampleLines(files, target) {
  const stride = Math.max(1, Math.floor(files.length / 60))
  const lines = []
  let bytes = 0
  for (let pass = 0; pass < stride && bytes < target; pass++) {
    for (let i = pass; i < files.length && bytes < target; i += stride) {
      for (const l of readFileSync(files[i], 'utf8').split('\n')) {
        if (!l) continue
        lines.push(l)
        bytes += Buffer.byteLength(l) + 1
      }
    }
  }
  return { lines, bytes }
}

/**
 * The redaction scripts' sample: the `--mb`/`--seed` corpus under `root`'s `.bench/` (made if
 * missing), then about 8 MB of its lines as `sampleLines` takes them, the same as bench.js.
 */
export function redactionSample(root, mb, seed, log) {
  const corpusDir = join(root, '.bench', `corpus-${mb}mb`)
  const corpus = ensureCorpus(corpusDir, mb, seed, log)
  const files = readdirSync(corpusDir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
  return sampleLines(files, Math.min(8e6, corpus.bytes))
}
