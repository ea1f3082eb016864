import { firstValueFrom, skip } from 'rxjs'
import { DexSocket } from '../../src'

export async function main(url: string): Promise<{ height: number; prices: string[] }> {
  const dex = new DexSocket({ url }) // no url: mainnet; { network: 'testnet' }: testnet

  // One-off: the first value, then the subscription is released.
  const height = await firstValueFrom(dex.blockHeight())

  // Long-lived: every trade until you unsubscribe.
  const prices: string[] = []
  const subscription = dex.trades('BNB_BTCB-1DE').subscribe((trade) => {
    console.log(trade.price, trade.quantity, trade.tradeTime)
    prices.push(trade.price)
  })
  await firstValueFrom(dex.blockHeight().pipe(skip(20))) // twenty blocks later…
  subscription.unsubscribe() // sends the unsubscribe; an idle connection closes

  dex.close()
  return { height, prices }
}
