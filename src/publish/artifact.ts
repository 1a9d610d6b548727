import { join } from 'node:path'

export type ArtifactOutcome =
  | { status: 'uploaded'; id: number | null; url: string | null }
  /** No artifact service here: nothing was tried. */
  | { status: 'skipped'; reason: string }
  /** The service was there and the upload failed. */
  | { status: 'failed'; reason: string }

/**
 * Uploads the report folder as a workflow artifact. The artifact client is loaded only here
 * (it is a large share of the bundle's start-up time), and an unreachable artifact service
 * (no runtime token, GitHub Enterprise Server) or a failed upload is the caller's warning, never thrown.
 */
export async function uploadReports(
  name: string,
  dir: string,
  files: string[],
  retentionDays: number | undefined,
  env: NodeJS.ProcessEnv = process.env
): Promise<ArtifactOutcome> {
  if (!env.ACTIONS_RUNTIME_TOKEN)
    return { status: 'skipped', reason: 'no ACTIONS_RUNTIME_TOKEN (not running in GitHub Actions, or the artifact service is unavailable)' }
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const client = new DefaultArtifactClient()
    const r = await client.uploadArtifact(
      name,
      files.map((f) => join(dir, f)),
      dir,
      retentionDays ? { retentionDays } : {}
    )
    const id = r.id ?? null
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
    const url =
      id !== null && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}` : null
    return { status: 'uploaded', id, url }
  } catch (e) {
    // GitHub Enterprise Server has no artifact service for this client: nothing to upload to.
    if ((e as Error).name === 'GHESNotSupportedError') return { status: 'skipped', reason: (e as Error).message }
    return { status: 'failed', reason: (e as Error).message }
  }
}
