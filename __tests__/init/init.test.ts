import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { init } from '../../src/init/init.js'
import { CLAUDE_HOOK_COMMAND, RULES_FILE, WORKFLOW_FILE } from '../../src/init/templates.js'
import { parseConfig } from '../../src/config/load.js'
import { repoRoot, tmpDir } from '../helpers.js'

const root = tmpDir('alt-init-')
afterAll(() => rmSync(root, { recursive: true, force: true }))

function newRepo(name: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  execFileSync('git', ['init', '-q'], { cwd: dir })
  return dir
}

const outcomes = (steps: { path: string; outcome: string }[]) => Object.fromEntries(steps.map((s) => [s.path, s.outcome]))

describe('init', () => {
  it('writes the rules file the validator accepts and the workflow the docs show', () => {
    expect(() => parseConfig(RULES_FILE, '.github/ai-log-trail.yml')).not.toThrow()
    expect(WORKFLOW_FILE).toBe(readFileSync(join(repoRoot, 'docs/workflows/pull-request.yml'), 'utf8'))
  })

  it('sets an empty repository up, then changes nothing the second time', () => {
    const dir = newRepo('empty')
    expect(outcomes(init({ repoDir: dir, hooks: ['pre-push', 'claude'] }))).toEqual({
      '.github/ai-log-trail.yml': 'created',
      '.github/workflows/ai-log-trail.yml': 'created',
      '.gitignore': 'created',
      '.claude/settings.json': 'created',
      '.git/hooks/pre-push': 'created'
    })
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('ai-log-trail.sqlite*\nai-log-trail.work.sqlite*\n/ai-log-trail-report/\n')
    expect(statSync(join(dir, '.git/hooks/pre-push')).mode & 0o111).not.toBe(0)
    const settings = JSON.parse(readFileSync(join(dir, '.claude/settings.json'), 'utf8')) as { hooks: { SessionEnd: { hooks: { command: string }[] }[] } }
    expect(settings.hooks.SessionEnd[0].hooks[0].command).toBe(CLAUDE_HOOK_COMMAND)
    const again = init({ repoDir: dir, hooks: ['pre-push', 'claude'] })
    expect(new Set(again.map((s) => s.outcome))).toEqual(new Set(['unchanged']))
  })

  it('keeps a hand-edited workflow, shows its diff, and replaces it only with --force', () => {
    const dir = newRepo('edited')
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    const mine = WORKFLOW_FILE.replace('ubuntu-latest', 'ubuntu-24.04')
    writeFileSync(join(dir, '.github/workflows/ai-log-trail.yml'), mine)
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\nai-log-trail.sqlite*')
    mkdirSync(join(dir, '.claude'))
    writeFileSync(
      join(dir, '.claude/settings.json'),
      JSON.stringify({ model: 'opus', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo done' }] }] } })
    )
    const steps = init({ repoDir: dir, hooks: ['claude'] })
    const wf = steps.find((s) => s.path === '.github/workflows/ai-log-trail.yml')
    expect(wf?.outcome).toBe('kept')
    expect(wf?.diff).toContain('-    runs-on: ubuntu-24.04')
    expect(wf?.diff).toContain('+    runs-on: ubuntu-latest')
    expect(readFileSync(join(dir, '.github/workflows/ai-log-trail.yml'), 'utf8')).toBe(mine)
    // Appended, never rewritten: the user's lines stay, the missing ones follow.
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules/\nai-log-trail.sqlite*\n# ai-log-trail: working databases hold logs unredacted\nai-log-trail.work.sqlite*\n/ai-log-trail-report/\n'
    )
    const settings = JSON.parse(readFileSync(join(dir, '.claude/settings.json'), 'utf8')) as Record<string, unknown>
    expect(settings.model).toBe('opus')
    expect(settings.hooks).toEqual({
      Stop: [{ hooks: [{ type: 'command', command: 'echo done' }] }],
      SessionEnd: [{ hooks: [{ type: 'command', command: CLAUDE_HOOK_COMMAND }] }]
    })
    const forced = init({ repoDir: dir, force: true })
    expect(outcomes(forced)['.github/workflows/ai-log-trail.yml']).toBe('updated')
    expect(readFileSync(join(dir, '.github/workflows/ai-log-trail.yml'), 'utf8')).toBe(WORKFLOW_FILE)
  })

  it('refuses a folder outside git and a broken settings file, clearly', () => {
    const plain = join(root, 'plain')
    mkdirSync(plain)
    expect(() => init({ repoDir: plain })).toThrow('not inside a git repository')
    const dir = newRepo('broken')
    mkdirSync(join(dir, '.claude'))
    writeFileSync(join(dir, '.claude/settings.json'), '{ nope')
    expect(() => init({ repoDir: dir, hooks: ['claude'] })).toThrow('.claude/settings.json is not valid JSON')
  })
})
