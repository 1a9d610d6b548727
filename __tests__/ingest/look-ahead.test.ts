import { describe, expect, it } from '@jest/globals'
import { LOOKAHEAD_PLANS, lookAhead } from '../../src/ingest/ingest.js'

/*
 * The ingest plans files ahead of reading them only to choose whether to parse on a worker (128 MiB
 * to read): a first ingest of many small files planned every one of them before reading the first,
 * and ran out of the ingest worker's heap (docs/performance.md, "a first ingest of many small files").
 */

type Plan = { job: { size: number; startOffset: number; path: string } }

async function* plans(n: number, size: number, made: { count: number }): AsyncGenerator<Plan> {
  for (let i = 0; i < n; i++) {
    made.count++
    yield { job: { size, startOffset: 0, path: `/logs/${i}.jsonl` } }
  }
}

describe("the ingest's look-ahead", () => {
  it('holds no more than LOOKAHEAD_PLANS plans of small files', async () => {
    const made = { count: 0 }
    const { head, rest, bytes } = await lookAhead(plans(3 * LOOKAHEAD_PLANS, 1024, made), 128 * 1024 * 1024, LOOKAHEAD_PLANS)
    expect(head).toHaveLength(LOOKAHEAD_PLANS)
    expect(made.count).toBe(LOOKAHEAD_PLANS)
    expect(bytes).toBe(LOOKAHEAD_PLANS * 1024)
    // The rest is still to be planned, in order.
    const next = await rest.next()
    expect(next.value?.job.path).toBe(`/logs/${LOOKAHEAD_PLANS}.jsonl`)
  })

  it('plans nothing ahead when there is no choice to make', async () => {
    const made = { count: 0 }
    const { head } = await lookAhead(plans(10, 1024, made), 0, LOOKAHEAD_PLANS)
    expect(head).toHaveLength(0)
    expect(made.count).toBe(0)
  })

  it('stops at the bytes it is to see', async () => {
    const made = { count: 0 }
    const { head, bytes } = await lookAhead(plans(10, 100, made), 250, LOOKAHEAD_PLANS)
    expect(head).toHaveLength(3)
    expect(bytes).toBe(300)
  })
})
