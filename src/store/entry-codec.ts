import * as zlib from 'node:zlib'
import { releaseBuffer } from '../release-buffer.js'

/**
 * The codec of the local caches' small entries (render parts, full sessions): zstd when this Node
 * has it, raw deflate otherwise, told apart by a leading byte so a store written by a Node without
 * zstd still reads.
 */
const ZSTD = typeof zlib.zstdCompressSync === 'function'

/** zlib's output buffer: one buffer of about the output's size, not a list of small ones joined (native memory the worker's allocator keeps). */
const chunkFor = (bytes: number) => Math.max(16 << 10, Math.min(bytes + 1024, 64 << 20))

/** An entry's bytes compressed, its codec's byte first. */
export function compressEntry(raw: Buffer): Buffer {
  // Told the size, zstd sizes its window and tables to an entry (a few KiB) rather than to a stream:
  // thousands of entries a run each made a full-size context, which lifted a full-mode job's peak.
  const out = ZSTD ? zlib.zstdCompressSync(raw, { chunkSize: chunkFor(raw.length), pledgedSrcSize: raw.length }) : zlib.deflateRawSync(raw, { level: 1 })
  const body = Buffer.concat([Buffer.of(ZSTD ? 1 : 0), out])
  releaseBuffer(out)
  return body
}

/** An entry's `bytes` bytes back from `compressEntry`'s output; throws when it does not read back. */
export function decompressEntry(body: Buffer, bytes: number): Buffer {
  if (body[0] === 1 && ZSTD) return zlib.zstdDecompressSync(body.subarray(1), { chunkSize: chunkFor(bytes), maxOutputLength: Math.max(1, bytes) })
  if (body[0] === 0) return zlib.inflateRawSync(body.subarray(1), { maxOutputLength: Math.max(1, bytes) })
  throw new Error('an unknown codec')
}
