import { digits, lowerAn, urlsafe } from './fake.js'
import { nearName, provider, re } from './spec.js'

export const telegramDetectors = [
  provider({
    id: 'telegram-bot-token',
    description: 'Telegram bot token (id:AA…, or id:A… next to a Telegram name)',
    keywords: [':aa', 'telegram'],
    pattern: re(
      String.raw`(?<![0-9])(?<s>[0-9]{8,10}:AA[A-Za-z0-9_-]{32,33})(?![A-Za-z0-9_-])|${nearName('telegram')}(?<s2>[0-9]{5,16}:A[A-Za-z0-9_-]{34})(?![A-Za-z0-9_-])`
    ),
    examples: {
      match: [digits(10) + ':AA' + urlsafe(33), 'telegram bot: ' + digits(8) + ':A' + lowerAn(34)],
      miss: [digits(10) + ':AB' + urlsafe(33), digits(4) + ':AA' + urlsafe(33), 'telegram bot: ' + digits(8) + ':A' + lowerAn(40)]
    }
  })
]
