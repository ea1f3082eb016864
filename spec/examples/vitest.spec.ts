import { consumerProject, type ConsumerProject } from './helpers/consumerProject'

// examples/vitest as an app's own project: binance-dex-rx installed from the packed tarball, its tests run by
// Vitest and by Jest, unchanged, and its sources type-checked with the bundler resolution Vitest projects use.

let app: ConsumerProject

beforeAll(async () => {
  // The package's runtime dependencies, and the tools the example's package.json lists.
  const tools = ['rxjs', 'io-ts', 'fp-ts', 'isomorphic-ws', 'ws', 'vitest', 'jest', 'ts-jest', 'typescript']
  app = await consumerProject('vitest', tools)
}, 60_000)

afterAll(() => app?.remove())

const TESTS = [
  'keeps the last price of each symbol, exactly as published',
  'survives a dropped connection: alerts, subscribes again, and goes on',
  'raises "quiet" for each market when the server goes silent',
  'reports an unreadable frame and keeps going',
]

it('passes under Vitest', async () => {
  const { stdout } = await app.node('node_modules/vitest/vitest.mjs', ['run', '--reporter=verbose'])
  for (const name of TESTS) expect(stdout).toContain(`✓ test/priceBoard.test.ts > watchPrices against DexSimulator > ${name}`)
  expect(stdout).toMatch(/Tests\s+4 passed \(4\)/)
}, 60_000)

it('passes under Jest', async () => {
  const { stderr } = await app.node('node_modules/jest/bin/jest.js', ['--verbose'])
  for (const name of TESTS) expect(stderr).toMatch(new RegExp(`✓ ${name.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&')} \\(\\d+ ms\\)`))
  expect(stderr).toMatch(/Tests:\s+4 passed, 4 total/)
}, 60_000)

it("type-checks with moduleResolution Bundler: both entry points' types resolve from the package", async () => {
  await expect(app.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.json'])).resolves.toEqual({ stdout: '', stderr: '' })
}, 60_000)
