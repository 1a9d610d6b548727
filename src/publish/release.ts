import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { defuseMarkers } from '../render/comment/markers.js'
import { type Octokit, type RepoRef } from './github.js'

export const RELEASE_SECTION_START = '<!-- ai-log-trail:release-notes:start -->'
export const RELEASE_SECTION_END = '<!-- ai-log-trail:release-notes:end -->'
const RELEASE_BODY_LIMIT = 125_000

const CONTENT_TYPES: Record<string, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.sqlite': 'application/vnd.sqlite3'
}

function contentType(name: string): string {
  const ext = name.slice(name.lastIndexOf('.'))
  return CONTENT_TYPES[ext] ?? 'application/octet-stream'
}

/**
 * Uploads report files as release assets. An asset with the same name (from an earlier run of
 * the same release) is deleted first, so a re-run replaces rather than fails or duplicates.
 */
export async function uploadReleaseAssets(octokit: Octokit, ref: RepoRef, releaseId: number, files: string[], prefix = 'ai-log-trail-'): Promise<string[]> {
  // Octokit sends uploads to https://uploads.github.com whatever its baseUrl; the release's own
  // upload_url is right on GitHub Enterprise Server and GHE.com too (a URI template: `{?name,label}`).
  const { data: release } = await octokit.rest.repos.getRelease({ ...ref, release_id: releaseId })
  const existing = await octokit.paginate(octokit.rest.repos.listReleaseAssets, { ...ref, release_id: releaseId, per_page: 100 })
  const urls: string[] = []
  for (const file of files) {
    const base = basename(file)
    const name = base.startsWith(prefix) ? base : prefix + base
    for (const a of existing.filter((x) => x.name === name)) await octokit.rest.repos.deleteReleaseAsset({ ...ref, asset_id: a.id })
    const data = readFileSync(file)
    const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
      url: release.upload_url,
      ...ref,
      release_id: releaseId,
      name,
      // Octokit types the body as a string; it sends a Buffer as raw bytes.
      data: data as unknown as string,
      headers: { 'content-type': contentType(name), 'content-length': data.length }
    })
    urls.push(asset.browser_download_url)
  }
  return urls
}

/**
 * Replaces (or, the first time, appends) this tool's marked section of a release body; text
 * outside it is kept. The section's own text cannot hold a marker (defused), so the end found
 * after the start is the section's end and a re-run gives the same body.
 */
export function withSection(body: string, section: string): string {
  const block = `${RELEASE_SECTION_START}\n${defuseMarkers(section.trim())}\n${RELEASE_SECTION_END}`
  const start = body.indexOf(RELEASE_SECTION_START)
  const end = start === -1 ? -1 : body.indexOf(RELEASE_SECTION_END, start + RELEASE_SECTION_START.length)
  const next =
    start !== -1 && end > start
      ? body.slice(0, start) + block + body.slice(end + RELEASE_SECTION_END.length)
      : `${body.trimEnd()}${body.trim() ? '\n\n' : ''}${block}\n`
  return next.length > RELEASE_BODY_LIMIT ? body : next
}

export async function updateReleaseSection(octokit: Octokit, ref: RepoRef, releaseId: number, section: string): Promise<boolean> {
  const { data } = await octokit.rest.repos.getRelease({ ...ref, release_id: releaseId })
  const body = withSection(data.body ?? '', section)
  if (body === (data.body ?? '')) return false
  await octokit.rest.repos.updateRelease({ ...ref, release_id: releaseId, body })
  return true
}
