import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'

// The declarations npm publishes (npm test builds dist/ first): the event types are plain interfaces and
// aliases, nothing in them comes from io-ts or fp-ts, and a consumer that imports every public type
// compiles under both ESM and CommonJS resolution, through the package's `exports`.

const ROOT = join(__dirname, '..', '..')
const DECLARATIONS = ['index.d.cts', 'simulator.d.cts', 'simulator-in-process.d.cts']

const EVENTS = ['Trade', 'OrderUpdate', 'DepthUpdate', 'DepthSnapshot', 'Kline', 'Ticker', 'MiniTicker', 'AccountUpdate']
const NESTED = ['Balance', 'Coin', 'TransferOutput', 'TransferUpdate']
const ALIASES = ['Decimal', 'PriceLevel', 'OrderStatus', 'TickType', 'OrderSide', 'OrderType', 'TimeInForce']

// The ESM declarations (`index.d.ts`) only re-export these, so one copy ships; spec/package checks that.
const read = (file: string): string => readFileSync(join(ROOT, 'dist', file), 'utf8')

describe('published declarations', () => {
  it.each(DECLARATIONS)('%s names neither io-ts nor fp-ts', (file) => {
    const text = read(file)
    expect(text.length).toBeGreaterThan(1000)
    expect(text).not.toMatch(/io-ts|fp-ts/)
  })

  it('declare each event type as an interface with a doc line naming its wire key per field', () => {
    const text = read('index.d.cts')
    for (const name of [...EVENTS, ...NESTED]) {
      const body = new RegExp(`interface ${name} \\{([^}]*)\\}`).exec(text)?.[1]
      expect({ name, declared: body !== undefined }).toEqual({ name, declared: true })
      const fields = [...body!.matchAll(/readonly (\w+)\??: /g)].map((m) => m[1])
      // Each field reads `/** … `key` … */ readonly field: type`.
      const documented = [...body!.matchAll(/\/\*\*((?:(?!\*\/)[^])*)\*\/\s*readonly (\w+)\??: /g)]
        .filter((m) => /`[A-Za-z.]+`/.test(m[1]))
        .map((m) => m[2])
      expect(fields.length).toBeGreaterThan(1)
      expect({ name, documented }).toEqual({ name, documented: fields })
    }
    for (const name of ALIASES) expect(text).toMatch(new RegExp(`type ${name}(\\$\\d+)? = `))
    expect(text).not.toMatch(/declare const (Trade|Kline|Decimal|PriceLevel|OrderStatus)\b/)
  })
})

describe('a consumer importing every public type', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dex-types-'))
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(ROOT, join(dir, 'node_modules', 'binance-dex-rx'), 'dir')
    symlinkSync(join(ROOT, 'node_modules', 'rxjs'), join(dir, 'node_modules', 'rxjs'), 'dir')
    writeFileSync(join(dir, 'package.json'), '{"name":"consumer","private":true}')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const TYPES = [...EVENTS, ...NESTED, ...ALIASES, 'KlineInterval', 'OrderBook']
  const consumer = `
import type { ${TYPES.join(', ')} } from 'binance-dex-rx'
const trade: Trade = {
  eventType: 'trade', height: 1, symbol: 'A_B', tradeId: '1-0', price: '1.0', quantity: '2', buyerOrderId: 'b',
  sellerOrderId: 'a', tradeTime: 1n, sellerAddress: 's', buyerAddress: 'b', tickType: 'BuyTaker',
}
const level: PriceLevel = ['1.0', '2.0']
const status: OrderStatus = 'FullyFill'
// @ts-expect-error not a status
const wrong: OrderStatus = 'Filled'
const update: TransferUpdate = { eventType: 'outboundTransferInfo', height: 1, txHash: 'H', memo: '', from: 'f', outputs: [{ to: 't', coins: [{ asset: 'BNB', amount: '1' }] }] }
export const all: unknown[] = [trade, level, status, wrong, update]
export type Every = [${TYPES.join(', ')}]
`

  // One program for both files: each resolves the package through the condition of its own module kind.
  let program: ts.Program
  beforeAll(() => {
    for (const file of ['consumer.mts', 'consumer.cts']) writeFileSync(join(dir, file), consumer)
    program = ts.createProgram([join(dir, 'consumer.mts'), join(dir, 'consumer.cts')], {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2020,
      strict: true,
      noEmit: true,
      types: [],
      lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
    })
  })

  it.each([
    ['ESM', 'consumer.mts', 'index.d.ts'],
    ['CommonJS', 'consumer.cts', 'index.d.cts'],
  ])('compiles under %s resolution, with the declarations of its condition', (_, file, declarations) => {
    const source = program.getSourceFile(join(dir, file))!
    const diagnostics = ts.getPreEmitDiagnostics(program, source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(diagnostics).toEqual([])
    const mode = file.endsWith('.mts') ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS
    const resolved = ts.resolveModuleName('binance-dex-rx', source.fileName, program.getCompilerOptions(), ts.sys, undefined, undefined, mode)
    expect(resolved.resolvedModule?.resolvedFileName).toBe(join(ROOT, 'dist', declarations))
    expect(program.getSourceFiles().map((f) => f.fileName)).toContain(join(ROOT, 'dist', declarations))
  })
})
