import { statSync, type Stats } from 'node:fs'
import type { Db } from '../store/db.js'
import { storedFileIds, storedFilePaths } from '../store/files.js'
import { forgetSecondPath } from '../store/spellings.js'
import type { WalkedFile } from './walk.js'

/** A stored path found to be another path of a file the store keeps under `kept`, and forgotten. */
export interface MergedPath {
  kept: string
  forgot: string
}

const idOf = (st: Stats) => `${st.dev}:${st.ino}`

/**
 * Finds the stored path of a file the store knows under another spelling: the same logs reached
 * through a link to their folder (or a hard link) are the same files, and read again under a new
 * path they would count every event twice.
 *
 * Built once per ingest from the walk (`repair`), whose stats give the devices and inodes of every
 * stored path it reached; only stored paths it did not reach are stat'ed. Without `repair`, the
 * stored paths are all stat'ed when a path the store does not know first comes up.
 */
export class StoredAliases {
  private byId: Map<string, string> | null = null
  constructor(private readonly db: Db) {}

  of(st: Stats): string | null {
    if (this.byId === null) {
      this.byId = new Map()
      for (const stored of storedFilePaths(this.db)) {
        try {
          const s = statSync(stored)
          this.byId.set(idOf(s), stored)
        } catch {
          // gone or unreadable: no file to be the same as
        }
      }
    }
    return this.byId.get(idOf(st)) ?? null
  }

  /**
   * Stores made before paths were matched by device and inode may hold one file under two paths,
   * each with every record: of the stored paths that are now one file (both existing), the one
   * stored first (the lowest id) is kept and the others forgotten, one transaction each
   * (`forgetSecondPath`). The first keeps the store as it was before the second spelling was
   * read: the records stored first, the turns numbered from them, its later records' replay
   * flags. Called with the walk's files before any is planned, so a file the walk reached under a
   * forgotten path is planned under the kept one and read on from where that stopped.
   *
   * The walk gives each file once, under one path: a file stored twice has a path it did not
   * reach, so when it reached every stored path nothing is stat'ed. A path that is gone matches
   * nothing: it is not forgotten for its target being gone.
   */
  repair(walked: readonly WalkedFile[]): MergedPath[] {
    const stored = storedFileIds(this.db)
    const byId = new Map<string, { path: string; id: number }[]>()
    const add = (st: Stats, path: string, id: number) => {
      const key = idOf(st)
      const same = byId.get(key)
      if (same) same.push({ path, id })
      else byId.set(key, [{ path, id }])
    }
    let reached = 0
    for (const { path, stats } of walked) {
      const id = stored.get(path)
      if (id === undefined) continue
      add(stats, path, id)
      reached++
    }
    if (reached < stored.size) {
      const walkedPaths = new Set(walked.map((f) => f.path))
      for (const [path, id] of stored) {
        if (walkedPaths.has(path)) continue
        let st: Stats
        try {
          st = statSync(path)
        } catch {
          continue
        }
        if (st.isFile()) add(st, path, id)
      }
    }
    const merged: MergedPath[] = []
    this.byId = new Map()
    for (const [key, rows] of byId) {
      if (rows.length > 1) {
        rows.sort((a, b) => a.id - b.id)
        for (const drop of rows.slice(1)) if (forgetSecondPath(this.db, drop.id, rows[0].id) !== null) merged.push({ kept: rows[0].path, forgot: drop.path })
      }
      this.byId.set(key, rows[0].path)
    }
    return merged.sort((a, b) => (a.forgot < b.forgot ? -1 : a.forgot > b.forgot ? 1 : 0))
  }
}
