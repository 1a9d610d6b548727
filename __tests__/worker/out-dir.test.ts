import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { snapshotOutDir } from '../../src/worker/out-dir.js'
import { tmpDir } from '../helpers.js'

/*
 * What a report worker that ran out of memory wrote is taken away before the report runs again
 * (src/pipeline/job-thread.ts): the output folder must end as one run leaves it. Self-written
 * folders.
 */

const dir = tmpDir('alt-out-dir-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('an output folder put back', () => {
  it('loses the entries written after the snapshot and keeps those from before, as they now are', () => {
    const out = join(dir, 'kept')
    mkdirSync(out)
    writeFileSync(join(out, 'notes.txt'), 'the user’s own')
    writeFileSync(join(out, 'report.md'), 'last run')
    const snapshot = snapshotOutDir(out)
    writeFileSync(join(out, 'report.md'), 'half')
    writeFileSync(join(out, 'report.json'), '{')
    writeFileSync(join(out, 'ai-log-trail.sqlite.tmp-1'), '')
    mkdirSync(join(out, 'assets'))
    writeFileSync(join(out, 'assets', 'x'), '')
    snapshot.restore()
    expect(readdirSync(out).sort()).toEqual(['notes.txt', 'report.md'])
    // A file from before is the next run's to overwrite: it writes the same names.
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe('half')
  })

  it('is removed when it did not exist before', () => {
    const out = join(dir, 'new')
    const snapshot = snapshotOutDir(out)
    mkdirSync(out)
    writeFileSync(join(out, 'report.md'), 'half')
    snapshot.restore()
    expect(existsSync(out)).toBe(false)
    // Nothing written at all: nothing to do.
    snapshot.restore()
    expect(existsSync(out)).toBe(false)
  })

  it('is left alone when a file stands where it would be', () => {
    const out = join(dir, 'a-file')
    writeFileSync(out, 'not a folder')
    const snapshot = snapshotOutDir(out)
    snapshot.restore()
    expect(readFileSync(out, 'utf8')).toBe('not a folder')
  })
})
