import type { Db } from '../../../common/sqlite'

/**
 * The wallets and the gift ledger (gift-migrations.ts): plain queries on the business database.
 * `charge` is meant to run inside a transaction its caller opens (order-desk.ts commits a batch of
 * orders as one), so a balance and the order that moved it are written together or not at all.
 * Behind an external billing system (billing.ts) the wallets are that system's: an order arrives
 * already charged (`billed`), with the balance it reported, and the wallets table is not used.
 */

export interface OrderRow {
  userId: string
  orderId: string
  groupId: string
  giftId: string
  count: number
  price: number
  amount: number
  balanceAfter: number
  comboId: string
  createdAt: number
}

export interface ComboRow {
  comboId: string
  groupId: string
  userId: string
  senderNick: string
  giftId: string
  total: number
  amount: number
  sent: number
  delivered: number
  messages: number
  startedAt: number
  lastAt: number
  ended: boolean
  thankedAt: number | null
  thankedBy: string | null
}

export interface ChargeRequest {
  userId: string
  orderId: string
  groupId: string
  giftId: string
  count: number
  price: number
  comboId: string
  senderNick: string
  now: number
  /** Charged already by an external billing system, which reported this balance after it. */
  billed?: { balance: number }
}

export type ChargeOutcome =
  | { kind: 'charged'; order: OrderRow; balance: number }
  | { kind: 'repeated'; order: OrderRow; balance: number }
  /** The order id was used before for another gift, count or room. */
  | { kind: 'reused'; order: OrderRow }
  /** `balance` is undefined when an external billing system did not say it. */
  | { kind: 'insufficient'; balance: number | undefined; amount: number }

export interface LedgerAudit {
  /** Coins granted to every wallet (starting balances). */
  granted: number
  /** Coins the ledger's orders took. */
  spent: number
  /** Coins in the wallets now: equals granted − spent when nothing was lost or charged twice. */
  balances: number
  orders: number
}

export interface Gifter {
  userId: string
  nick: string
  amount: number
  gifts: number
}

export interface GiftTotals {
  amount: number
  gifts: number
  senders: number
}

type RawOrder = {
  user_id: string
  order_id: string
  group_id: string
  gift_id: string
  count: number
  price: number
  amount: number
  balance_after: number
  combo_id: string
  created_at: number
}

type RawCombo = {
  combo_id: string
  group_id: string
  user_id: string
  sender_nick: string
  gift_id: string
  total: number
  amount: number
  sent: number
  delivered: number
  messages: number
  started_at: number
  last_at: number
  ended: number
  thanked_at: number | null
  thanked_by: string | null
}

const order = (row: RawOrder): OrderRow => ({
  userId: row.user_id,
  orderId: row.order_id,
  groupId: row.group_id,
  giftId: row.gift_id,
  count: row.count,
  price: row.price,
  amount: row.amount,
  balanceAfter: row.balance_after,
  comboId: row.combo_id,
  createdAt: row.created_at,
})

const combo = (row: RawCombo): ComboRow => ({
  comboId: row.combo_id,
  groupId: row.group_id,
  userId: row.user_id,
  senderNick: row.sender_nick,
  giftId: row.gift_id,
  total: row.total,
  amount: row.amount,
  sent: row.sent,
  delivered: row.delivered,
  messages: row.messages,
  startedAt: row.started_at,
  lastAt: row.last_at,
  ended: row.ended === 1,
  thankedAt: row.thanked_at,
  thankedBy: row.thanked_by,
})

function checkBalance(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`startingBalance must be a whole number ≥ 0 (got ${String(value)})`)
  }
  return value
}

/** The ledger's wallets are an external billing system's (billing.ts): none is kept here. */
export const externalWallets = 'external'

export class GiftLedger {
  private readonly q
  private readonly grant: (() => number) | undefined

