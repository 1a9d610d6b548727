import { describe, expect, it } from '@jest/globals'
import { dayIn, isValidTimeZone } from '../../src/select/filters.js'

/*
 * In UTC, days and the zone check skip Intl (whose first formatter loads the ICU zone data at a
 * run's start); they must say exactly what the formatter says.
 */
describe('days in UTC without Intl', () => {
  it('gives the day the en-CA formatter gives, for every instant including years before 1000 and after 9999', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
    const day = dayIn('UTC')
    const stamps = [
      '2026-03-03T23:59:59.999Z',
      '2026-03-03T10:00:00+05:00',
      '2024-02-29T12:00:00-12:00',
      '1970-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '0999-12-31T23:59:59Z',
      '1000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+010000-01-01T00:00:00Z',
      '-000001-06-01T00:00:00Z',
      '2026-03-03',
      '2026-03-03 10:00:00'
    ]
    // A fixed walk over 1938–2096 in uneven steps, so every month and hour boundary region is met.
    for (let t = -1e12, i = 0; i < 5000; i++, t += 8.64e7 * 11.7 + 3_600_000 * 0.37) stamps.push(new Date(t).toISOString())
    expect(stamps.filter((s) => day(s) !== fmt.format(new Date(s)))).toEqual([])
  })

  it('throws on a stamp that is no time, as the formatter does', () => {
    expect(() => dayIn('UTC')('not a time')).toThrow(RangeError)
  })

  it('takes UTC as a zone, and still checks any other name', () => {
    expect(isValidTimeZone('UTC')).toBe(true)
    expect(isValidTimeZone('Europe/Paris')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
  })
})
