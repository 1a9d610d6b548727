import { beforeAll, expect, test } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderComment } from '../../src/render/comment/index.js'
import { OWN_HTML } from '../../src/render/markdown.js'
import { addTokens, zeroTokens } from '../../src/model/tokens.js'
import type { Report, SessionReport } from '../../src/select/report.js'
import type { ScopeReason } from '../../src/scope/types.js'
import { repoRoot } from '../helpers.js'
import { fixtureReports, nodesOfType, parseMarkdown } from './support.js'

/**
 * The PR comment, byte for byte. `comment.md` is the fixtures' actions report as found (every
 * session, no changed files); `comment-pr.md` is the same sessions narrowed to a synthetic pull
 * request: a scope, each session's reasons, a changed-files list and one private prompt are made
 * up here, the sessions themselves are the fixtures'.
 */

const GOLDEN = join(repoRoot, '__tests__', 'golden')
const UPDATE = process.env.UPDATE_GOLDEN === '1'

const CHANGED = ['src/health.ts', 'src/server.test.ts', 'src/parser.ts', 'src/parser.test.ts', 'utils/old.ts', 'README.md', 'package.json']

const REASONS: Record<string, ScopeReason[]> = {
  '11111111-1111-4111-8111-111111111111': [
    { kind: 'branch', branch: 'main' },
    { kind: 'touched', files: 2, of: 7 }
  ],
  '33333333-3333-4333-8333-333333333333': [{ kind: 'branch', branch: 'main' }],
  '22222222-2222-4222-8222-222222222222': [{ kind: 'log-in-change', path: '.claude/sessions/22222222.jsonl' }],
  '0199a1b2-0000-7000-8000-00000000c0de': [{ kind: 'touched', files: 2, of: 7 }],
  '0199a1b2-0000-7000-8000-00000000f0c5': [{ kind: 'workflow', path: '/tmp/codex/f0c5.jsonl' }],
  '7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f': [{ kind: 'branch', branch: 'main' }]
}

/** The report a pull request on `main` would get: its sessions only, totals over them. */
function pullRequest(all: Report): Report {
  const sessions: SessionReport[] = all.sessions
    .filter((s) => REASONS[s.id])
    .map((s) => ({ ...s, scope_reasons: REASONS[s.id] }))
    // One private prompt, so the comment shows how it is held back.
    .map((s) => (s.id.endsWith('f0c5') ? { ...s, turns: s.turns.map((t) => ({ ...t, prompt: t.prompt ? { ...t.prompt, private: true } : null })) } : s))
  const costs = sessions.map((s) => s.cost_usd)
  return {
    ...all,
    scope: { kind: 'pr', label: 'pull request #12 (branch main)' },
    sessions,
    totals: {
      sessions: sessions.length,
      prompts: sessions.reduce((n, s) => n + s.prompts, 0),
      tool_calls: sessions.reduce((n, s) => n + s.tool_calls, 0),
      tokens: sessions.reduce((t, s) => (s.tokens ? addTokens(t, s.tokens) : t), zeroTokens()),
      cost_usd: costs.includes(null) ? null : Math.round(costs.reduce<number>((a, c) => a + (c ?? 0), 0) * 1e6) / 1e6,
      sessions_without_usage: sessions.filter((s) => s.tokens === null).length
    }
  }
}

let comments: Record<string, string>
beforeAll(async () => {
  const actions = (await fixtureReports()).get('actions')!
  comments = {
    'comment.md': renderComment(actions),
    'comment-pr.md': renderComment(pullRequest(actions), { changedFiles: CHANGED })
  }
})

test.each(['comment.md', 'comment-pr.md'])('%s matches the committed file byte for byte', (name) => {
  const path = join(GOLDEN, name)
  if (UPDATE) writeFileSync(path, comments[name])
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run UPDATE_GOLDEN=1 npm test -- __tests__/render/comment-golden`)
  const want = readFileSync(path, 'utf8')
  if (comments[name] !== want) console.error(`${path} differs; if the change is intended: UPDATE_GOLDEN=1 npm test -- __tests__/render/comment-golden`)
  expect(comments[name]).toBe(want)
})

test.each(['comment.md', 'comment-pr.md'])('%s holds no link, image or HTML but its own <details>', (name) => {
  const back = parseMarkdown(comments[name])
  expect(nodesOfType(back, 'link')).toEqual([])
  expect(nodesOfType(back, 'image')).toEqual([])
  const html = nodesOfType(back, 'html').map((h) => h.value)
  expect(html[0]).toBe('<!-- ai-log-trail:pr-comment v1 -->')
  for (const h of html.slice(1)) expect(h).toMatch(OWN_HTML)
})