  constructor(
    private readonly db: Db,
    /**
     * Coins a new wallet starts with (the embedded room's grant), or a function asked at each new
     * wallet (the console's setting, changed while it runs); `externalWallets` behind an external
     * billing system.
     */
    startingBalance: number | (() => number) | typeof externalWallets,
  ) {
    if (typeof startingBalance === 'number') checkBalance(startingBalance)
    this.grant =
      startingBalance === externalWallets
        ? undefined
        : typeof startingBalance === 'number'
          ? () => startingBalance
          : startingBalance
    this.q = {
      wallet: db.prepare<[string], { balance: number }>(
        'SELECT balance FROM gift_wallets WHERE user_id = ?',
      ),
      openWallet: db.prepare<[string, number, number, number, number]>(
        `INSERT INTO gift_wallets (user_id, balance, granted, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING`,
      ),
      debit: db.prepare<[number, number, string, number]>(
        'UPDATE gift_wallets SET balance = balance - ?, updated_at = ? WHERE user_id = ? AND balance >= ?',
      ),
      order: db.prepare<[string, string], RawOrder>(
        'SELECT * FROM gift_orders WHERE user_id = ? AND order_id = ?',
      ),
      insertOrder: db.prepare(
        `INSERT INTO gift_orders (user_id, order_id, group_id, gift_id, count, price, amount,
           balance_after, combo_id, created_at)
         VALUES (@userId, @orderId, @groupId, @giftId, @count, @price, @amount, @balanceAfter,
           @comboId, @createdAt)`,
      ),
      upsertCombo: db.prepare(
        `INSERT INTO gift_combos (combo_id, group_id, user_id, sender_nick, gift_id, total, amount,
           started_at, last_at)
         VALUES (@comboId, @groupId, @userId, @senderNick, @giftId, @count, @amount, @now, @now)
         ON CONFLICT (combo_id) DO UPDATE SET total = total + excluded.total,
           amount = amount + excluded.amount, last_at = excluded.last_at,
           sender_nick = excluded.sender_nick, ended = 0`,
      ),
      combo: db.prepare<[string], RawCombo>('SELECT * FROM gift_combos WHERE combo_id = ?'),
      sent: db.prepare<[number, number, string]>(
        'UPDATE gift_combos SET sent = sent + ?, messages = messages + ? WHERE combo_id = ?',
      ),
      delivered: db.prepare<[number, string]>(
        'UPDATE gift_combos SET delivered = MIN(total, delivered + ?) WHERE combo_id = ?',
      ),
      end: db.prepare<[string]>('UPDATE gift_combos SET ended = 1 WHERE combo_id = ?'),
      open: db.prepare<[], RawCombo>('SELECT * FROM gift_combos WHERE ended = 0'),
      feed: db.prepare<[string, number, number], RawCombo>(
        `SELECT * FROM gift_combos WHERE group_id = ? AND last_at >= ?
         ORDER BY started_at DESC, combo_id DESC LIMIT ?`,
      ),
      totals: db.prepare<[string, number], { amount: number; gifts: number; senders: number }>(
        `SELECT COALESCE(SUM(amount), 0) AS amount, COALESCE(SUM(count), 0) AS gifts,
           COUNT(DISTINCT user_id) AS senders
         FROM gift_orders WHERE group_id = ? AND created_at >= ?`,
      ),
      shed: db.prepare<[string, number], { shed: number }>(
        `SELECT COALESCE(SUM(total - delivered), 0) AS shed FROM gift_combos
         WHERE group_id = ? AND last_at >= ? AND ended = 1`,
      ),
      top: db.prepare<[string, number, number], Gifter>(
        `SELECT o.user_id AS userId,
           (SELECT sender_nick FROM gift_combos c WHERE c.user_id = o.user_id
              ORDER BY last_at DESC LIMIT 1) AS nick,
           SUM(o.amount) AS amount, SUM(o.count) AS gifts
         FROM gift_orders o WHERE o.group_id = ? AND o.created_at >= ?
         GROUP BY o.user_id ORDER BY amount DESC, MIN(o.created_at) ASC LIMIT ?`,
      ),
      thank: db.prepare<[number, string, string, string]>(
        `UPDATE gift_combos SET thanked_at = ?, thanked_by = ?
         WHERE combo_id = ? AND group_id = ? AND thanked_at IS NULL`,
      ),
      audit: db.prepare<[], { granted: number; balances: number }>(
        'SELECT COALESCE(SUM(granted), 0) AS granted, COALESCE(SUM(balance), 0) AS balances FROM gift_wallets',
      ),
      spent: db.prepare<[], { spent: number; orders: number }>(
        'SELECT COALESCE(SUM(amount), 0) AS spent, COUNT(*) AS orders FROM gift_orders',
      ),
      likes: db.prepare<[string], { total: number }>(
        'SELECT total FROM like_totals WHERE group_id = ?',
      ),
      addLikes: db.prepare<[string, number, number]>(
        `INSERT INTO like_totals (group_id, total, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (group_id) DO UPDATE SET total = total + excluded.total,
           updated_at = excluded.updated_at`,
      ),
    }
  }

  /** Runs `work` as one transaction (a batch of orders commits together). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)()
  }

  /** A wallet's balance; a wallet seen for the first time opens with the starting balance. */
  balance(userId: string, now: number): number {
    if (!this.grant)
      throw new Error('The wallets are an external billing system’s, not the ledger’s')
    const held = this.q.wallet.get(userId)
    if (held) return held.balance
    const grant = checkBalance(this.grant())
    this.q.openWallet.run(userId, grant, grant, now, now)
    return this.q.wallet.get(userId)?.balance ?? 0
  }

