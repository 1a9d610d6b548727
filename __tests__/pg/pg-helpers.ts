import { describe } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * The throwaway cluster of scripts/pg/start.sh (`.ci/run` starts it). Without it the PostgreSQL
 * tests skip, so `npm test` passes on a machine without PostgreSQL; `.ci/run` also sets
 * AI_LOG_TRAIL_REQUIRE_PG=1, which turns a missing URL into a failure instead.
 */
export const pgUrl = process.env.AI_LOG_TRAIL_TEST_PG_URL
if (!pgUrl && process.env.AI_LOG_TRAIL_REQUIRE_PG === '1')
  throw new Error('AI_LOG_TRAIL_REQUIRE_PG=1 but AI_LOG_TRAIL_TEST_PG_URL is not set: start scripts/pg/start.sh')

export const describePg = pgUrl ? describe : describe.skip

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** A new, empty database in the test cluster, so tests running side by side never share one. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (!pgUrl) throw new Error('no AI_LOG_TRAIL_TEST_PG_URL')
  const name = `alt_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const u = new URL(pgUrl)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: pgUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  }
}
