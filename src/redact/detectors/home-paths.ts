import type { Detector } from '../types.js'
import { multiPatternDetector } from './util.js'

/*
 * Only the user-name segment is reported so the rest of the path stays readable.
 * Well-known service accounts and documentation placeholders are not personal.
 */
const NON_PERSONAL = new Set([
  'user',
  'username',
  'your-username',
  'yourname',
  'your_name',
  'your-name',
  'me',
  'you',
  'name',
  'shared',
  'guest',
  'public',
  'default',
  'linuxbrew',
  'runner',
  'node',
  'ubuntu',
  'vscode',
  'codespace',
  'codespaces',
  'ec2-user',
  'all users',
  'default user',
  'administrator',
  'admin',
  'root',
  'docker',
  'jenkins',
  'git',
  'nobody',
  'www-data',
  'app'
])

/**
 * A segment that is only an ellipsis shows no name: a renderer that cuts a long field at a
 * redaction marker keeps `/home/` and appends its `…` (the CSV's `/home/… (truncated, …)`), and
 * a tool that elides a path writes `/home/…/src`. A cut name (`/home/al…`) is still found.
 */
const ELIDED = /^\u2026+$/

function personal(name: string): boolean {
  if (NON_PERSONAL.has(name.toLowerCase())) return false
  if (ELIDED.test(name)) return false
  // Templated or already redacted segments: `<user>`, `$USER`, `%USERNAME%`, `${HOME}`, `[REDACTED:…]`, `...`.
  return !/^[<$%{[~*.]/.test(name)
}

export const homePathDetector: Detector = multiPatternDetector(
  {
    id: 'home-path',
    pack: 'paths',
    description: 'User name in a home directory path (/Users/<name>, /home/<name>, C:\\Users\\<name>, -Users-<name>-)',
    allowPlaceholders: true,
    validate: personal
  },
  [
    { pattern: /\/(?:Users|home)\/(?<s>[^/\s"'\\:*?<>|`]{1,64})/, keywords: ['/users/', '/home/'] },
    {
      pattern: /(?<![A-Za-z0-9])[A-Za-z]:(?:\\{1,4}|\/)(?:Users|Documents and Settings)(?:\\{1,4}|\/)(?<s>[^\\/\s"':*?<>|`]{1,64})/i,
      keywords: ['users', 'documents and settings']
    },
    // Claude Code project folders encode `/Users/alice/proj` as `-Users-alice-proj` (Windows: `C--Users-alice-…`).
    { pattern: /(?:(?<=^|[/\\\s"'=:`])|(?<=[A-Za-z]-))-(?:Users|home)-(?<s>[A-Za-z0-9_]{1,64})(?=$|[-/\\\s"'`])/, keywords: ['-users-', '-home-'] }
  ]
)

export const homePathDetectors: Detector[] = [homePathDetector]
