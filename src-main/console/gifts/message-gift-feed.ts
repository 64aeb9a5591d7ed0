import type { GiftsSnapshot } from '../../../src-shared/contract'
import type { GiftFeedEntry, TopGifter } from '../../../src-shared/protocol/gift-feed'
import type { TuiGiftMessage, TuiLikeMessage } from '../../../src-shared/protocol/gift-messages'
import type { Clock } from '../../common/clock'

/**
 * The Gifts panel for a room on Tencent Cloud (issue 11 §7), where the console has no business host
 * of ours to ask for the ledger: the feed is built from the room's `TUIGift` / `TUIGift_like`
 * messages as they arrive (tencent-events.ts maps them). A gift counts only when the App admin —
 * the business server — sent it: a viewer's own TUIGift JSON (a forgery, or a legacy kit that
 * sends gifts from the client) is not a billed gift, and is only counted as such. Messages of one
 * combo (LiveDesk's `extInfo.liveDesk.comboId`) are one entry; Tencent's kits' messages, which
 * have no combo id, are merged per sender and gift while they come less than 3 s apart.
 *
 * What the room shed never arrives here, so this feed undercounts under load, and "Thanked" marks
 * are this console's own: both need the business host's feed (docs/business.md).
 */

const comboGapMs = 3000
const maxEntries = 200

interface Combo extends GiftFeedEntry {
  /** For kits without combo ids: the key and last time, to merge the next message. */
  key: string
}

export class MessageGiftFeed {
  private readonly combos = new Map<string, Combo>()
  private readonly lastByKey = new Map<string, Combo>()
  private likes = 0
  private readonly likeTimes: { at: number; count: number }[] = []
  private unverified = 0
  private readonly since: number

  constructor(
    private readonly options: {
      roomId: string
      /** The business server's account (the App admin): only its gift messages count. */
      trustedSender: string
      clock: Clock
      emit: (snapshot: GiftsSnapshot) => void
    },
  ) {
    this.since = options.clock.now()
  }

  /** Gift messages from someone other than the business server, seen and not counted. */
  get unverifiedGifts(): number {
    return this.unverified
  }

  gift(message: TuiGiftMessage, from: string, time: number): void {
    if (from !== this.options.trustedSender) {
      this.unverified++
      return
    }
    const { data } = message
    const combo = data.gift.extInfo?.liveDesk
    const key = `${data.sender.userId}\u0000${data.gift.giftId}`
    let entry = combo ? this.combos.get(combo.comboId) : undefined
    if (!combo) {
      const last = this.lastByKey.get(key)
      if (last && time - last.lastAt < comboGapMs) entry = last
    }
    if (!entry) {
      const comboId = combo?.comboId ?? `m_${time}_${this.combos.size}`
      entry = {
        comboId,
        key,
        userId: data.sender.userId,
        nick: data.sender.userName || data.sender.userId,
        giftId: data.gift.giftId,
        names: { en: data.gift.giftName, ko: data.gift.giftName, 'zh-CN': data.gift.giftName },
        count: 0,
        amount: 0,
        final: false,
        large: combo?.tier === 'large',
        startedAt: time,
        lastAt: time,
        thankedAt: null,
      }
      this.combos.set(comboId, entry)
      if (this.combos.size > maxEntries) {
        this.combos.delete(this.combos.keys().next().value as string)
      }
    }
    entry.count += data.giftCount
    entry.amount += data.giftCount * data.gift.price
    entry.lastAt = time
    entry.final = combo?.final ?? false
    // Only kits' messages merge by sender and gift; a LiveDesk combo says which messages are its.
    if (!combo) this.lastByKey.set(key, entry)
    this.changed()
  }

  like(message: TuiLikeMessage, time: number): void {
    const count = message.data.likeCount ?? 1
    const total = message.data.totalLikeCount
    this.likes = total !== undefined ? Math.max(this.likes, total) : this.likes + count
    this.likeTimes.push({ at: time, count })
    this.changed()
  }

  /** Marks a combo thanked on this console (a Tencent room has no shared ledger here). */
  markThanked(comboId: string): GiftsSnapshot {
    const entry = this.combos.get(comboId)
    if (entry && entry.thankedAt === null) {
      entry.thankedAt = this.options.clock.now()
      this.changed()
    }
    return this.snapshot()
  }

  snapshot(): GiftsSnapshot {
    const now = this.options.clock.now()
    // Kits' combos end when their messages stop; LiveDesk's say so themselves.
    const entries = [...this.combos.values()]
      .map(({ key: _key, ...entry }) => ({
        ...entry,
        final: entry.final || now - entry.lastAt >= comboGapMs,
      }))
      .sort((a, b) => b.startedAt - a.startedAt)
    while (this.likeTimes.length && now - this.likeTimes[0]!.at > 60_000) this.likeTimes.shift()
    const gifters = new Map<string, TopGifter>()
    for (const entry of entries) {
      const gifter = gifters.get(entry.userId) ?? {
        userId: entry.userId,
        nick: entry.nick,
        amount: 0,
        gifts: 0,
      }
      gifter.amount += entry.amount
      gifter.gifts += entry.count
      gifters.set(entry.userId, gifter)
    }
    const top = [...gifters.values()].sort((a, b) => b.amount - a.amount).slice(0, 10)
    return {
      available: true,
      since: this.since,
      feed: {
        groupId: this.options.roomId,
        entries,
        totals: {
          amount: entries.reduce((sum, e) => sum + e.amount, 0),
          gifts: entries.reduce((sum, e) => sum + e.count, 0),
          senders: gifters.size,
        },
        top: { show: top, today: top },
        waiting: entries.filter((e) => e.thankedAt === null).length,
        shed: 0,
        likes: {
          total: this.likes,
          lastMinute: this.likeTimes.reduce((sum, l) => sum + l.count, 0),
        },
      },
    }
  }

  private changed(): void {
    this.options.emit(this.snapshot())
  }
}
