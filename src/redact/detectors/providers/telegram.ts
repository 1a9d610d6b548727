import { digits, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const telegramDetectors = [
  provider({
    id: 'telegram-bot-token',
    description: 'Telegram bot token (id:AA…)',
    keywords: [':aa'],
    pattern: re(String.raw`(?<![0-9])(?<s>[0-9]{8,10}:AA[A-Za-z0-9_-]{32,33})(?![A-Za-z0-9_-])`),
    examples: {
      match: [digits(10) + ':AA' + urlsafe(33)],
      miss: [digits(10) + ':AB' + urlsafe(33), digits(4) + ':AA' + urlsafe(33)]
    }
  })
]
