import { type BillingPort, type BillingRefusal, isBalance } from './billing'
import type { ChargeOutcome, ChargeRequest, GiftLedger } from './gift-ledger'

/** What an order came to: the ledger's outcome, or an external billing system's refusal. */
export type OrderOutcome =
  | ChargeOutcome
  /** The billing system refused for another reason than the balance; nothing was charged. */
  | {
      kind: 'billing-refused'
      code: Exclude<BillingRefusal, 'insufficient-balance'>
      message?: string
    }
  /** The billing system gave no usable answer: nothing committed here; retry with the same id. */
  | { kind: 'billing-unavailable' }

/**
 * Commits orders in batches: the orders that arrive while one commit runs go into the next, and a
 * batch is one transaction (one fsync with synchronous=FULL). An order is answered only after its
 * batch committed, so an answer the viewer saw is an order on disk — a kill -9 loses at most
 * orders nobody was told were charged, and their retries (same order id) are charged then.
 *
 * Inside a batch the orders run one after the other, so two orders of one wallet can never both
 * take the last coins, and a repeated order id in the same batch is charged once.
 *
 * Behind an external billing system (`submitBilled`, billing.ts) the call out comes first, outside
 * any transaction, and only an order it charged joins a batch. One call per order id is in flight
 * at a time: a retry that arrives while the first attempt waits on the billing system waits for it
 * and then answers from the ledger (or calls out itself, if that attempt failed).
 */
export class OrderDesk {
  private waiting: {
    request: ChargeRequest
    resolve: (outcome: ChargeOutcome) => void
    reject: (error: unknown) => void
  }[] = []
  private scheduled = false
  /** Calls to the billing system in flight, by user and order id. */
  private readonly billing = new Map<string, Promise<OrderOutcome>>()

  constructor(
    private readonly ledger: GiftLedger,
    /** Runs for each order charged now (not a repeat), in commit order, before it is answered. */
    private readonly charged: (outcome: Extract<ChargeOutcome, { kind: 'charged' }>) => void,
    private readonly log: (line: string) => void,
  ) {}

  submit(request: ChargeRequest): Promise<ChargeOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.commit())
      }
    })
  }

  /** An order charged to `port` first, then committed (docs/business.md "Another billing system"). */
  async submitBilled(request: ChargeRequest, port: BillingPort): Promise<OrderOutcome> {
    const key = JSON.stringify([request.userId, request.orderId])
    for (let call = this.billing.get(key); call; call = this.billing.get(key)) {
      await call.catch(() => undefined)
    }
    // A committed order id answers from the ledger and never calls out again.
    const earlier = this.ledger.committed(request)
    if (earlier) return earlier
    const call = this.billThenCommit(request, port)
    this.billing.set(key, call)
    try {
      return await call
    } finally {
      if (this.billing.get(key) === call) this.billing.delete(key)
    }
  }

  private async billThenCommit(request: ChargeRequest, port: BillingPort): Promise<OrderOutcome> {
    const amount = request.count * request.price
    const unavailable = (why: string): OrderOutcome => {
      this.log(`business: gifts: order ${request.orderId} of ${request.userId} not billed: ${why}`)
      return { kind: 'billing-unavailable' }
    }
    let answer
    try {
      answer = await port.charge({
        orderId: request.orderId,
        userId: request.userId,
        groupId: request.groupId,
        giftId: request.giftId,
        count: request.count,
        price: request.price,
        amount,
      })
    } catch (error) {
      return unavailable((error as Error).message)
    }
    if (answer.ok) {
      if (!isBalance(answer.balance)) {
        return unavailable(`${port.name} reported a balance of ${String(answer.balance)}`)
      }
      return this.submit({ ...request, billed: { balance: answer.balance } })
    }
    switch (answer.code) {
      case 'insufficient-balance':
        return {
          kind: 'insufficient',
          balance: isBalance(answer.balance) ? answer.balance : undefined,
          amount,
        }
      case 'unknown-user':
      case 'refused':
        return {
          kind: 'billing-refused',
          code: answer.code,
          ...(answer.message !== undefined ? { message: answer.message.slice(0, 200) } : {}),
        }
      default:
        return unavailable(`${port.name} refused with an unknown code`)
    }
  }

  private commit(): void {
    this.scheduled = false
    const batch = this.waiting
    this.waiting = []
    let outcomes: ChargeOutcome[]
    try {
      outcomes = this.ledger.transaction(() =>
        batch.map((entry) => this.ledger.charge(entry.request)),
      )
    } catch (error) {
      this.log(
        `business: gifts: committing ${batch.length} orders failed: ${(error as Error).message}`,
      )
      for (const entry of batch) entry.reject(error)
      return
    }
    batch.forEach((entry, index) => {
      const outcome = outcomes[index] as ChargeOutcome
      if (outcome.kind === 'charged') {
        try {
          this.charged(outcome)
        } catch (error) {
          this.log(`business: gifts: after charging: ${(error as Error).message}`)
        }
      }
      entry.resolve(outcome)
    })
  }
}
