import { describe, expect, it } from '@jest/globals'
import { RequestError } from '@octokit/request-error'
import { describeError, isRateLimited, isRefused } from '../../src/publish/github.js'

/** How the Action tells a rate limit (wait and retry) from a refusal (a read-only token). */

function httpError(status: number, message: string, headers: Record<string, string> = {}): RequestError {
  return new RequestError(message, status, {
    request: { method: 'POST', url: 'https://api.github.com/repos/o/r/issues/1/comments', headers: {} },
    response: { status, url: 'https://api.github.com/repos/o/r/issues/1/comments', headers, data: { message } }
  })
}

describe('GitHub errors', () => {
  it('a secondary rate limit is a rate limit, 403 or 429, not a refusal', () => {
    for (const status of [403, 429]) {
      const e = httpError(status, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', { 'retry-after': '60' })
      expect({ status, limited: isRateLimited(e), refused: isRefused(e) }).toEqual({ status, limited: true, refused: false })
    }
  })

  it('a primary rate limit (no quota left) is a rate limit', () => {
    const e = httpError(403, 'API rate limit exceeded for installation ID 1.', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' })
    expect([isRateLimited(e), isRefused(e)]).toEqual([true, false])
  })

  it('a 403 that is no rate limit, and a 404, are refusals (a read-only token)', () => {
    for (const e of [httpError(403, 'Resource not accessible by integration', { 'x-ratelimit-remaining': '4999' }), httpError(404, 'Not Found')])
      expect([isRateLimited(e), isRefused(e)]).toEqual([false, true])
  })

  it('a server error is neither, and a network error has no status', () => {
    expect([isRateLimited(httpError(502, 'Bad Gateway')), isRefused(httpError(502, 'Bad Gateway'))]).toEqual([false, false])
    expect([isRateLimited(new Error('socket hang up')), isRefused(new Error('socket hang up'))]).toEqual([false, false])
  })

  it('describes an error on one line with its status, without the docs link', () => {
    expect(describeError(httpError(500, 'Server Error - https://docs.github.com/rest'))).toBe('HTTP 500: Server Error')
    expect(describeError(new Error('socket hang up\nat x'))).toBe('socket hang up')
  })
})
