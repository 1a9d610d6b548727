import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const stripeDetectors = [
  provider({
    id: 'stripe-key',
    description: 'Stripe secret, restricted or live publishable key; webhook secret',
    keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_', 'pk_live_', 'whsec_'],
    pattern: re(`${LB}(?<s>(?:(?:sk|rk)_(?:live|test|prod)|pk_live)_[A-Za-z0-9]{10,255}|whsec_[A-Za-z0-9]{24,255})${RB}`),
    examples: {
      match: ['sk_live_' + an(24), 'rk_live_' + an(99), 'rk_prod_' + an(30), 'sk_test_' + an(24), 'whsec_' + an(32)],
      miss: ['task_test_' + an(30), 'sk_live_' + '0'.repeat(24), 'pk_test_' + an(24)]
    }
  })
]
