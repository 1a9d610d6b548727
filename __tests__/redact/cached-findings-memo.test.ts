import { afterEach, describe, expect, it, jest } from '@jest/globals'
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { cacheFingerprint, RedactionCache } from '../../src/redact/cached-findings.js'
import { engineOptions } from '../../src/redact/engine-options.js'
import { redactText, type FindingsOf } from '../../src/redact/engine.js'
import { IdentifierTags } from '../../src/redact/hash.js'
import { openStore, type Db } from '../../src/store/db.js'
import { RedactionCacheStore } from '../../src/store/redaction-cache.js'
import { tmpDir } from '../helpers.js'

// Self-written texts; the address is assembled so this file holds no contiguous one.
const EMAIL = 'jane.doe' + '@example-corp.com'
const TEXTS = [`mail ${EMAIL} today`, 'nothing to hide here', `again ${EMAIL}`, '']

const config = parseConfig('hash_identifiers:\n  emails: true\n', 'x.yml')
const dirs: string[] = []
afterEach(() => {
  jest.restoreAllMocks()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function store(): { db: Db; path: string } {
  const d = tmpDir()
  dirs.push(d)
  const path = join(d, 'cache.sqlite')
  return { db: openStore(path), path }
}

/** One run's redaction of the texts, twice over, as the report's `clean` calls the cache. */
function run(db: Db): string[] {
  const s = RedactionCacheStore.open(db, cacheFingerprint(config))
  if (!s) throw new Error('no cache')
  const cache = new RedactionCache(s)
  const opts = engineOptions(config, new IdentifierTags())('prompt')
  const out = [...TEXTS, ...TEXTS].map((t) => cache.redact('prompt', false, t, (findingsOf: FindingsOf) => redactText(t, opts, findingsOf)).text)
  cache.save()
  return out
}

describe('the redaction cache within one run', () => {
  it('reads the store once per text, however often the text comes, with the output of a fresh scan', () => {
    const { db } = store()
    const opts = engineOptions(config, new IdentifierTags())('prompt')
    const fresh = [...TEXTS, ...TEXTS].map((t) => redactText(t, opts).text)
    expect(fresh.join('\n')).not.toContain(EMAIL)
    const get = jest.spyOn(RedactionCacheStore.prototype, 'get')
    expect(run(db)).toEqual(fresh)
    expect(get).toHaveBeenCalledTimes(TEXTS.length)
    get.mockClear()
    // The next run finds every text in the store, each looked up once.
    expect(run(db)).toEqual(fresh)
    expect(get).toHaveBeenCalledTimes(TEXTS.length)
    expect(new Set(get.mock.calls.map((c) => c[0])).size).toBe(TEXTS.length)
    db.close()
  })

  it('ends the lookups’ read transaction when it saves, so a checkpoint can empty the log', () => {
    const { db, path } = store()
    run(db)
    const s = RedactionCacheStore.open(db, cacheFingerprint(config))
    if (!s) throw new Error('no cache')
    s.get('absent')
    // Another connection writes meanwhile: the lookups' snapshot does not stop it.
    db.prepare('UPDATE redaction_cache_state SET run = run WHERE id = 1').run()
    const other = new Database(path, { timeout: 0 })
    const busy = () => (other.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0].busy
    // A reader holding an old snapshot keeps the log from being emptied; after save, none does.
    expect(busy()).toBe(1)
    s.save()
    expect(busy()).toBe(0)
    other.close()
    db.close()
  })
})
