import type { EngineOptions, Finding } from '../types.js'

/* Merging overlapping findings and replacing them with markers. */

export function pickWinner(group: readonly Finding[]): Finding {
  let best = group[0]
  for (const f of group) {
    const len = f.end - f.start
    const bestLen = best.end - best.start
    if (len > bestLen || (len === bestLen && f.start < best.start)) best = f
  }
  return best
}

/** Overlapping findings become one span, labelled by the longest (then earliest) finding. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  if (findings.length === 0) return []
  if (findings.length === 1) return [{ detector: findings[0].detector, start: findings[0].start, end: findings[0].end }]
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.start - b.f.start || b.f.end - a.f.end || a.i - b.i)
    .map((x) => x.f)
  const out: Finding[] = []
  let group: Finding[] = []
  let groupEnd = -1
  const flush = (): void => {
    if (group.length === 0) return
    out.push({ detector: pickWinner(group).detector, start: group[0].start, end: groupEnd })
  }
  for (const f of sorted) {
    if (group.length > 0 && f.start < groupEnd) {
      group.push(f)
      groupEnd = Math.max(groupEnd, f.end)
      continue
    }
    flush()
    group = [f]
    groupEnd = f.end
  }
  flush()
  return out
}

export function defaultMarker(detectorId: string): string {
  return `[REDACTED:${detectorId}]`
}

export function applyFindings(text: string, merged: Finding[], opts: EngineOptions): string {
  if (merged.length === 0) return text
  const marker = opts.marker ?? defaultMarker
  let out = ''
  let pos = 0
  for (const f of merged) {
    out += text.slice(pos, f.start) + marker(f.detector, text.slice(f.start, f.end))
    pos = f.end
  }
  return out + text.slice(pos)
}
