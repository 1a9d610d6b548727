import { prepared, type Db } from './db.js'
import { forgetFileContents } from './files.js'

/**
 * Forgets what a file's last read stored, the turns its prompts opened included, before the file
 * is read again whole (an agent's database, whose rows change in place). The turns table does not
 * follow its events away, and turns left behind would number the new read's prompts after themselves.
 */
export function forgetRead(db: Db, fileId: number): void {
  db.transaction(() => {
    prepared(db, `DELETE FROM turns WHERE prompt_event_id IN (SELECT id FROM events WHERE file_id = ?)`).run(fileId)
    forgetFileContents(db, fileId)
  }).immediate()
}
