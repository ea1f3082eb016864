/** @internal One asset's balance of one account, in 1e-8 units. */
export interface Balance {
  free: bigint
  locked: bigint
}

/**
 * @internal
 * The simulated accounts' balances. Every movement is one of a few double-entry operations, so the sum
 * over accounts of free + locked, plus the fees collected, never changes; each operation checks that no
 * balance goes negative, and a violation is a bug in the market, so it throws.
 */
export class Ledger {
  /** Fees collected per asset. */
  readonly fees = new Map<string, bigint>()
  private readonly accounts: Map<string, Balance>[]
  private readonly changed: Set<string>[]

  constructor(
    owners: number,
    readonly assets: readonly string[],
    initial: (owner: number, asset: string) => bigint,
  ) {
    this.accounts = Array.from({ length: owners }, (_, owner) => {
      return new Map(assets.map((asset) => [asset, { free: initial(owner, asset), locked: 0n }]))
    })
    this.changed = Array.from({ length: owners }, () => new Set<string>())
  }

  balance(owner: number, asset: string): Readonly<Balance> {
    return this.account(owner, asset)
  }

  /** Moves free funds into locked (an order's reservation). */
  lock(owner: number, asset: string, amount: bigint): void {
    const b = this.edit(owner, asset)
    this.check(b.free >= amount, owner, asset, 'lock')
    b.free -= amount
    b.locked += amount
  }

  unlock(owner: number, asset: string, amount: bigint): void {
    const b = this.edit(owner, asset)
    this.check(b.locked >= amount, owner, asset, 'unlock')
    b.locked -= amount
    b.free += amount
  }

  /** Pays `amount` out of `from`'s locked funds to `to`, less `fee`, which the ledger keeps. */
  settle(from: number, to: number, asset: string, amount: bigint, fee: bigint): void {
    const payer = this.edit(from, asset)
    this.check(payer.locked >= amount && fee <= amount, from, asset, 'settle')
    payer.locked -= amount
    this.edit(to, asset).free += amount - fee
    if (fee > 0n) this.fees.set(asset, (this.fees.get(asset) ?? 0n) + fee)
  }

  /** Moves free funds between accounts. */
  transfer(from: number, to: number, asset: string, amount: bigint): void {
    const payer = this.edit(from, asset)
    this.check(payer.free >= amount, from, asset, 'transfer')
    payer.free -= amount
    this.edit(to, asset).free += amount
  }

  /** The assets of `owner` that changed since the last call, in ledger order. */
  takeChanged(owner: number): string[] {
    const set = this.changed[owner]
    const out = this.assets.filter((asset) => set.has(asset))
    set.clear()
    return out
  }

  private account(owner: number, asset: string): Balance {
    const b = this.accounts[owner]?.get(asset)
    if (!b) throw new Error(`no balance of ${asset} for trader ${owner}`)
    return b
  }

  private edit(owner: number, asset: string): Balance {
    this.changed[owner].add(asset)
    return this.account(owner, asset)
  }

  private check(ok: boolean, owner: number, asset: string, what: string): void {
    if (!ok) throw new Error(`ledger: ${what} would overdraw ${asset} of trader ${owner}`)
  }
}
