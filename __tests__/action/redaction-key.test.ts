import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { readInputs } from '../../src/action/inputs.js'

// A test value, assembled so it is not one contiguous literal.
const KEY = ['alt-e2e', 'key-7f3a9c'].join('-')
const NAME = 'INPUT_REDACTION-KEY'

afterEach(() => {
  delete process.env[NAME]
  jest.restoreAllMocks()
})

function captured(run: () => unknown): string {
  let out = ''
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  run()
  return out
}

describe('the redaction-key input', () => {
  it('is read and masked before anything can print it', () => {
    process.env[NAME] = KEY
    let key: string | undefined
    const out = captured(() => (key = readInputs().redactionKey))
    expect(key).toBe(KEY)
    expect(out).toContain(`::add-mask::${KEY}`)
  })

  it('is absent when empty, and nothing is masked', () => {
    process.env[NAME] = '  '
    let key: string | undefined = 'unset'
    const out = captured(() => (key = readInputs().redactionKey))
    expect(key).toBeUndefined()
    expect(out).not.toContain('::add-mask::')
  })
})
