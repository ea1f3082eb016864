import type { DepthSnapshot } from '../../src/codecs'
import { DexConnectionError } from '../../src/errors'
import {
  cycleSymbol,
  initialDemoState,
  isComplete,
  MAX_TRADES,
  reduceDemo,
  type DemoEvent,
  type DemoState,
} from '../../src/cli/demo/DemoState'
import { FULL_STATE } from './demoFixture'

const reduce = (state: DemoState, ...events: DemoEvent[]): DemoState => events.reduce(reduceDemo, state)
const [trade] = FULL_STATE.trades

describe('reduceDemo', () => {
  it('starts empty on the first symbol', () => {
    const state = initialDemoState('sim', ['A_B', 'C_D'])
    expect(state).toEqual({
      source: 'sim',
      symbols: ['A_B', 'C_D'],
      symbol: 'A_B',
      connection: { state: 'connecting' },
      trades: [],
    })
    expect(isComplete(state)).toBe(false)
    expect(isComplete(FULL_STATE)).toBe(true)
  })

  it('keeps the newest trades first, at most MAX_TRADES', () => {
    const start = { ...FULL_STATE, trades: [] }
    const many = Array.from(
      { length: MAX_TRADES + 5 },
      (_, i): DemoEvent => ({ type: 'trade', trade: { ...trade, tradeId: `t${i}` } }),
    )
    const state = reduce(start, ...many)
    expect(state.trades).toHaveLength(MAX_TRADES)
    expect(state.trades[0].tradeId).toBe(`t${MAX_TRADES + 4}`)
  })

  it('takes the book from marketDepth and ignores market events of another symbol', () => {
    const depth: DepthSnapshot = { lastUpdateId: 7, symbol: 'bnb_btcb-1de', bids: [['1', '2']], asks: [] }
    const state = reduce(FULL_STATE, { type: 'depth', depth })
    expect(state.book).toEqual({ bids: [['1', '2']], asks: [], updateId: 7 })
    const other = 'OTHER_BNB'
    expect(
      reduce(
        state,
        { type: 'depth', depth: { ...depth, symbol: other } },
        { type: 'trade', trade: { ...trade, symbol: other } },
        { type: 'kline', kline: { ...FULL_STATE.kline!, symbol: other, close: '9' } },
        { type: 'ticker', ticker: { ...FULL_STATE.ticker!, symbol: other, lastPrice: '9' } },
      ),
    ).toBe(state)
  })

  it('clears the market data when the symbol changes, not when it is chosen again', () => {
    const switched = reduce(FULL_STATE, { type: 'symbol', symbol: '100K-9BC_BNB' })
    expect(switched).toMatchObject({
      symbol: '100K-9BC_BNB',
      book: undefined,
      trades: [],
      kline: undefined,
      ticker: undefined,
    })
    expect(switched.height).toBe(FULL_STATE.height)
    expect(reduce(FULL_STATE, { type: 'symbol', symbol: FULL_STATE.symbol })).toBe(FULL_STATE)
  })

  it('follows the market connection only, and records heights and errors', () => {
    const state = reduce(
      initialDemoState('x', ['A_B']),
      { type: 'status', status: { connection: 'market', state: 'reconnecting', attempt: 3, delayMs: 10, error: new DexConnectionError('gone') } },
      { type: 'status', status: { connection: 'tbnb1someone', state: 'closed' } },
      { type: 'height', height: 42 },
      { type: 'error', message: 'DexServerError: nope' },
    )
    expect(state).toMatchObject({
      connection: { state: 'reconnecting', attempt: 3 },
      height: 42,
      lastError: 'DexServerError: nope',
    })
  })

  it('learns symbols, choosing the first when none is on screen', () => {
    const learn: DemoEvent = { type: 'symbols', symbols: ['C_D', 'A_B'] }
    expect(reduce(initialDemoState('x'), learn)).toMatchObject({ symbols: ['C_D', 'A_B'], symbol: 'C_D' })
    expect(reduce(initialDemoState('x', ['A_B']), learn)).toMatchObject({ symbol: 'A_B' })
  })
})

describe('cycleSymbol', () => {
  it('goes round both ways', () => {
    const state = initialDemoState('x', ['A_B', 'C_D', 'E_F'])
    expect(cycleSymbol(state)).toBe('C_D')
    expect(cycleSymbol(state, -1)).toBe('E_F')
    expect(cycleSymbol({ ...state, symbol: 'E_F' })).toBe('A_B')
    expect(cycleSymbol(initialDemoState('x'))).toBe('')
  })
})
