/**
 * Gives the memory behind `b` back now, when `b` alone holds it, and leaves `b` empty. A buffer
 * that zlib or SQLite made is freed only when V8 collects it, and V8 collects for the memory
 * outside its heap only after tens of megabytes of it: a loop that compresses a chunk at a time
 * leaves every chunk's buffers lying until then, which the job memo measured at about 40 MB on top
 * of a full-mode job's peak (docs/performance.md, "the job memo's buffers given back"). Detaching
 * the `ArrayBuffer` (`transfer(0)`) frees it at once.
 *
 * Only a buffer no one else can be looking at may be given: one the caller made or was handed and
 * kept no other view of. A buffer of Node's shared pool (small `allocUnsafe` buffers) is never
 * detached.
 */
export function releaseBuffer(b: Buffer): void {
  const ab = b.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; readonly detached?: boolean }
  if (ab.detached || typeof ab.transfer !== 'function') return
  // A slice of the pool is never all of it (the pool serves sizes under half its own), and a
  // buffer far larger than the pool is not the pool; zlib makes its output as such a buffer and
  // returns a view of its start.
  const whole = b.byteOffset === 0 && b.length === ab.byteLength
  if (!whole && ab.byteLength <= 4 * Buffer.poolSize) return
  ab.transfer(0)
}
