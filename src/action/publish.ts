import * as core from './runner-commands.js'
import { join } from 'node:path'
import { uploadReports } from '../publish/artifact.js'
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

export interface Published {
  commentUrl: string | null
  artifactId: number | null
  artifactUrl: string | null
  /** Surfaces that were due and could not be written, one line each (what `fail-on: publish` fails on). */
  failures: string[]
}

/**
 * Publishes what the job wrote: the job summary on every run, the artifact, the sticky comment
 * on pull requests, the release assets on releases. Each surface fails soft, after the client's
 * retries: a read-only token, a service that keeps failing or a missing artifact service is a
 * warning and the report stays in the job summary. Nothing here throws for a surface.
 * The API's modules are loaded only for a surface that needs them (the REST client and its
 * plugins are a large share of the bundle's start-up).
 */
export async function publish(p: PublishInput): Promise<Published> {
  const { inputs, github } = p
  const failures: string[] = []
  // The summary goes first: it needs no token and no service, so a later failure cannot lose it.
  const summary = Boolean(process.env.GITHUB_STEP_SUMMARY)
  if (summary) await core.appendSummary(p.summary)
  const artifact = await uploadReports(inputs.artifactName, p.outDir, p.files, inputs.retentionDays)
  if (artifact.status !== 'uploaded') core.warning(`report artifact not uploaded: ${artifact.reason}`)
  if (artifact.status === 'failed') failures.push(`the report artifact (${artifact.reason})`)
  const artifactUrl = artifact.status === 'uploaded' ? artifact.url : null

  let commentUrl: string | null = null
  const wantComment = inputs.comment === 'always' || (inputs.comment === 'auto' && github.pullNumber !== null)
  if (wantComment) {
    if (github.pullNumber === null || !github.hasRepo) core.warning('comment: always, but this run is not about a pull request; nothing to comment on')
    else if (!inputs.token) core.warning('no github-token: the report is in the job summary only')
    else {
      const body = artifactUrl ? `${p.comment.trimEnd()}\n\n[Full report and sanitized data](${artifactUrl})\n` : p.comment
      const { upsertComment } = await import('../publish/comment.js')
      const r = await upsertComment(await github.client(), github.ref, github.pullNumber, body)
      if (r.status === 'forbidden' || r.status === 'failed') {
        const why =
          r.status === 'forbidden'
            ? `${r.message}; a pull request from a fork gets a read-only token: the report is in the job summary instead (see docs/action.md for the fork-safe workflow pair)`
            : `${r.message}, after retries; the report is in the job summary instead`
        core.warning(`could not write the pull request comment (${why})`)
        failures.push(`the pull request comment (${r.message})`)
        const note = r.status === 'forbidden' ? 'read-only token' : 'the GitHub API kept failing'
        if (summary) await core.appendSummary(`\n> The pull request comment could not be written (${note}); this summary holds the report.\n`)
      } else {
        commentUrl = r.url
        core.info(`comment ${r.status}: ${r.url}`)
      }
    }
  }

  if (github.releaseId !== null && github.hasRepo && inputs.token) {
    const { updateReleaseSection, uploadReleaseAssets } = await import('../publish/release.js')
    try {
      if (inputs.releaseAssets === 'auto') {
        const urls = await uploadReleaseAssets(
          await github.client(),
          github.ref,
          github.releaseId,
          p.files.filter((f) => f !== 'comment.md' && f !== 'summary.md').map((f) => join(p.outDir, f))
        )
        core.info(`release assets: ${urls.length} uploaded`)
      }
      if (inputs.releaseNotes) await updateReleaseSection(await github.client(), github.ref, github.releaseId, p.releaseSection)
    } catch (e) {
      const { describeError, isRefused } = await import('../publish/github.js')
      const hint = isRefused(e) ? '; it needs permissions: contents: write' : ', after retries'
      core.warning(`could not publish to the release (${describeError(e)}${hint}). The report is in the job summary and the artifact.`)
      failures.push(`the release (${describeError(e)})`)
    }
  }

  return { commentUrl, artifactId: artifact.status === 'uploaded' ? artifact.id : null, artifactUrl, failures }
}
