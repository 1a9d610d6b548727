import { LB } from '../util.js'
import { an, digits, hex } from './fake.js'
import { provider, re } from './spec.js'

const hasDigit = (s: string): boolean => /[0-9]/.test(s)

export const slackDetectors = [
  provider({
    id: 'slack-token',
    description: 'Slack token (xoxb-, xoxp-, xoxa-, xapp-, …)',
    keywords: ['xox', 'xapp-'],
    // Each kind in the shape Slack issues it (gitleaks' rules, bounds widened so no tail is left):
    // bot, user, legacy (digit groups of 5 or more), workspace, configuration and app tokens. `xoxo-indieweb`, `xoxp-1234567890`
    // and `xoxe.xoxp-1-RANDOMSTRINGHERE` are not.
    pattern: re(
      `${LB}(?<s>xoxb-[0-9]{8,14}-[A-Za-z0-9-]{10,250}|xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9-]{20,250}|xox[osprab]-[0-9]{5,20}-[0-9]{5,20}-[0-9]{5,20}-[A-Fa-f0-9]{8,250}|xox[ar]-(?:[0-9]-)?[A-Za-z0-9]{8,250}|xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{100,250}|xapp-[0-9]-[A-Za-z0-9-]{10,250})`
    ),
    validate: hasDigit,
    examples: {
      match: [
        'xoxb-' + digits(12) + '-' + digits(13) + '-' + an(24),
        'xoxp-' + digits(11) + '-' + digits(11) + '-' + digits(12) + '-' + hex(32),
        'xapp-1-A' + digits(10) + '-' + digits(13) + '-' + hex(64),
        'xoxe-1-' + an(146),
        'xoxe.xoxp-1-' + an(164),
        'xoxs-' + digits(10) + '-' + digits(10) + '-' + digits(12) + '-' + hex(64),
        'xoxa-2-' + an(40)
      ],
      miss: [
        'xoxb-' + 'abcdefghijklmnop',
        'xoxb-short',
        'xoxb-' + 'x'.repeat(24),
        'xoxb-' + digits(5) + '-' + an(7),
        'xoxp-' + digits(10),
        'xoxp-' + digits(4) + '-' + digits(4) + '-' + digits(4) + '-' + hex(32),
        'xoxe.xoxp-1-' + an(16),
        'xoxo-' + an(8) + '-1.jpg'
      ]
    }
  }),
  provider({
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com/'],
    // No scheme required: a URL pasted without one, or glued to other text, is still a webhook.
    pattern: re(String.raw`hooks\.slack\.com/(?:services|workflows|triggers)/(?<s>[A-Za-z0-9_/+-]{20,200})`),
    examples: {
      match: [
        'https://hooks.slack.com/services/T0' + an(8) + '/B0' + an(8) + '/' + an(24),
        'hooks.slack.com/services/T0' + an(8) + '/B0' + an(8) + '/' + an(24),
        'url=hooks.slack.com/workflows/T0' + an(8) + '/A0' + an(8) + '/' + digits(18) + '/' + an(24),
        // glued to the text before it
        'seehooks.slack.com/services/T0' + an(8) + '/B0' + an(8) + '/' + an(24)
      ],
      miss: [
        'https://hooks.slack.com/services/' + 'T00000000/B00000000/' + 'X'.repeat(24),
        'https://hooks.slack.com/',
        'https://api.slack.com/services/T0' + an(8)
      ]
    }
  })
]
