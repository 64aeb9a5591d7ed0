/**
 * The billing hook (issue 11 §2; docs/business.md "Another billing system"): where a gift's coins
 * are taken from. By default nothing is plugged in and the business database's own wallets pay
 * (gift-ledger.ts): the debit and the order row are one SQLite transaction. A deployment with its
 * own coins plugs in a `BillingPort` — the signed webhook (billing-webhook.ts, `--billing-url`) or
 * its own code — and then:
 *
 * 1. an order id the ledger has committed answers from the ledger (`repeated`), never calling out;
 * 2. otherwise the port charges, outside any transaction (no transaction is held across network
 *    I/O);
 * 3. on `ok`, the order row and its combo are committed with the balance the port reported, and the
 *    gift goes to the room as usual.
 *
 * A crash, a timeout or a failed commit after the port charged leaves the order uncommitted here;
 * the client's retry (same order id) calls the port again, which MUST answer the charge it already
 * made rather than charge twice, and the order commits once.
 */

export interface BillingCharge {
  /** The client's order id: one charge per (userId, orderId), however often it is asked. */
  orderId: string
  userId: string
  groupId: string
  giftId: string
  count: number
  /** Coins per gift, from the catalogue. */
  price: number
  /** count × price: what to take. */
  amount: number
}

/** Why a billing system refused: the words of its answer (docs/business.md). */
export const BillingRefusal = ['insufficient-balance', 'unknown-user', 'refused'] as const
export type BillingRefusal = (typeof BillingRefusal)[number]

export type BillingAnswer =
  | { ok: true; balance: number }
  | {
      ok: false
      code: BillingRefusal
      /** The billing system's own words (≤ 200 characters), shown as its details. */
      message?: string
      /** With `insufficient-balance`: what the wallet holds, when the system says. */
      balance?: number
    }

/**
 * The billing system gave no usable answer: no answer in time, unreachable, another status or an
 * answer of another shape. `message` is for logs (never the URL's path, query or the secret).
 */
export class BillingUnavailableError extends Error {
  override readonly name = 'BillingUnavailableError'
}

export interface BillingPort {
  /** Names the system in logs. */
  readonly name: string
  /**
   * Charges one order, or says why not. MUST be idempotent by (userId, orderId): asked again for
   * an order it charged, it answers that charge (`ok` and the balance) and takes nothing more.
   * Throws (BillingUnavailableError or anything) when it cannot say: the order is not committed
   * and the viewer is told to try again.
   */
  charge(charge: BillingCharge): Promise<BillingAnswer>
  /** A wallet's balance; undefined for a user the system does not know. Throws like `charge`. */
  balance(userId: string): Promise<number | undefined>
}

/** A balance a port reported is one the ledger can store: a whole number of coins, 0 or more. */
export function isBalance(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
