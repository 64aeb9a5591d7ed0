import type { GiftLedger } from './gift-ledger'

/**
 * The rooms' like totals, as the before-send callback counts them (the seed: the client
 * aggregates taps, one message per short window with the count, and the business server reads the
 * count before the message is sent — so a like message that frequency control later sheds still
 * counts). Totals are kept in memory and written with the host's bookkeeping, a few times a second:
 * likes are not money, and a write per like message would cost a disk sync each.
 *
 * One person counts at most `maxPerUserPerSecond` likes a second, whatever their messages claim.
 */
export class LikeTally {
  private readonly totals = new Map<string, number>()
  private readonly unsaved = new Map<string, number>()
  private readonly recent = new Map<string, number[]>()
  private readonly perUser = new Map<string, { second: number; count: number }>()

  constructor(
    private readonly ledger: GiftLedger,
    private readonly maxPerUserPerSecond = 30,
  ) {}

  get hasUnsaved(): boolean {
    return this.unsaved.size > 0
  }

  total(groupId: string): number {
    let total = this.totals.get(groupId)
    if (total === undefined) {
      total = this.ledger.likeTotal(groupId)
      this.totals.set(groupId, total)
    }
    return total
  }

  /** Counts `claimed` likes from `userId`; returns the likes counted and the room's new total. */
  add(
    groupId: string,
    userId: string,
    claimed: number,
    now: number,
  ): { counted: number; total: number } {
    const second = Math.floor(now / 1000)
    const key = `${groupId}\u0000${userId}`
    const used = this.perUser.get(key)
    const already = used?.second === second ? used.count : 0
    const counted = Math.max(0, Math.min(claimed, this.maxPerUserPerSecond - already))
    this.perUser.set(key, { second, count: already + counted })
    if (this.perUser.size > 50_000) this.perUser.clear()
    const total = this.total(groupId) + counted
    this.totals.set(groupId, total)
    if (counted > 0) {
      this.unsaved.set(groupId, (this.unsaved.get(groupId) ?? 0) + counted)
      const seconds = this.recent.get(groupId) ?? new Array<number>(60).fill(0)
      this.recent.set(groupId, seconds)
      this.roll(groupId, second)
      seconds[second % 60] = (seconds[second % 60] ?? 0) + counted
    }
    return { counted, total }
  }

  /** Likes counted in the room over the last 60 s. */
  lastMinute(groupId: string, now: number): number {
    this.roll(groupId, Math.floor(now / 1000))
    return (this.recent.get(groupId) ?? []).reduce((sum, n) => sum + n, 0)
  }

  /** Writes the totals counted since the last save (inside the caller's transaction). */
  save(now: number): void {
    for (const [groupId, count] of this.unsaved) this.ledger.addLikes(groupId, count, now)
    this.unsaved.clear()
  }

  private readonly rolledTo = new Map<string, number>()

  /** Zeroes the seconds of the minute ring that passed since the room's last like. */
  private roll(groupId: string, second: number): void {
    const seconds = this.recent.get(groupId)
    if (!seconds) return
    const last = this.rolledTo.get(groupId) ?? second
    for (let s = Math.max(last + 1, second - 59); s <= second; s++) seconds[s % 60] = 0
    this.rolledTo.set(groupId, Math.max(last, second))
  }
}
