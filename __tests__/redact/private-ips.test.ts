import { describe, expect, it } from '@jest/globals'
import { parseConfig } from '../../src/config/load.js'
import { engineOptions } from '../../src/redact/engine-options.js'
import { redactLine, redactText } from '../../src/redact/engine.js'

const PRIVATE = [
  '10.0.0.1',
  '192.168.1.20',
  '172.16.0.5',
  '172.31.255.1',
  '100.64.0.1',
  '169.254.169.254',
  'fd00::1',
  'fd12:3456:789a::1',
  'fe80::1ff:fe23:4567:890a'
]
const PUBLIC = ['84.17.45.212', '172.32.0.5', '2606:4700:4700::1111', '2a01:4f8:c17:2b3e::1']
const NEVER = ['127.0.0.1', '::1', '192.0.2.10', '2001:db8::1']

const optsFor = (yaml: string) => engineOptions(parseConfig(yaml, 'rules.yml'))('tool_output')
const redacted = (yaml: string, ip: string) => redactText(`connect to ${ip} now`, optsFor(yaml)).text !== `connect to ${ip} now`

describe('pii.private_ips', () => {
  it('defaults to off: private, carrier-NAT and link-local addresses are kept', () => {
    for (const ip of PRIVATE) expect([ip, redacted('', ip)]).toEqual([ip, false])
    expect(parseConfig('', 'rules.yml').pii.private_ips).toBe(false)
  })

  it('on: they are redacted', () => {
    for (const ip of PRIVATE) expect([ip, redacted('pii:\n  private_ips: true\n', ip)]).toEqual([ip, true])
  })

  it('public addresses are redacted either way, loopback and documentation addresses never', () => {
    for (const yaml of ['', 'pii:\n  private_ips: false\n', 'pii:\n  private_ips: true\n']) {
      for (const ip of PUBLIC) expect([yaml, ip, redacted(yaml, ip)]).toEqual([yaml, ip, true])
      for (const ip of NEVER) expect([yaml, ip, redacted(yaml, ip)]).toEqual([yaml, ip, false])
    }
  })

  it('applies inside JSON lines too', () => {
    const line = JSON.stringify({ output: 'listening on 192.168.1.20:3000' })
    expect(redactLine(line, optsFor('')).line).toBe(line)
    expect(redactLine(line, optsFor('pii:\n  private_ips: true\n')).line).toBe(JSON.stringify({ output: 'listening on [REDACTED:ipv4]:3000' }))
  })

  it('rejects anything but a boolean, with the line', () => {
    expect(() => parseConfig('pii:\n  private_ips: sometimes\n', 'rules.yml')).toThrow(/rules\.yml:2:\d+: pii\.private_ips/)
  })
})
