import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { COMMENT_FIELD_CHARS } from '../../src/pipeline/comment-window.js'
import { CommentFromFiles, filesCarryCommentTurns, redactedWindow } from '../../src/pipeline/comment-from-files.js'
import { buildListedCommentReport, buildListedReport, selectReportFrame } from '../../src/pipeline/report.js'
import { fitComment } from '../../src/render/comment/index.js'
import type { SessionReport } from '../../src/select/report.js'
import { SpillFile } from '../../src/select/spill.js'
import { fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'

/*
 * In the modes whose files carry every turn with its actions, the comment's report is made from
 * the files' redacted sessions, each field cut to the comment's window after redaction. Fixtures:
 * every committed agent fixture (real-shaped logs, planted secrets and e-mail addresses), and a
 * self-written Codex rollout whose fields carry a planted GitHub token (fixtures/redaction/
 * planted.jsonl, assembled from its parts) across the window's cut.
 */

const now = new Date('2026-01-01T00:00:00Z')
const config = parseConfig('', 'test')
const AGENTS = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider', 'recorder']

/** The files' report and the comment's made from it, as a job in `mode` makes them. */
function fromFiles(r: Ingested, mode: 'actions' | 'full', spill: SpillFile, budget: number) {
  const frame = selectReportFrame(r.db, { config, mode, now, version: '0.0.0' })
  const comment = new CommentFromFiles(spill, budget, COMMENT_FIELD_CHARS)
  const files = buildListedReport(r.db, { config, mode, now, version: '0.0.0', frame, spill, onSession: (s) => comment.add(s) })
  return { files, comment: comment.finish(files.report) }
}

/** The comment's report selected and redacted on its own, as a summary-mode job still makes it. */
function ownComment(r: Ingested, spill: SpillFile, budget: number) {
  const frame = selectReportFrame(r.db, { config, mode: 'actions', now, version: '0.0.0' })
  return buildListedCommentReport(r.db, { config, now, version: '0.0.0', maxFieldChars: COMMENT_FIELD_CHARS, frame, spill, budget })
}

function texts(s: SessionReport): string[] {
  return s.turns.flatMap((t) => [t.prompt?.text ?? '', ...t.actions.flatMap((a) => [a.text ?? '', a.arguments ?? '', a.output ?? ''])])
}

describe('which modes build the comment from the files', () => {
  it('those whose files carry every turn with its actions, each field at least the window', () => {
    expect(filesCarryCommentTurns('full', COMMENT_FIELD_CHARS)).toBe(true)
    expect(filesCarryCommentTurns('actions', COMMENT_FIELD_CHARS)).toBe(true)
    for (const mode of ['summary', 'prompts', 'tokens'] as const) expect(filesCarryCommentTurns(mode, COMMENT_FIELD_CHARS)).toBe(false)
    expect(filesCarryCommentTurns('full', COMMENT_FIELD_CHARS, COMMENT_FIELD_CHARS - 1)).toBe(false)
  })
})

describe('redactedWindow', () => {
  it('keeps a text within the window as it is', () => {
    const t = 'x'.repeat(100)
    expect(redactedWindow(t, 100)).toBe(t)
  })

  it('cuts before a marker the cut would split, so no half marker reads as a value', () => {
    const marker = '[REDACTED:github-token]'
    const text = 'a'.repeat(90) + marker + ' after'
    for (let cut = 91; cut < 90 + marker.length; cut++) expect(redactedWindow(text, cut)).toBe('a'.repeat(90))
    expect(redactedWindow(text, 90 + marker.length)).toBe('a'.repeat(90) + marker)
  })

  it('never splits a surrogate pair', () => {
    expect(redactedWindow('ab😀c', 3)).toBe('ab')
  })
})

describe("the comment's report made from the files' report", () => {
  let r: Ingested
  beforeAll(async () => {
    r = await ingestFresh(AGENTS.map((a) => join(fixtures, a)))
  })
  afterAll(() => r.close())

  // The fixtures' fields fit the window, so the comment is the one its own selection renders.
  for (const spillAt of [Infinity, 0])
    it(`renders the comment its own select and redaction renders (${spillAt ? 'held' : 'spilled'})`, () => {
      for (const windowBudget of [100_000, 6_000]) {
        const spill = new SpillFile(spillAt)
        try {
          for (const mode of ['full', 'actions'] as const) {
            const { files, comment } = fromFiles(r, mode, spill, windowBudget)
            const own = ownComment(r, spill, windowBudget)
            expect(comment.window.kept).toBe(own.window.kept)
            expect(comment.report.redactions).toEqual(own.report.redactions)
            expect(comment.report.redactions).toEqual(files.report.redactions)
            for (const budget of [64_512, 6_000, 300]) {
              if (budget > windowBudget) continue
              const expected = fitComment(own.report, { budget, window: own.window })
              const got = fitComment(comment.report, { budget, window: comment.window })
              expect({ mode, budget, level: got.level }).toEqual({ mode, budget, level: expected.level })
              expect(got.body).toBe(expected.body)
            }
          }
        } finally {
          spill.close()
        }
      }
    })
})

describe('a secret across the cut of the comment’s window', () => {
  const dir = tmpDir('alt-comment-cut-')
  const planted = readFileSync(join(fixtures, 'redaction', 'planted.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; context: string; secret_parts?: string[] })
    .find((c) => c.kind === 'github-token' && c.context === 'plain')
  const secret = (planted?.secret_parts ?? []).join('')
  let r: Ingested
  beforeAll(async () => {
    expect(secret.length).toBeGreaterThan(30)
    const logs = join(dir, 'logs')
    mkdirSync(logs, { recursive: true })
    const id = '0199a1b2-0000-7000-8000-00000000c07e'
    const ts = (i: number) => new Date(Date.UTC(2026, 2, 5, 9) + i * 1000).toISOString()
    // The token starts a few characters before the cut, so the window cut first holds its head.
    const across = (c: string) => c.repeat(COMMENT_FIELD_CHARS - 10) + ' ' + secret + ' and more text after it'
    const lines = [
      { timestamp: ts(0), type: 'session_meta', payload: { id, timestamp: ts(0), cwd: dir, originator: 'codex_cli_rs', cli_version: '0.61.0', source: 'cli' } },
      { timestamp: ts(1), type: 'event_msg', payload: { type: 'user_message', message: across('p'), images: [] } },
      { timestamp: ts(2), type: 'event_msg', payload: { type: 'agent_message', message: across('m') } }
    ]
    writeFileSync(join(logs, `rollout-2026-03-05T09-00-00-${id}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
    r = await ingestFresh([logs])
  })
  afterAll(() => {
    r?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is redacted whole: the window holds no part of it, only a cut before its marker', () => {
    const spill = new SpillFile()
    try {
      const { files, comment } = fromFiles(r, 'full', spill, 100_000)
      const [session] = [...comment.report.sessions]
      const [whole] = [...files.report.sessions]
      const shown = texts(session)
      expect(shown.filter((t) => t.length > 1000)).toHaveLength(2)
      const piece = secret.slice(0, 8)
      for (const t of shown) {
        expect(t.length).toBeLessThanOrEqual(COMMENT_FIELD_CHARS)
        expect(t).not.toContain(piece)
        expect(t).not.toContain('[REDACTED')
      }
      // Each window is the start of the files' redacted text, which redacted the token whole.
      const wholeTexts = texts(whole).filter((t) => t.length > 1000)
      for (const t of wholeTexts) expect(t).toContain('[REDACTED:github-token')
      for (const [i, t] of shown.filter((x) => x.length > 1000).entries()) expect(wholeTexts[i].startsWith(t)).toBe(true)
      // The window cut before redaction, as a job in summary mode still makes it, holds the token's head.
      const own = ownComment(r, spill, 100_000)
      const ownTexts = texts([...own.report.sessions][0])
      expect(ownTexts.some((t) => t.includes(piece))).toBe(true)
    } finally {
      spill.close()
    }
  })
})
