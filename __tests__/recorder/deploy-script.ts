import { openRecorder } from '../../src/recorder/index.js'

export const DEPLOY_SESSION_ID = '5f0c2a7e-1b3d-4c8e-9a6f-0d2e4b6c8a10'

/**
 * Writes the committed fixture `fixtures/recorder/deploy-script.ndjson`. Everything that varies
 * between runs (clock, session id, pid, cwd) is fixed, so the output is byte-for-byte stable.
 */
export async function writeDeployScript(path: string): Promise<void> {
  let t = Date.parse('2026-03-05T09:00:00.000Z')
  const clock = () => new Date((t += 1500))
  await using rec = await openRecorder({ path, sessionId: DEPLOY_SESSION_ID, agent: 'deploy-script', clock, pid: 4242, cwd: '/srv/deploy/shop' })
  await rec.start()
  await rec.action('git.checkout', 'git checkout --detach 3f1c2d4', { shell: true, exit_code: 0 })
  await rec.action('npm.ci', 'npm ci --omit=dev', { shell: true, exit_code: 0, duration_ms: 41250 })
  await rec.action('db.migrate', 'Applied 2 pending migrations to staging', { migrations: ['0041_add_orders_index', '0042_drop_legacy_cart'] })
  await rec.action('deploy', 'Deployed release 2026.03.05-1 to staging', { environment: 'staging', release: '2026.03.05-1' })
  await rec.action('smoke-test', 'curl -fsS https://staging.example.com/health', { shell: true, exit_code: 0 })
  await rec.end('Deployed 2026.03.05-1 to staging; migrations applied, health check passed.')
}
