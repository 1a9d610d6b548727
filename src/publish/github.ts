import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type Octokit = ReturnType<typeof getOctokit>

export interface RepoRef {
  owner: string
  repo: string
}

/** The HTTP status of an Octokit error, or undefined for anything else. */
export function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown }).status
  return typeof s === 'number' ? s : undefined
}

function headerOf(e: unknown, name: string): string | undefined {
  const v = (e as { response?: { headers?: Record<string, unknown> } }).response?.headers?.[name]
  return v === undefined || v === null ? undefined : String(v)
}

/**
 * GitHub answers a rate limit with 403 or 429: a secondary limit says so in its message (and
 * usually sends `retry-after`), a primary one sends `x-ratelimit-remaining: 0`. A 403 that is
 * neither is a refusal: the token may not do this (a fork's read-only token).
 */
export function isRateLimited(e: unknown): boolean {
  const status = statusOf(e)
  if (status === 429) return true
  if (status !== 403) return false
  return /rate limit/i.test((e as Error).message ?? '') || headerOf(e, 'x-ratelimit-remaining') === '0' || headerOf(e, 'retry-after') !== undefined
}

/** 403 (not a rate limit) or 404: what a token without the permission gets; never worth a retry. */
export function isRefused(e: unknown): boolean {
  const status = statusOf(e)
  return (status === 403 && !isRateLimited(e)) || status === 404
}

/** The statuses plugin-retry leaves alone: client errors, and 403/429, which are plugin-throttling's. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]
/** Tries of one request after a rate limit, and the longest wait worth it inside a CI job. */
const RATE_LIMIT_RETRIES = 3
const RATE_LIMIT_MAX_WAIT_S = 60

interface RetryableRequest {
  method: string
  url: string
}

function onLimit(kind: string) {
  return (retryAfter: number, options: RetryableRequest, _octokit: unknown, retryCount: number): boolean => {
    const again = retryCount < RATE_LIMIT_RETRIES && retryAfter <= RATE_LIMIT_MAX_WAIT_S
    core.info(`GitHub ${kind} on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}`)
    return again
  }
}

/**
 * The REST client the Action publishes with: `@actions/github`'s, with the retry and throttling
 * plugins the official toolkit pairs with it. Server errors (5xx) are retried with a growing
 * backoff; rate limits (403/429 that say so) wait for `retry-after` or the limit's reset.
 * `AI_LOG_TRAIL_RETRY_BASE_MS` shortens the 5xx backoff: the tests set it, nothing else should.
 */
export function githubClient(token: string, baseUrl: string, env: NodeJS.ProcessEnv = process.env): Octokit {
  const base = /^\d+$/.test(env.AI_LOG_TRAIL_RETRY_BASE_MS ?? '') ? Number(env.AI_LOG_TRAIL_RETRY_BASE_MS) : undefined
  return getOctokit(
    token,
    {
      baseUrl,
      log: { debug: (m: string) => core.debug(m), info: (m: string) => core.debug(m), warn: (m: string) => core.info(m), error: (m: string) => core.info(m) },
      retry: { doNotRetry: DO_NOT_RETRY, ...(base === undefined ? {} : { retryAfterBaseValue: base }) },
      throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') }
    },
    retry,
    throttling
  )
}

/** One line for a warning: the status and GitHub's message. */
export function describeError(e: unknown): string {
  const status = statusOf(e)
  const message = ((e as Error).message ?? String(e)).split('\n')[0].replace(/\s*-\s*https:\/\/docs\.github\.com\S*$/, '')
  return status ? `HTTP ${status}: ${message}` : message
}
