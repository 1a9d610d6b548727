import type { Db } from './db.js'
import { projectKey, projectSessionId, sameProject } from './project-key.js'
import { addSessionSource, sessionOfSource, setSourceProject, sourcesOfLogId } from './session-sources.js'

/**
 * Maps the session id a log gives to the stored session, so that one id logged in two projects is
 * two sessions and a report about one never shows the other's records.
 *
 * The decision is made once per file and log id, when the file's first record of that id is
 * written, and kept (`session_sources`), so a grown file goes on into the same session. The file's
 * project is the cwd it gives the session, looked for in the whole batch being written (a
 * session's cwd may come after its first events). Then the file joins, in this order: a stored
 * session of that id in the same project (`sameProject`), one whose project no file has said, or,
 * when none, the log's id itself if no file holds it yet, else the log's id with a digest of the
 * project. A file that gives no cwd joins the session holding the log's id itself.
 */
export class SessionIdentity {
  private known = new Map<string, string>()
  /**
   * The last answer, asked again for nearly every record (a file's records come in runs of one log
   * id): it costs no key string to build and hash. `known` never changes an answer, so it holds.
   */
  private last: { fileId: number; logId: string; sid: string } | null = null
  /** The first cwd the batch being written gives each log id. */
  private batchCwds = new Map<string, string>()

  constructor(private db: Db) {}

  /** Called before each batch of one file with the cwd it gives each log id. */
  beginBatch(cwds: Map<string, string>): void {
    this.batchCwds = cwds
  }

  /** The stored session for the records `fileId` gives under `logId`. */
  resolve(fileId: number, logId: string): string {
    const last = this.last
    if (last !== null && last.fileId === fileId && last.logId === logId) return last.sid
    const key = `${fileId}\u0000${logId}`
    let sid = this.known.get(key)
    if (sid !== undefined) {
      this.last = { fileId, logId, sid }
      return sid
    }
    sid = sessionOfSource(this.db, fileId, logId)
    if (sid === undefined) {
      const cwd = this.batchCwds.get(logId) ?? null
      const project = cwd === null ? null : projectKey(cwd)
      sid = this.choose(logId, project)
      addSessionSource(this.db, fileId, logId, sid, project)
    }
    this.known.set(key, sid)
    this.last = { fileId, logId, sid }
    return sid
  }

  /** A file's session patch gave a cwd: kept for files read later, when the file had not said one. */
  learnCwd(fileId: number, logId: string, cwd: string): void {
    setSourceProject(this.db, fileId, logId, projectKey(cwd))
  }

  /** How many files' log ids it holds the answer of. */
  get size(): number {
    return this.known.size
  }

  forget(): void {
    this.known.clear()
    this.last = null
  }

  private choose(logId: string, project: string | null): string {
    const holders = new Map<string, string[]>()
    for (const s of sourcesOfLogId(this.db, logId)) {
      const projects = holders.get(s.session_id) ?? []
      // Databases upgraded to this table hold the session's cwd as it was logged.
      if (s.project !== null) projects.push(projectKey(s.project))
      holders.set(s.session_id, projects)
    }
    if (holders.size === 0) return logId
    if (project === null) return holders.has(logId) ? logId : holders.keys().next().value!
    const order = [...holders].sort(([a], [b]) => (a === logId ? -1 : b === logId ? 1 : 0))
    const same = order.find(([, projects]) => projects.some((p) => sameProject(p, project)))
    if (same) return same[0]
    const unsaid = order.find(([, projects]) => projects.length === 0)
    if (unsaid) return unsaid[0]
    return holders.has(logId) ? projectSessionId(logId, project) : logId
  }
}
