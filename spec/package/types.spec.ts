import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ROOT, makeConsumer, requireBuilt, runNode, type Consumer } from './nodeChild'

// The published declarations as a stranger's compiler sees them: consumer/consumer.ts imports every public
// type by package name and checks each field's exact type; it is compiled against the built dist/*.d.ts and
// dist/*.d.cts under three resolutions (node16 ESM, node16 CJS, bundler), each in its own consumer project.

const TSC = resolve(ROOT, 'node_modules/typescript/bin/tsc')
const HERE = resolve(__dirname, 'consumer')
const CONSUMER = readFileSync(join(HERE, 'consumer.ts'), 'utf8')

const MODES = [
  { mode: 'esm', declarations: 'dist/index.d.ts' },
  { mode: 'cjs', declarations: 'dist/index.d.cts' },
  { mode: 'bundler', declarations: 'dist/index.d.ts' },
] as const

const consumers: Consumer[] = []
afterAll(() => consumers.forEach((consumer) => consumer.remove()))

function project(mode: string, source: string): Consumer {
  const consumer = makeConsumer({
    'package.json': readFileSync(join(HERE, mode, 'package.json'), 'utf8'),
    'tsconfig.json': readFileSync(join(HERE, mode, 'tsconfig.json'), 'utf8'),
    'consumer.ts': source,
  })
  consumers.push(consumer)
  return consumer
}

/** tsc's diagnostics (with `--listFiles`, the other lines are the files it read). */
async function compile(
  consumer: Consumer,
): Promise<{ code: number | null; errors: string[]; files: string[] }> {
  const child = await runNode(TSC, ['-p', consumer.dir, '--listFiles', '--pretty', 'false'], consumer.dir)
  const lines = child.stdout.split('\n').filter((line) => line.trim() !== '')
  const isFile = (line: string): boolean => /\.(d\.)?[cm]?ts$/.test(line) && !line.includes(' error TS')
  return { code: child.code, errors: lines.filter((line) => !isFile(line)), files: lines.filter(isFile) }
}

beforeAll(() => requireBuilt('index.d.ts', 'index.d.cts'))

describe.each(MODES)('a consumer compiled with $mode resolution', ({ mode, declarations }) => {
  test(`every public type imports from ${declarations}, with every field of its exact type`, async () => {
    const result = await compile(project(mode, CONSUMER))
    expect(result.errors).toEqual([])
    expect(result.code).toBe(0)
    // The resolution really went through the package's exports map to the intended declaration file.
    expect(result.files).toContain(resolve(ROOT, declarations))
  })
})

test('the exact-type check is not vacuous: `any`, a wrong type and a missing field fail to compile', async () => {
  const helpers = /\/\/ ---- exact-type checks[\s\S]*?\ntype Item<[^\n]*\n/.exec(CONSUMER)?.[0]
  expect(helpers).toBeDefined()
  const control = `import type { Observable } from 'rxjs'
import type { Trade } from 'binance-dex-rx'
${helpers}
is<any, string>()
is<Trade['price'], number>()
is<Trade['tradeTime'], number>()
is<Trade['notAField' & keyof Trade], string>()
// @ts-expect-error a field that does not exist
is<Trade['notAField'], string>()
`
  const result = await compile(project('esm', control))
  expect(result.code).not.toBe(0)
  // One error on each of the four checks above, and none elsewhere (the @ts-expect-error line is satisfied).
  const failedLines = result.errors.map((line) => Number(/consumer\.ts\((\d+),/.exec(line)?.[1]))
  const checkLines = control.split('\n').flatMap((line, n) => (line.startsWith('is<') ? [n + 1] : []))
  expect(checkLines).toHaveLength(5)
  expect(failedLines).toEqual(checkLines.slice(0, 4))
})
