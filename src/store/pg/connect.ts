// The driver is loaded when a connection is made: most runs never make one, and loading it was a
// measurable part of a short run's start.
import type pg from 'pg'

/** Where a command's store is: `--db`, else AI_LOG_TRAIL_DATABASE_URL, else the command's default file. */
export function storeTarget(db: string | undefined, fallback: string): string {
  return db ?? process.env.AI_LOG_TRAIL_DATABASE_URL ?? fallback
}

/** True for a `postgres://` or `postgresql://` URL: what `--db` and `--to` take for the PostgreSQL store. */
export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s)
}

/** The URL as it may be printed: user, host, port and database, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    u.password = ''
    u.search = ''
    return u.toString()
  } catch {
    return 'postgres://(unparsable URL)'
  }
}

export type PgClient = pg.Client

/** One connection to the PostgreSQL store; the caller ends it. */
export async function connectPg(url: string): Promise<PgClient> {
  const { default: driver } = await import('pg')
  const client = new driver.Client({ connectionString: url, application_name: 'ai-log-trail' })
  await client.connect()
  return client
}

/** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(client: PgClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const r = await fn()
    await client.query('COMMIT')
    return r
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}

/** A name quoted for SQL: some store columns (`offset`) are reserved words in PostgreSQL. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