  findOrder(userId: string, orderId: string): OrderRow | undefined {
    const row = this.q.order.get(userId, orderId)
    return row ? order(row) : undefined
  }

  /**
   * Charges one order: the same (user, order id) is charged once; a balance never goes below
   * zero (the UPDATE only matches a wallet that holds the amount, and the table refuses the rest).
   */
  charge(request: ChargeRequest): ChargeOutcome {
    const earlier = this.committed(request)
    if (earlier) return earlier
    const amount = request.count * request.price
    let balanceAfter: number
    if (request.billed) {
      if (this.grant) throw new Error('An order billed elsewhere, but the wallets are the ledger’s')
      balanceAfter = request.billed.balance
    } else {
      const before = this.balance(request.userId, request.now)
      if (this.q.debit.run(amount, request.now, request.userId, amount).changes !== 1) {
        return { kind: 'insufficient', balance: before, amount }
      }
      balanceAfter = before - amount
    }
    const row: OrderRow = {
      userId: request.userId,
      orderId: request.orderId,
      groupId: request.groupId,
      giftId: request.giftId,
      count: request.count,
      price: request.price,
      amount,
      balanceAfter,
      comboId: request.comboId,
      createdAt: request.now,
    }
    this.q.insertOrder.run(row)
    this.q.upsertCombo.run({
      comboId: request.comboId,
      groupId: request.groupId,
      userId: request.userId,
      senderNick: request.senderNick,
      giftId: request.giftId,
      count: request.count,
      amount,
      now: request.now,
    })
    return { kind: 'charged', order: row, balance: balanceAfter }
  }

  /**
   * The answer for an order id committed before: `repeated` (same gift, count and room; with the
   * wallet's balance now, or behind an external billing system the balance it reported then) or
   * `reused`; undefined for an order id not committed.
   */
  committed(request: ChargeRequest): ChargeOutcome | undefined {
    const earlier = this.findOrder(request.userId, request.orderId)
    if (!earlier) return undefined
    const same =
      earlier.giftId === request.giftId &&
      earlier.count === request.count &&
      earlier.groupId === request.groupId
    if (!same) return { kind: 'reused', order: earlier }
    const balance = this.grant ? this.balance(request.userId, request.now) : earlier.balanceAfter
    return { kind: 'repeated', order: earlier, balance }
  }

  combo(comboId: string): ComboRow | undefined {
    const row = this.q.combo.get(comboId)
    return row ? combo(row) : undefined
  }

  /** `messages` room messages carrying `count` gifts of the combo went to the IM REST API. */
  recordSent(comboId: string, count: number, messages: number): void {
    this.q.sent.run(count, messages, comboId)
  }

  /** The after-send callback confirmed a message of the combo carrying `count` gifts. */
  recordDelivered(comboId: string, count: number): void {
    this.q.delivered.run(count, comboId)
  }

  endCombo(comboId: string): void {
    this.q.end.run(comboId)
  }

  /** Combos not ended: after a restart, what is left of them is still owed to the room. */
  openCombos(): ComboRow[] {
    return this.q.open.all().map(combo)
  }

  /** The newest combos of a group whose last gift came at `since` or later. */
  feed(groupId: string, since: number, limit: number): ComboRow[] {
    return this.q.feed.all(groupId, since, limit).map(combo)
  }

  totals(groupId: string, since: number): GiftTotals {
    return this.q.totals.get(groupId, since) ?? { amount: 0, gifts: 0, senders: 0 }
  }

  /** Gifts billed in ended combos that no after-send callback confirmed (shed, or lost). */
  shed(groupId: string, since: number): number {
    return this.q.shed.get(groupId, since)?.shed ?? 0
  }

  topGifters(groupId: string, since: number, limit: number): Gifter[] {
    return this.q.top.all(groupId, since, limit)
  }

  /** Marks a combo thanked; false when it is not in the group or was thanked already. */
  thank(groupId: string, comboId: string, by: string, now: number): boolean {
    return this.q.thank.run(now, by, comboId, groupId).changes === 1
  }

  likeTotal(groupId: string): number {
    return this.q.likes.get(groupId)?.total ?? 0
  }

  addLikes(groupId: string, count: number, now: number): void {
    this.q.addLikes.run(groupId, count, now)
  }

  audit(): LedgerAudit {
    const wallets = this.q.audit.get() ?? { granted: 0, balances: 0 }
    const spent = this.q.spent.get() ?? { spent: 0, orders: 0 }
    return { ...wallets, ...spent }
  }
}
