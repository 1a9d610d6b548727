import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from '../helpers.js'

/**
 * The example workflows in docs/workflows/ and the repository's self-test: each parses, and every
 * step that uses this Action (`uses: ./` or `<owner>/ai-log-trail@v1`) passes only declared inputs,
 * gives the required ones, and reads only declared outputs.
 */

interface ActionSpec {
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  if?: unknown
}

interface Job {
  'runs-on'?: unknown
  permissions?: Record<string, string> | string
  steps?: Step[]
  if?: unknown
}

interface Workflow {
  name?: string
  on?: unknown
  permissions?: Record<string, string> | string
  jobs?: Record<string, Job>
}

const spec = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionSpec
const docsDir = join(repoRoot, 'docs', 'workflows')
const files = [
  ...readdirSync(docsDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join('docs', 'workflows', f)),
  join('.github', 'workflows', 'self-test.yml')
]

const ours = (uses: string | undefined) => uses !== undefined && (uses === './' || /^[\w.-]+\/ai-log-trail@v1$/.test(uses))

function load(file: string): Workflow {
  return parse(readFileSync(join(repoRoot, file), 'utf8'), { prettyErrors: true }) as Workflow
}

function steps(w: Workflow): { job: string; step: Step }[] {
  return Object.entries(w.jobs ?? {}).flatMap(([job, j]) => (j.steps ?? []).map((step) => ({ job, step })))
}

/** The permissions a job runs with: its own, else the workflow's. */
function permissions(w: Workflow, job: string): Record<string, string> {
  const p = w.jobs?.[job]?.permissions ?? w.permissions ?? {}
  return typeof p === 'string' ? {} : p
}

describe('example workflows', () => {
  it('are all there', () => {
    expect(files.map((f) => f.split('/').pop())).toEqual([
      'after-claude-code-action.yml',
      'after-codex-action.yml',
      'committed-logs.yml',
      'fork-safe-comment.yml',
      'fork-safe-report.yml',
      'pull-request.yml',
      'release-notes.yml',
      'self-test.yml'
    ])
  })

  describe.each(files)('%s', (file) => {
    const w = load(file)
    const used = steps(w).filter(({ step }) => ours(step.uses))

    it('is a workflow with a trigger, jobs, steps and declared permissions', () => {
      expect(typeof w.name).toBe('string')
      expect(w.on).toBeDefined()
      expect(Object.keys(w.jobs ?? {}).length).toBeGreaterThan(0)
      for (const [name, job] of Object.entries(w.jobs ?? {})) {
        expect({ name, runsOn: typeof job['runs-on'] }).toEqual({ name, runsOn: 'string' })
        expect(job.steps?.length).toBeGreaterThan(0)
        for (const s of job.steps ?? []) expect(Boolean(s.uses) !== Boolean(s.run)).toBe(true)
        // Least privilege: every job says what its token may do.
        expect(Object.keys(permissions(w, name)).length).toBeGreaterThan(0)
      }
    })

    it('gives this Action only declared inputs, and every required one', () => {
      if (!file.endsWith('fork-safe-comment.yml')) expect(used.length).toBeGreaterThan(0)
      const required = Object.entries(spec.inputs)
        .filter(([, i]) => i.required)
        .map(([n]) => n)
      for (const { step } of used) {
        const given = Object.keys(step.with ?? {})
        expect(given.filter((k) => !(k in spec.inputs))).toEqual([])
        expect(required.filter((k) => !given.includes(k))).toEqual([])
        // Inputs are strings: a YAML boolean or number would be passed as its text, say so.
        for (const [k, v] of Object.entries(step.with ?? {})) expect({ input: k, type: typeof v }).toEqual({ input: k, type: 'string' })
      }
    })

    it("reads only this Action's declared outputs", () => {
      const ids = new Set(used.map(({ step }) => step.id).filter((id): id is string => Boolean(id)))
      const text = readFileSync(join(repoRoot, file), 'utf8')
      for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (ids.has(m[1])) expect({ output: m[2], declared: m[2] in spec.outputs }).toEqual({ output: m[2], declared: true })
      }
    })

    it('has the permissions its surfaces need', () => {
      for (const { job, step } of used) {
        const p = permissions(w, job)
        const comment = String(step.with?.comment ?? 'auto')
        const events = JSON.stringify(w.on)
        if (comment !== 'never' && /pull_request/.test(events)) expect(['write']).toContain(p['pull-requests'] ?? p.issues)
        if (/release/.test(events) && String(step.with?.['release-assets'] ?? 'auto') === 'auto') expect(p.contents).toBe('write')
      }
    })
  })

  describe('the fork-safe pair', () => {
    const report = load('docs/workflows/fork-safe-report.yml')
    const comment = load('docs/workflows/fork-safe-comment.yml')

    it('reports with a read-only token and no comment, and uploads', () => {
      expect(report.on).toBe('pull_request')
      expect(Object.values(report.permissions as Record<string, string>)).not.toContain('write')
      const step = steps(report).find(({ step }) => ours(step.uses))?.step
      expect(step?.with?.comment).toBe('never')
      expect(step?.with?.['artifact-name']).toBe('ai-log-trail-report')
    })

    it('comments from workflow_run on the report workflow, treating the artifact as untrusted', () => {
      const on = comment.on as { workflow_run?: { workflows?: string[]; types?: string[] } }
      expect(on.workflow_run?.workflows).toEqual([report.name])
      expect(on.workflow_run?.types).toEqual(['completed'])
      const all = steps(comment).map(({ step }) => step)
      // Nothing from the pull request is checked out or run.
      expect(all.some((s) => /actions\/checkout/.test(s.uses ?? ''))).toBe(false)
      expect(all.filter((s) => s.run)).toEqual([])
      const downloads = all.filter((s) => /actions\/download-artifact/.test(s.uses ?? ''))
      expect(downloads.map((s) => s.with?.name).sort()).toEqual(['ai-log-trail-pr', 'ai-log-trail-report'])
      for (const d of downloads) expect(d.with?.['run-id']).toBe('${{ github.event.workflow_run.id }}')
      const script = String(all.find((s) => /actions\/github-script/.test(s.uses ?? ''))?.with?.script ?? '')
      expect(script).toContain('workflow_run')
      expect(script).toContain('pull_requests')
      expect(script).toContain('head_sha')
      expect(script).toContain('<!-- ai-log-trail:pr-comment v1 -->')
      expect(script).toMatch(/65536/)
      expect(script).toContain('github-actions[bot]')
      expect(script).not.toMatch(/\b(eval|exec|execSync|spawn|spawnSync)\b/)
    })
  })
})
