import { createHash } from 'node:crypto'

/** A stable short hash, so two redacted identifiers can still be told apart. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 10)
}
