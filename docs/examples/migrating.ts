import { BinanceChainSocket, KlineInterval, type RawMessage } from '../../src'

/** The seed package's calls, nearly verbatim: one-off reads and a long-lived callback. */
export async function main(url: string): Promise<RawMessage[]> {
  // Python: socket = BinanceChainSocket(IS_TEST_NET)
  const socket = new BinanceChainSocket({ url }) // or new BinanceChainSocket(true) for testnet

  // Python: socket.fetch_block_height_updates()   (one-off; prints without a callback)
  const height = await socket.fetchBlockHeightUpdates()
  // Python: socket.fetch_kline_updates('BNB_BTCB-1DE', KLine().interval_1min, True, handler)
  const kline = await socket.fetchKlineUpdates('BNB_BTCB-1DE', KlineInterval.interval_1min, true, () => {})

  // Python: socket.fetch_trades_updates('BNB_BTCB-1DE', one_off=False, callback_function=handler)
  const trades: RawMessage[] = []
  await new Promise<void>((resolve) => {
    const handle = socket.fetchTradesUpdates('BNB_BTCB-1DE', false, (message) => {
      trades.push(message) // { stream: 'trades', data: [{ e: 'trade', s: 'BNB_BTCB-1DE', p: '…', … }] }
      if (trades.length === 2) {
        handle.close()
        resolve()
      }
    })
  })

  socket.close()
  return [height, kline, ...trades]
}
