/*
 * Two projects: `unit` (fast, no bundle, no browser, no child CLI runs of the whole job) and
 * `slow` (end-to-end runs of dist/, the packed package, the browser, the documentation checks
 * that run commands, the benchmark smoke run, and `*.slow.test.ts`: fault injection that kills
 * child ingests again and again). `npm test` runs both; `npm run test:unit`
 * and `npm run test:slow` run one.
 */
const SLOW = ['<rootDir>/__tests__/e2e/', '<rootDir>/__tests__/docs/', '<rootDir>/__tests__/bench/', '\\.browser\\.test\\.ts$', '\\.slow\\.test\\.ts$']

const common = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js'],
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true }]
  }
}

const ignored = ['/dist/', '/node_modules/', '/lib/']

/** @type {import('ts-jest').JestConfigWithTsJest} */
export default {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: [...ignored, ...SLOW]
    },
    {
      ...common,
      displayName: 'slow',
      testMatch: [
        ...SLOW.filter((p) => p.startsWith('<rootDir>')).map((p) => `${p}**/*.test.ts`),
        '<rootDir>/__tests__/**/*.browser.test.ts',
        '<rootDir>/__tests__/**/*.slow.test.ts'
      ],
      testPathIgnorePatterns: ignored
    }
  ]
}
