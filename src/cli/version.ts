import { readFileSync } from 'node:fs'

/** The package version, read from package.json next to the compiled or bundled code. */
export function version(): string {
  // dist/package.json (written by the bundle script), then the package root from lib/cli/ or dist/.
  for (const rel of ['./package.json', '../../package.json', '../package.json']) {
    try {
      const v = (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version?: unknown }).version
      if (typeof v === 'string') return v
    } catch {
      // try the next layout
    }
  }
  return '0.0.0'
}
