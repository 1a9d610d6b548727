/*
 * The files `ai-log-trail init` writes. The workflow is docs/workflows/pull-request.yml (a test
 * keeps the two identical); the rules file is valid as written (a test parses it).
 */

export const RULES_FILE = `# ai-log-trail: what is redacted before a report about AI agents' sessions is published.
# Reference: https://github.com/ai-log-trail/ai-log-trail/blob/v1/docs/configuration.md
# yaml-language-server: $schema=https://raw.githubusercontent.com/ai-log-trail/ai-log-trail/v1/docs/config.schema.json
version: 1

# redacted (default): text is published with every detector and rule applied.
# metadata-only: counts, tool names and hashed identifiers, no text at all.
preset: redacted

# Your own rules: client names, internal hosts, ticket ids. Patterns run on RE2 (linear time).
# rules:
#   - id: client-names
#     words: [Acme, Globex]
#     replacement: "[CLIENT]"
#   - id: internal-hosts
#     literals: [db.internal.example.com]

# Keys whose values are secret wherever they appear (JSON keys, KEY=value, --key value).
# keys: [x-internal-token]
`

export const WORKFLOW_FILE = `# The one-step setup: a sticky comment on every pull request, the report in the job summary and
# the sanitized files as a workflow artifact. With no \`paths\`, the Action reads every agent's
# default log places and .ai-logs/, keeping only this repository's sessions.
name: AI log trail
on: pull_request
permissions:
  contents: read
  pull-requests: write
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ai-log-trail/ai-log-trail@v1
`

/** The working databases hold logs unredacted; the report folder is written by dry-run. */
export const GITIGNORE_LINES = ['ai-log-trail.sqlite*', 'ai-log-trail.work.sqlite*', '/ai-log-trail-report/']

/** Runs collect before a push; a push that would leave new session copies behind stops once, to commit them. */
export const PRE_PUSH_HOOK = `#!/bin/sh
# ai-log-trail: stage this branch's AI agent sessions as sanitized copies under .ai-logs/.
# Installed by 'ai-log-trail init --hook pre-push'. Skip once with AI_LOG_TRAIL_SKIP=1 git push.
[ "\${AI_LOG_TRAIL_SKIP:-}" = 1 ] && exit 0
npx --no-install ai-log-trail collect || exit 0
if [ -n "$(git status --porcelain -- .ai-logs)" ]; then
  echo "ai-log-trail: new or grown session copies in .ai-logs/: review, commit them and push again." >&2
  exit 1
fi
`

/** What Claude Code runs when a session ends (its settings' \`hooks.SessionEnd\`). */
export const CLAUDE_HOOK_COMMAND = 'npx --no-install ai-log-trail collect'
