import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateEach } from '../../../../src-main/common/sqlite'
import { businessMigrations } from '../../../../src-main/liveroom/business/business-store'
import {
  externalWallets,
  GiftLedger,
} from '../../../../src-main/liveroom/business/gifts/gift-ledger'

let db: Database.Database | undefined
afterEach(() => db?.close())

function ledger(startingBalance: number | typeof externalWallets = 100): GiftLedger {
  db = new Database(':memory:')
  migrateEach(db, businessMigrations, 'The business database')
  return new GiftLedger(db, startingBalance)
}

const request = (orderId: string, count = 1) => ({
  userId: 'v_ann',
  orderId,
  groupId: 'main',
  giftId: 'heart',
  count,
  price: 5,
  comboId: 'c1',
  senderNick: 'Ann',
  now: 1000,
})

describe('migration 100 (gift wallets, ledger, combos, likes)', () => {
  it('makes strict tables that refuse a negative balance and a count out of range', () => {
    ledger()
    expect(db!.prepare('SELECT version FROM schema_migrations').pluck().all()).toContain(100)
    db!.prepare("INSERT INTO gift_wallets VALUES ('v', 1, 1, 0, 0)").run()
    expect(() =>
      db!.prepare("UPDATE gift_wallets SET balance = -1 WHERE user_id = 'v'").run(),
    ).toThrow(/CHECK constraint/)
    expect(() =>
      db!
        .prepare("INSERT INTO gift_orders VALUES ('v', 'o', 'g', 'rose', 10000, 1, 1, 0, 'c', 0)")
        .run(),
    ).toThrow(/CHECK constraint/)
    expect(() => db!.prepare("INSERT INTO like_totals VALUES ('g', 'many', 0)").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
  })
})

describe('the gift ledger', () => {
  it('opens a wallet with the starting balance and charges an order once', () => {
    const l = ledger()
    expect(l.balance('v_ann', 0)).toBe(100)
    expect(l.charge(request('order-0001', 4))).toMatchObject({ kind: 'charged', balance: 80 })
    expect(l.charge(request('order-0001', 4))).toMatchObject({ kind: 'repeated', balance: 80 })
    expect(l.charge(request('order-0001', 5))).toMatchObject({ kind: 'reused' })
    expect(l.charge(request('order-0002', 17))).toEqual({
      kind: 'insufficient',
      balance: 80,
      amount: 85,
    })
    expect(l.charge(request('order-0003', 16))).toMatchObject({ kind: 'charged', balance: 0 })
    expect(l.audit()).toEqual({ granted: 100, spent: 100, balances: 0, orders: 2 })
    expect(l.combo('c1')).toMatchObject({ total: 20, amount: 100, ended: false })
  })

  it('keeps the like total and who thanked a combo', () => {
    const l = ledger()
    l.charge(request('order-0001'))
    expect(l.thank('main', 'c1', 'anchor', 5)).toBe(true)
    expect(l.thank('main', 'c1', 'mod', 6)).toBe(false)
    expect(l.thank('other', 'c1', 'anchor', 6)).toBe(false)
    expect(l.combo('c1')).toMatchObject({ thankedAt: 5, thankedBy: 'anchor' })
    l.addLikes('main', 3, 1)
    l.addLikes('main', 4, 2)
    expect(l.likeTotal('main')).toBe(7)
    expect(l.likeTotal('other')).toBe(0)
  })

  it('records orders an external billing system charged, with its balance, and keeps no wallets', () => {
    const l = ledger(externalWallets)
    const billed = (orderId: string, count: number, balance: number) => ({
      ...request(orderId, count),
      billed: { balance },
    })
    expect(l.committed(request('order-0001', 4))).toBeUndefined()
    expect(l.charge(billed('order-0001', 4, 4980))).toMatchObject({
      kind: 'charged',
      balance: 4980,
      order: { amount: 20, balanceAfter: 4980 },
    })
    // A repeat answers the balance the billing system reported for it, not a wallet here.
    expect(l.committed(request('order-0001', 4))).toMatchObject({ kind: 'repeated', balance: 4980 })
    expect(l.charge(billed('order-0001', 4, 1))).toMatchObject({ kind: 'repeated', balance: 4980 })
    expect(l.committed(request('order-0001', 5))).toMatchObject({ kind: 'reused' })
    expect(l.audit()).toEqual({ granted: 0, spent: 20, balances: 0, orders: 1 })
    expect(() => l.balance('v_ann', 0)).toThrow(/external billing system/)
    expect(() => l.charge(request('order-0002'))).toThrow(/external billing system/)
    // And the other way round: the ledger's own wallets take no order billed elsewhere.
    expect(() => ledger().charge(billed('order-0003', 1, 5))).toThrow(/billed elsewhere/)
  })
})
