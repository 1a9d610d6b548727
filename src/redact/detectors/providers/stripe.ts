import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const stripeDetectors = [
  provider({
    id: 'stripe-key',
    // Publishable keys (`pk_live_`, `pk_test_`) are not secrets: Stripe has them shipped in web
    // pages and apps (docs.stripe.com/keys), so they are kept as identifiers.
    description: 'Stripe secret or restricted key; webhook secret',
    keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_', 'whsec_'],
    pattern: re(`${LB}(?<s>(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,255}|whsec_[A-Za-z0-9]{24,255})${RB}`),
    examples: {
      match: ['sk_live_' + an(24), 'rk_live_' + an(99), 'rk_prod_' + an(30), 'sk_test_' + an(24), 'whsec_' + an(32)],
      miss: ['task_test_' + an(30), 'sk_live_' + '0'.repeat(24), 'pk_test_' + an(24), 'pk_live_' + an(24)]
    }
  })
]
