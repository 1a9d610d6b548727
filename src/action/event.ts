import { existsSync, readFileSync } from 'node:fs'
import { EOL } from 'node:os'

/** The event a workflow run is about: its name and the payload GitHub wrote for the Action. */
export interface WorkflowEvent {
  eventName: string | undefined
  payload: Record<string, unknown>
}

/**
 * Reads the event as `@actions/github`'s `context` does (same variables, same message for a
 * missing payload file), without loading that package: it brings the REST client and its
 * plugins, which only a run that publishes needs.
 */
export function workflowEvent(env: NodeJS.ProcessEnv = process.env): WorkflowEvent {
  let payload: Record<string, unknown> = {}
  const path = env.GITHUB_EVENT_PATH
  if (path) {
    if (existsSync(path)) payload = JSON.parse(readFileSync(path, { encoding: 'utf8' })) as Record<string, unknown>
    else process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist${EOL}`)
  }
  return { eventName: env.GITHUB_EVENT_NAME, payload }
}
