import { basename } from 'node:path'

/** Antigravity writes Droid's `settings.json` shape too; files under its folders are not Droid's. */
export const NOT_DROID = /(^|[\\/])[^\\/]*antigravity[^\\/]*([\\/]|$)/i

/** The session id of `<id>.jsonl` or `<id>.settings.json` (a copy in `.ai-logs/` may be `<id>.json`): the file's stem, which both share. */
export function droidSessionId(path: string, fallback: string): string {
  const name = basename(path.replace(/\\/g, '/'))
  const stem = name.replace(/\.settings\.json$/i, '').replace(/\.jsonl?$/i, '')
  return stem && stem !== name ? stem : fallback
}
