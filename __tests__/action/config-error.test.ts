import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../src/action/main.js'
import { tmpDir } from '../helpers.js'

const BOMB =
  [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...['b', 'c', 'd', 'e', 'f'].map(
      (n, i) =>
        `${n}: &${n} [${Array(9)
          .fill('*' + 'abcde'[i])
          .join(', ')}]`
    )
  ].join('\n') + '\n'

describe('the Action with a broken rules file (issue #13)', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
    process.exitCode = undefined
    jest.restoreAllMocks()
  })

  it.each([
    ['an alias bomb', BOMB, /:2:8: YAML: .*alias/i],
    ['an allow pattern RE2 cannot run', "allow:\n  patterns:\n    - '(a)\\1'\n", /:3:7: allow\.patterns\.0: .*RE2/],
    ['a rule pattern with lookaround', "rules:\n  - id: look\n    pattern: 'a(?=b)'\n", /:3:14: rules\.0\.pattern: .*RE2/]
  ])('%s fails the step with one error annotation naming file:line:column', async (_name, text, expected) => {
    const d = tmpDir('alt-action-')
    try {
      const rules = join(d, 'rules.yml')
      writeFileSync(rules, text)
      process.env.INPUT_RULES = rules
      process.env.GITHUB_WORKSPACE = d
      process.env.RUNNER_TEMP = d
      let written = ''
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written += String(chunk)
        return true
      })
      await run()
      jest.restoreAllMocks()
      expect(process.exitCode).toBe(1)
      const errors = written.split(/\r?\n/).filter((l) => l.startsWith('::error'))
      expect(errors).toHaveLength(1)
      expect(errors[0].startsWith(`::error::${rules}:`)).toBe(true)
      expect(errors[0]).toMatch(expected)
      expect(errors[0]).not.toMatch(/ at |%0A/)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
