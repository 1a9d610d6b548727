/**
 * A test hook for crash safety: with `AI_LOG_TRAIL_CRASH_AT=N` in the environment, the ingest kills
 * its own process with SIGKILL at its Nth crash point (inside each batch's transaction, before the
 * commit, and once before reconciling), as a power cut would. Deterministic, so a test can crash an
 * ingest at chosen points and check that re-running it converges on a clean ingest's database.
 */
const at = Number(process.env.AI_LOG_TRAIL_CRASH_AT ?? 0)
let passed = 0

export function crashPoint(): void {
  if (at > 0 && ++passed === at) process.kill(process.pid, 'SIGKILL')
}
