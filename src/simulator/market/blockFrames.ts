import type { depthSnapshotShape } from '../../codecs'
import type { WireFields } from '../../codecs/wireShape'
import { DEPTH_TOPICS } from '../../internal/topicTable'
import type { Exchange } from './Exchange'
import type { MatchingBook } from './MatchingBook'
import type { MarketFrame, Wants } from './MarketFrame'
import type { Pair, TransferRecord } from './types'
import { accountWire, diffWire, orderWire, tradeWire, transferWire } from './wire'

/** @internal The depth topics and how many levels a side each carries. */
export const DEPTH_STREAMS: readonly (readonly [topic: string, levels: number])[] = [...DEPTH_TOPICS].map(
  ([levels, spec]) => [spec.name, levels] as const,
)

/** @internal A `marketDepth*` payload: the best `levels` of each side; `lastUpdateId` is the block height. */
export function depthWire(height: number, symbol: string, book: MatchingBook, levels: number) {
  return { lastUpdateId: height, symbol, bids: book.bids.top(levels), asks: book.asks.top(levels) } satisfies WireFields<
    typeof depthSnapshotShape
  >
}

/** @internal What one block changed, already taken out of the market's state. */
export interface BlockResult {
  readonly height: number
  readonly nowMs: number
  readonly timeNs: bigint
  readonly pairs: readonly Pair[]
  readonly addresses: readonly string[]
  readonly exchange: Exchange
  readonly diffs: readonly { bids: [bigint, bigint][]; asks: [bigint, bigint][] }[]
  /** Per trader, the assets whose balance changed. */
  readonly changed: readonly string[][]
  readonly transfer: TransferRecord | undefined
}

/**
 * @internal
 * The frames of one block, only those `want` accepts: blockheight; per symbol trades (when any),
 * marketDiff (when the book changed) and the four depth snapshots; per address orders, transfers and
 * accounts (when any). Building frames reads the block's result and never changes market state.
 */
export function blockFrames(block: BlockResult, want: Wants): MarketFrame[] {
  const { height, timeNs, pairs, addresses, exchange } = block
  const frames: MarketFrame[] = []
  if (want('blockheight')) frames.push({ stream: 'blockheight', data: { h: height } })
  for (const pair of pairs) {
    const { symbol, index } = pair
    const trades = exchange.trades.filter((trade) => trade.pair === pair)
    if (trades.length > 0 && want('trades', symbol)) {
      const data = trades.map((trade) => tradeWire(trade, height, timeNs, addresses))
      frames.push({ stream: 'trades', data })
    }
    const { bids, asks } = block.diffs[index]
    if (bids.length + asks.length > 0 && want('marketDiff', symbol)) {
      const data = diffWire(symbol, Math.floor(block.nowMs / 1000), bids, asks)
      frames.push({ stream: 'marketDiff', data })
    }
    for (const [stream, levels] of DEPTH_STREAMS) {
      if (!want(stream, symbol)) continue
      frames.push({ stream, data: depthWire(height, symbol, exchange.books[index], levels) })
    }
  }
  addresses.forEach((address, owner) => {
    const events = exchange.events[owner]
    if (events.length > 0 && want('orders', address)) {
      const data = events.map((event) => orderWire(event, height, timeNs))
      frames.push({ stream: 'orders', data, address })
    }
    const { transfer } = block
    if (transfer && involves(transfer, owner) && want('transfers', address)) {
      frames.push({ stream: 'transfers', data: transferWire(transfer, height, addresses), address })
    }
    const changed = block.changed[owner]
    if (changed.length > 0 && want('accounts', address)) {
      const balances = changed.map((asset) => ({ asset, ...exchange.ledger.balance(owner, asset) }))
      frames.push({ stream: 'accounts', data: accountWire(height, balances), address })
    }
  })
  return frames
}

function involves(transfer: TransferRecord, owner: number): boolean {
  return transfer.from === owner || transfer.outputs.some(({ to }) => to === owner)
}
