import type { Db } from '../../src/store/db.js'

/** The database, with every SQL text a caller prepares written down. */
export function recording(db: Db): { db: Db; prepared: string[] } {
  const prepared: string[] = []
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare')
        return (sql: string) => {
          prepared.push(sql)
          return target.prepare(sql)
        }
      const v = Reflect.get(target, prop, target) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    }
  })
  return { db: proxy, prepared }
}

/** SQLite's plan for `sql`, one line per step, its parameters bound to null. */
export function plan(db: Db, sql: string): string[] {
  const params = (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length
  const named = [...new Set(sql.match(/@\w+/g) ?? [])].map((n) => n.slice(1))
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`)
  const args: unknown[] = named.length ? [Object.fromEntries(named.map((n) => [n, null]))] : Array<null>(params).fill(null)
  return (stmt.all(...args) as { detail: string }[]).map((r) => r.detail)
}
