import * as core from '@actions/core'
import { join } from 'node:path'
import { uploadReports } from '../publish/artifact.js'
import { upsertComment } from '../publish/comment.js'
import { updateReleaseSection, uploadReleaseAssets } from '../publish/release.js'
import type { ActionInputs } from './inputs.js'
import type { GithubTarget } from './target.js'

export interface PublishInput {
  inputs: ActionInputs
  outDir: string
  files: string[]
  comment: string
  releaseSection: string
  summary: string
  github: GithubTarget
}

/**
 * Publishes what the job wrote: the job summary on every run, the artifact, the sticky comment
 * on pull requests, the release assets on releases. Each surface fails soft: a read-only token
 * or a missing artifact service is a warning and the report stays in the job summary.
 */
export async function publish(p: PublishInput): Promise<{ commentUrl: string | null; artifactId: number | null; artifactUrl: string | null }> {
  const { inputs, github } = p
  // The summary goes first: it needs no token and no service, so a later failure cannot lose it.
  const summary = process.env.GITHUB_STEP_SUMMARY ? core.summary.addRaw(p.summary) : null
  if (summary) await summary.write()
  const artifact = await uploadReports(inputs.artifactName, p.outDir, p.files, inputs.retentionDays)
  if (artifact.status === 'skipped') core.warning(`report artifact not uploaded: ${artifact.reason}`)
  const artifactUrl = artifact.status === 'uploaded' ? artifact.url : null

  let commentUrl: string | null = null
  const wantComment = inputs.comment === 'always' || (inputs.comment === 'auto' && github.pullNumber !== null)
  if (wantComment) {
    if (github.pullNumber === null || !github.hasRepo) core.warning('comment: always, but this run is not about a pull request; nothing to comment on')
    else if (!inputs.token) core.warning('no github-token: the report is in the job summary only')
    else {
      const body = artifactUrl ? `${p.comment.trimEnd()}\n\n[Full report and sanitized data](${artifactUrl})\n` : p.comment
      const r = await upsertComment(github.client(), github.ref, github.pullNumber, body)
      if (r.status === 'forbidden') {
        core.warning(`could not write the pull request comment (${r.message}); a pull request from a fork gets a read-only token: the report is in the job summary instead (see docs/action.md for the fork-safe workflow pair)`)
        if (summary) await core.summary.addRaw('\n> The pull request comment could not be written (read-only token); this summary holds the report.\n').write()
      } else {
        commentUrl = r.url
        core.info(`comment ${r.status}: ${r.url}`)
      }
    }
  }


  if (github.releaseId !== null && github.hasRepo && inputs.token) {
    try {
      if (inputs.releaseAssets === 'auto') {
        const urls = await uploadReleaseAssets(
          github.client(),
          github.ref,
          github.releaseId,
          p.files.filter((f) => f !== 'comment.md' && f !== 'summary.md').map((f) => join(p.outDir, f))
        )
        core.info(`release assets: ${urls.length} uploaded`)
      }
      if (inputs.releaseNotes) await updateReleaseSection(github.client(), github.ref, github.releaseId, p.releaseSection)
    } catch (e) {
      core.warning(`could not publish to the release (${(e as Error).message}); it needs permissions: contents: write. The report is in the job summary and the artifact.`)
    }
  }

  return { commentUrl, artifactId: artifact.status === 'uploaded' ? artifact.id : null, artifactUrl }
}
