import type { Detector, Finding } from '../../types.js'
import { b64 } from './fake.js'

/*
 * Values under `data:` of a Kubernetes `kind: Secret` manifest: base64 with no prefix of its own,
 * so the manifest is the evidence. `kind: SecretStore`, `ExternalSecret` and `SopsSecret` hold
 * references, not values, and are left alone.
 */
const KIND_SECRET = /kind:[ \t]{0,8}['"]?secret(?![A-Za-z])/i
const LINE_BREAK = /\r?\n|\\n/g
const DATA_START = /(?:^|[\s→|+-])data:[ \t]*$/
const DATA_END = /(?:^|[\s→|'"])(?:metadata|kind|apiVersion|stringData|type|immutable|spec):/
/** `key: value`, quoted or not; values shorter than 16 with their padding (`YmFyCg==`, "bar") are test filler. */
const COMMENT = /^\s*#/
const DATA_ENTRY = /[A-Za-z0-9._-]{1,253}['"]?:[ \t]{1,8}(['"]?)([A-Za-z0-9+/]{12,16384}={0,2})\1[ \t]*$/

function lines(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let start = 0
  LINE_BREAK.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LINE_BREAK.exec(text)) !== null) {
    out.push([start, m.index])
    start = m.index + m[0].length
  }
  out.push([start, text.length])
  return out
}

export const kubernetesSecretDetector: Detector = {
  id: 'kubernetes-secret-data',
  pack: 'secrets',
  description: 'Base64 value under data: of a Kubernetes kind: Secret manifest',
  wholeText: true,
  // `find` reports nothing on a text without `kind:`, so the value needs no keyword of its own.
  keywords: ['kind'],
  find(text: string): Finding[] {
    if (!KIND_SECRET.test(text)) return []
    const out: Finding[] = []
    let inData = false
    for (const [start, end] of lines(text)) {
      const line = text.slice(start, end)
      if (DATA_START.test(line)) {
        inData = true
        continue
      }
      if (!inData) continue
      if (DATA_END.test(line)) {
        inData = false
        continue
      }
      if (COMMENT.test(line)) continue
      const m = DATA_ENTRY.exec(line)
      if (!m || m[2].length < 16 || m[2].length % 4 !== 0) continue
      const at = start + m.index + m[0].lastIndexOf(m[2])
      out.push({ detector: 'kubernetes-secret-data', start: at, end: at + m[2].length })
    }
    return out
  },
  examples: {
    match: [
      'apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  password: ' + b64(23) + '=\n',
      'apiVersion: v1\ndata:\n  token: "' + b64(32) + '"\nkind: secret\n',
      // a comment line between entries, a value of 14 characters and its padding
      'kind: Secret\ndata:\n  # base64 of the password\n  key: ' + b64(14) + '==\n'
    ],
    miss: [
      'apiVersion: v1\nkind: Secret\ndata:\n  extra: YmFyCg==\n',
      'kind: ConfigMap\ndata:\n  value: ' + b64(32) + '\n',
      'kind: SecretStore\ndata:\n  value: ' + b64(32) + '\n'
    ]
  }
}

export const kubernetesDetectors = [kubernetesSecretDetector]
