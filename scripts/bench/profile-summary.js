// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file.
// Usage: node scripts/bench/profile-summary.js <file.cpuprofile> [--top N]
import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Self and total time (ms) per function and self time per file, from a .cpuprofile's samples. */
export function summarizeProfile(profile, root = process.cwd()) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const selfUs = new Map()
  const deltas = profile.timeDeltas
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    // A sample's time is the gap to the next sample.
    const dt = i + 1 < deltas.length ? deltas[i + 1] : 0
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt))
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0)
  const rootUrl = pathToFileURL(root).href + '/'
  const where = (cf) => {
    const url = cf.url ? cf.url.replace(rootUrl, '').replace(/^node:/, 'node:') : ''
    return url ? `${url}:${cf.lineNumber + 1}` : '(native)'
  }
  const fnSelf = new Map()
  const fileSelf = new Map()
  const fnTotal = new Map()
  for (const [id, us] of selfUs) {
    const n = byId.get(id)
    const cf = n.callFrame
    const key = `${cf.functionName || '(anonymous)'}  ${where(cf)}`
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + us)
    const file = cf.url ? cf.url.replace(rootUrl, '') : `(${cf.functionName || 'native'})`
    fileSelf.set(file, (fileSelf.get(file) ?? 0) + us)
    // Total time: credit every distinct function on the stack once.
    const seen = new Set()
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const f = byId.get(p).callFrame
      const k = `${f.functionName || '(anonymous)'}  ${where(f)}`
      if (seen.has(k)) continue
      seen.add(k)
      fnTotal.set(k, (fnTotal.get(k) ?? 0) + us)
    }
  }
  const rows = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000, pct: total ? (100 * us) / total : 0 }))
  return { total_ms: total / 1000, self: rows(fnSelf), files: rows(fileSelf), total: rows(fnTotal) }
}

export function formatSummary(s, top = 25) {
  const line = (r) => `${r.ms.toFixed(0).padStart(8)} ms ${r.pct.toFixed(1).padStart(5)} %  ${r.name}`
  return [
    `profile: ${s.total_ms.toFixed(0)} ms sampled`,
    '',
    `top ${top} functions by self time:`,
    ...s.self.slice(0, top).map(line),
    '',
    'self time by file:',
    ...s.files.slice(0, 15).map(line),
    '',
    `top ${top} functions by total (inclusive) time:`,
    ...s.total.slice(0, top).map(line)
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: node scripts/bench/profile-summary.js <file.cpuprofile> [--top N]')
    process.exit(2)
  }
  const i = process.argv.indexOf('--top')
  const top = i > 0 ? Number(process.argv[i + 1]) : 25
  console.log(formatSummary(summarizeProfile(JSON.parse(readFileSync(file, 'utf8'))), top))
}
