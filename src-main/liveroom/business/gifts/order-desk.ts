import type { ChargeOutcome, ChargeRequest, GiftLedger } from './gift-ledger'

/**
 * Commits orders in batches: the orders that arrive while one commit runs go into the next, and a
 * batch is one transaction (one fsync with synchronous=FULL). An order is answered only after its
 * batch committed, so an answer the viewer saw is an order on disk — a kill -9 loses at most
 * orders nobody was told were charged, and their retries (same order id) are charged then.
 *
 * Inside a batch the orders run one after the other, so two orders of one wallet can never both
 * take the last coins, and a repeated order id in the same batch is charged once.
 */
export class OrderDesk {
  private waiting: {
    request: ChargeRequest
    resolve: (outcome: ChargeOutcome) => void
    reject: (error: unknown) => void
  }[] = []
  private scheduled = false

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
