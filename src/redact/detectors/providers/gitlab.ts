import { LB } from '../util.js'
import { an, hex, lowerAn } from './fake.js'
import { provider, re } from './spec.js'

export const gitlabDetectors = [
  provider({
    id: 'gitlab-token',
    description: 'GitLab token (glpat-, gldt-, glrt-, …), runner registration token (GR1348941…) or session cookie',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glsoat-', 'glimt-', 'glagent-', 'gloas-', 'glffct-', 'gr1348941', '_gitlab_session='],
    pattern: re(
      // Each kind's body length as GitLab issues it (detect-secrets' rule): a body of another
      // length is typed by hand. Routable tokens end in `.<2 + 7 base-36 characters>`.
      `${LB}(?<s>(?:gl(?:pat|dt|rt|ft|soat|ffct)-|GR1348941)[A-Za-z0-9_-]{20,50}(?:\\.[0-9a-z]{9})?|glcbt-(?:[0-9a-fA-F]{2}_)?[A-Za-z0-9_-]{20,50}|glimt-[A-Za-z0-9_-]{25}|glptt-[A-Za-z0-9_-]{40}|glagent-[A-Za-z0-9_-]{50,1024}|gloas-[A-Za-z0-9_-]{64})(?![A-Za-z0-9_-])|_gitlab_session=(?<s2>[0-9a-z]{32})`
    ),
    examples: {
      match: [
        'glpat-' + an(20),
        'glpat-' + an(27) + '.01' + lowerAn(7),
        'glrt-t1_' + an(27),
        'glffct-' + an(20),
        'GR1348941' + an(20),
        'glptt-' + hex(40),
        'glimt-' + an(25),
        'glagent-' + an(50),
        'gloas-' + an(64),
        'Cookie: _gitlab_session=' + lowerAn(32)
      ],
      miss: [
        'glpat-' + an(10),
        'GR1348941' + an(8),
        'glpat-' + 'X'.repeat(20),
        'glpat-' + an(51),
        'glimt-' + an(23),
        'glptt-' + hex(43),
        'glagent-' + an(20),
        'gloas-' + an(38)
      ]
    }
  })
]
