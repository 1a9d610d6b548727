import type { Stats } from 'node:fs'
import { readFile, rename, stat, writeFile } from 'node:fs/promises'
import { z } from 'zod'

/*
 * What `collect` knows about the copies it wrote: for each copy, the log it was made from and both
 * files' identities (size, times, inode) when it was made or last found equal. A copy whose log,
 * rules and own file are all as recorded would come out byte for byte the same, so an unchanged
 * history is answered from here without reading or redacting anything. Anything that differs, or
 * that is not recorded, is redacted and compared as before: the record only ever skips work.
 */

const FileIdentitySchema = z.object({ size: z.number(), mtime_ms: z.number(), ctime_ms: z.number(), ino: z.number() })
export type FileIdentity = z.infer<typeof FileIdentitySchema>

const CopyRecordSchema = z.object({
  source: z.string(),
  source_file: FileIdentitySchema,
  copy_file: FileIdentitySchema,
  /** When the log's identity was taken, just before it was read. */
  checked_ms: z.number(),
  /** The values redacted in the copy and what the last check found in it, so a skipped copy counts as a made one. */
  redactions: z.number(),
  late: z.record(z.string(), z.number())
})
export type CopyRecord = z.infer<typeof CopyRecordSchema>

const CopiesRecordSchema = z.object({
  format: z.literal(1),
  /** The rules, version and redaction key the copies were made with (a digest: no key is stored). */
  rules: z.string(),
  copies: z.record(z.string(), CopyRecordSchema)
})
type CopiesRecord = z.infer<typeof CopiesRecordSchema>

export function fileIdentity(s: Stats): FileIdentity {
  return { size: s.size, mtime_ms: s.mtimeMs, ctime_ms: s.ctimeMs, ino: s.ino }
}

const sameIdentity = (a: FileIdentity, b: FileIdentity): boolean =>
  a.size === b.size && a.mtime_ms === b.mtime_ms && a.ctime_ms === b.ctime_ms && a.ino === b.ino

/**
 * A log modified in the second it was read may have changed after the read without changing its
 * times (git's "racily clean" files): such a record is not trusted, and the copy is made again.
 */
const RACY_MS = 1000

/** The record of one collect folder's copies: read once, consulted per copy, written once at the end. */
export class CopiesRecordFile {
  private readonly next: Record<string, CopyRecord> = {}

  private constructor(
    private readonly path: string,
    private readonly rules: string,
    private readonly previous: Record<string, CopyRecord>
  ) {}

  /** The record at `path` for copies made under `rules`; an absent, unreadable or other rules' record is empty. */
  static async open(path: string, rules: string): Promise<CopiesRecordFile> {
    const text = await readFile(path, 'utf8').catch(() => null)
    let previous: Record<string, CopyRecord> = {}
    if (text !== null) {
      try {
        const r = CopiesRecordSchema.safeParse(JSON.parse(text))
        if (r.success && r.data.rules === rules) previous = r.data.copies
      } catch {
        // A torn or hand-edited record is no record: every copy is made again.
      }
    }
    return new CopiesRecordFile(path, rules, previous)
  }

  /** Whether any copy is recorded under the current rules (then the rules were valid when they were recorded). */
  get known(): boolean {
    return Object.keys(this.previous).length > 0
  }

  /**
   * The record of the copy at `target` if it still holds: made from `source` as it is now, the copy
   * itself untouched since. Kept for the next run when it holds.
   */
  async unchanged(target: string, source: string): Promise<CopyRecord | null> {
    const r = this.previous[target]
    if (!r || r.source !== source || r.source_file.mtime_ms >= r.checked_ms - RACY_MS) return null
    const [s, c] = await Promise.all([stat(source).catch(() => null), stat(target).catch(() => null)])
    if (!s || !c || !sameIdentity(fileIdentity(s), r.source_file) || !sameIdentity(fileIdentity(c), r.copy_file)) return null
    this.next[target] = r
    return r
  }

  /**
   * Records a copy just made or compared; `before` is the log's identity and the time it was taken,
   * just before the log was read.
   */
  async made(target: string, source: string, before: { file: Stats; at: number }, made: Pick<CopyRecord, 'redactions' | 'late'>): Promise<void> {
    const c = await stat(target).catch(() => null)
    if (!c) return
    this.next[target] = { source, source_file: fileIdentity(before.file), copy_file: fileIdentity(c), checked_ms: before.at, ...made }
  }

  /**
   * Writes the record (whole, then renamed over the old one, so a crash leaves either): this run's
   * copies, and the earlier ones of copies this run did not look at (another branch's), which are
   * checked again whenever they are used.
   */
  async save(): Promise<void> {
    const record: CopiesRecord = { format: 1, rules: this.rules, copies: { ...this.previous, ...this.next } }
    const temp = `${this.path}.${process.pid}.tmp`
    await writeFile(temp, JSON.stringify(record) + '\n')
    await rename(temp, this.path)
  }
}
