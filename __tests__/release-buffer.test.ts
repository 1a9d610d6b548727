import { describe, expect, it } from '@jest/globals'
import * as zlib from 'node:zlib'
import { releaseBuffer } from '../src/release-buffer.js'

describe('releaseBuffer', () => {
  it('frees a buffer that owns its memory, leaving it empty', () => {
    const b = Buffer.alloc(64 * 1024, 1)
    releaseBuffer(b)
    expect(b.buffer.byteLength).toBe(0)
    expect(b.length).toBe(0)
  })

  it('frees the whole output zlib made for a view of it', () => {
    const out = zlib.zstdCompressSync(Buffer.alloc(1 << 20, 'abc'), { chunkSize: 1 << 21 })
    expect(out.buffer.byteLength).toBeGreaterThan(out.length)
    releaseBuffer(out)
    expect(out.buffer.byteLength).toBe(0)
  })

  it('never detaches Node’s shared pool: the other buffers in it keep their bytes', () => {
    const a = Buffer.from('kept in the pool')
    const b = Buffer.from('also in the pool')
    expect(a.buffer).toBe(b.buffer)
    releaseBuffer(b)
    expect(a.toString()).toBe('kept in the pool')
    expect(b.toString()).toBe('also in the pool')
  })

  it('does nothing to a buffer already given back', () => {
    const b = Buffer.alloc(64 * 1024)
    releaseBuffer(b)
    expect(() => releaseBuffer(b)).not.toThrow()
  })
})
