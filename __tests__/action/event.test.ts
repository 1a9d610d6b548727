import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { workflowEvent } from '../../src/action/event.js'
import { tmpDir } from '../helpers.js'

const dirs: string[] = []
afterEach(() => {
  jest.restoreAllMocks()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the workflow event, read without @actions/github', () => {
  it('gives the event name and the payload file GitHub wrote', () => {
    const d = tmpDir()
    dirs.push(d)
    const path = join(d, 'event.json')
    writeFileSync(path, JSON.stringify({ pull_request: { number: 7, head: { ref: 'feature' } } }))
    expect(workflowEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path })).toEqual({
      eventName: 'pull_request',
      payload: { pull_request: { number: 7, head: { ref: 'feature' } } }
    })
  })

  it('says so when the payload file is missing, and carries on with an empty payload, as @actions/github does', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    expect(workflowEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/nonexistent/event.json' })).toEqual({ eventName: 'push', payload: {} })
    expect(write).toHaveBeenCalledWith(expect.stringMatching(/^GITHUB_EVENT_PATH \/nonexistent\/event\.json does not exist\r?\n$/))
  })

  it('has an empty payload outside a workflow', () => {
    expect(workflowEvent({})).toEqual({ eventName: undefined, payload: {} })
  })
})
