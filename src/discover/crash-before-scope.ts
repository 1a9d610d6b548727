/**
 * A test hook for crash safety, as src/ingest/crash-point.ts is for the ingest: with
 * `AI_LOG_TRAIL_CRASH_BEFORE_SCOPE=1`, a repository-scoped ingest kills its own process with SIGKILL
 * once its records are committed and before another project's sessions are dropped.
 */
export function crashBeforeScope(): void {
  if (process.env.AI_LOG_TRAIL_CRASH_BEFORE_SCOPE === '1') process.kill(process.pid, 'SIGKILL')
}
