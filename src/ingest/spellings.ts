import { statSync, type Stats } from 'node:fs'
import type { Db } from '../store/db.js'
import { eachStoredFilePath, storedFileId } from '../store/files.js'
import { forgetSecondPath } from '../store/spellings.js'
import type { FileStat, WalkedFile } from './walk.js'

/** A stored path found to be another path of a file the store keeps under `kept`, and forgotten. */
export interface MergedPath {
  kept: string
  forgot: string
}

const idOf = (st: FileStat) => `${st.dev}:${st.ino}`

/**
 * Finds the stored path of a file the store knows under another spelling: the same logs reached
 * through a link to their folder (or a hard link) are the same files, and read again under a new
 * path they would count every event twice.
 *
 * The walk gives each file once, under one path (walk.ts): a path it gave that the store does not
 * know can only be another path of a stored path it did not reach. So only those are stat'ed, once
 * per ingest, by `repair` (which is given the whole walk before any file is planned); when the walk
 * reached every stored path, nothing is. `of` answers from what `repair` found.
 */
export class StoredAliases {
  /** By device and inode, the stored path each file the walk may reach under another path is stored as; filled by `repair`. */
  private readonly byId = new Map<string, string>()
  constructor(private readonly db: Db) {}

  of(st: FileStat): string | null {
    return this.byId.get(idOf(st)) ?? null
  }

  /**
   * Stores made before paths were matched by device and inode may hold one file under two paths,
   * each with every record: of the stored paths that are now one file (both existing), the one
   * stored first (the lowest id) is kept and the others forgotten, one transaction each
   * (`forgetSecondPath`). The first keeps the store as it was before the second path was read:
   * the records stored first, the turns numbered from them, the replay flags the second path's
   * keyed records took from them. Called with the walk's files before any is planned, so a file
   * the walk reached under a forgotten path is planned under the kept one and read on from where
   * that stopped.
   *
   * A file stored twice has a path the walk did not reach; a path that is gone (or no longer a
   * file) matches nothing, and is not forgotten for its target being gone.
   */
  repair(walked: readonly WalkedFile[]): MergedPath[] {
    const reached = new Set<string>()
    for (const f of walked) reached.add(f.path)
    // By device and inode, the stored paths the walk did not reach; the walk's own files join a
    // group below only when one of those is the same file.
    const unreached = new Map<string, string[]>()
    // Read a path at a time: the walk is already held whole, and a store of many files would double it.
    for (const path of eachStoredFilePath(this.db)) {
      if (reached.has(path)) continue
      let st: Stats
      try {
        st = statSync(path)
      } catch {
        continue
      }
      if (!st.isFile()) continue
      const same = unreached.get(idOf(st))
      if (same) same.push(path)
      else unreached.set(idOf(st), [path])
    }
    this.byId.clear()
    if (unreached.size === 0) return []
    // A walked path the store knows, of the same file as one it did not reach: stored twice.
    const walkedAs = new Map<string, string>()
    for (const f of walked) {
      const key = idOf(f)
      if (unreached.has(key) && storedFileId(this.db, f.path) !== undefined) walkedAs.set(key, f.path)
    }
    const merged: MergedPath[] = []
    for (const [key, paths] of unreached) {
      const also = walkedAs.get(key)
      const same = also === undefined ? paths : [also, ...paths]
      if (same.length === 1) {
        // Stored once: the path a walked path the store does not know is another spelling of.
        this.byId.set(key, same[0])
        continue
      }
      const rows: { path: string; id: number }[] = []
      for (const path of same) {
        const id = storedFileId(this.db, path)
        if (id !== undefined) rows.push({ path, id })
      }
      if (rows.length === 0) continue
      rows.sort((a, b) => a.id - b.id)
      for (const drop of rows.slice(1)) if (forgetSecondPath(this.db, drop.id, rows[0].id) !== null) merged.push({ kept: rows[0].path, forgot: drop.path })
      this.byId.set(key, rows[0].path)
    }
    return merged.sort((a, b) => (a.forgot < b.forgot ? -1 : a.forgot > b.forgot ? 1 : 0))
  }
}
