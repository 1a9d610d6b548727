import { arr, isObject, str, tryParseJson } from '../util/json.js'

/** Where a task ran, as the environment details the agent sends the model say it. */
export interface Place {
  cwd: string | null
  repository_url: string | null
  commit_sha: string | null
}

const CWD = /# Current (?:Working Directory|Workspace Directory) \(([^)\n]+)\) Files/
const WORKSPACE = /# Workspace Configuration\n(\{[\s\S]*?\n\})\n/

/**
 * The task's place from the `<environment_details>` block the agent appends to the first request
 * of a task: `# Current Working Directory (<path>) Files` (Roo Code: `# Current Workspace
 * Directory`), and in newer Cline `# Workspace Configuration`, a JSON object whose workspaces list
 * `associatedRemoteUrls` (`origin: <url>`) and `latestGitCommitHash`. Only the first workspace is read.
 */
export function placeIn(text: string): Place {
  const cwd = CWD.exec(text)?.[1]?.trim() || null
  let repository_url: string | null = null
  let commit_sha: string | null = null
  const ws = WORKSPACE.exec(text)?.[1]
  const conf = ws ? tryParseJson(ws) : undefined
  const workspaces = isObject(conf) && isObject(conf.workspaces) ? Object.values(conf.workspaces) : []
  const first = workspaces.find(isObject)
  if (first) {
    const remotes = (arr(first.associatedRemoteUrls) ?? []).map(str).filter((r): r is string => !!r)
    const origin = remotes.find((r) => r.startsWith('origin:')) ?? remotes[0]
    repository_url = origin ? origin.replace(/^[^:\s]+:\s*/, '').trim() || null : null
    commit_sha = str(first.latestGitCommitHash) ?? null
  }
  return { cwd, repository_url, commit_sha }
}

export const knownPlace = (p: Place): boolean => p.cwd !== null || p.repository_url !== null
