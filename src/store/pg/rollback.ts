import { parentsFirst } from '../schema-shape.js'
import { ident, inTransaction, type PgClient } from './connect.js'
import { PG_ONLY_TABLES } from './schema.js'
import { pgSchemaShape } from './schema-shape.js'

export interface RunInfo {
  id: number
  source: string
  startedAt: string
  status: string
}

export async function migrationRun(client: PgClient, runId: number): Promise<RunInfo | null> {
  const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('migration_runs')::text AS t`)).rows[0].t
  if (!exists) return null
  const r = await client.query<{ id: string; source: string; started_at: string; status: string }>(
    `SELECT id::text, source, started_at, status FROM migration_runs WHERE id = $1`,
    [runId]
  )
  const row = r.rows[0]
  return row ? { id: Number(row.id), source: row.source, startedAt: row.started_at, status: row.status } : null
}

/** A rollback that would remove more than the run added (rows added since refer to the run's rows). */
export class RollbackRefused extends Error {}

/**
 * Removes the rows migration run `runId` added, children before parents, in one transaction, and
 * marks the run `status`. Refused (and nothing removed) when the deletes would take other rows with
 * them through a foreign key: the row counts before and after each table must differ by exactly the
 * rows of the run.
 */
export async function rollbackRun(client: PgClient, runId: number, status = 'rolled back'): Promise<{ table: string; removed: number }[]> {
  const shape = await pgSchemaShape(client, PG_ONLY_TABLES)
  const order = parentsFirst(shape).reverse()
  return inTransaction(client, async () => {
    const run = await client.query<{ status: string }>(`SELECT status FROM migration_runs WHERE id = $1 FOR UPDATE`, [runId])
    if (!run.rows[0]) throw new RollbackRefused(`there is no migration run ${runId}`)
    if (run.rows[0].status === 'rolled back' || run.rows[0].status === 'failed')
      throw new RollbackRefused(`migration run ${runId} is already undone (${run.rows[0].status})`)
    const count = async (t: string) => Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(t)}`)).rows[0].n)
    const before = new Map<string, number>()
    for (const t of order) before.set(t, await count(t))
    const removed: { table: string; removed: number }[] = []
    for (const t of order) {
      const pk = shape[t].primaryKey
      const r = await client.query(
        `DELETE FROM ${ident(t)} t USING migration_run_keys k WHERE k.run_id = $1 AND k.table_name = $2 AND k.key = ARRAY[${pk.map((c) => `t.${ident(c)}::text`).join(', ')}]`,
        [runId, t]
      )
      removed.push({ table: t, removed: r.rowCount ?? 0 })
    }
    for (const { table, removed: n } of removed) {
      const gone = (before.get(table) ?? 0) - (await count(table))
      if (gone !== n)
        throw new RollbackRefused(`rolling back run ${runId} would also remove ${gone - n} row(s) of ${table} that it did not add: nothing was removed`)
    }
    await client.query(`DELETE FROM migration_run_keys WHERE run_id = $1`, [runId])
    await client.query(`UPDATE migration_runs SET status = $2, finished_at = $3 WHERE id = $1`, [runId, status, new Date().toISOString()])
    return removed.reverse()
  })
}
