import { describe, expect, it } from 'vitest'
import type { GiftsSnapshot } from '../../../src-shared/contract'
import type { TuiGiftMessage, TuiLikeMessage } from '../../../src-shared/protocol/gift-messages'
import { MessageGiftFeed } from '../../../src-main/console/gifts/message-gift-feed'
import { sdkMessagesToEvents } from '../../../src-main/console/room/tencent-events'
import type { SdkMessage } from '../../../src-main/console/room/chat-port'
import { manualClock } from '../../support/manual-clock'

const user = (userId: string, userName: string) => ({ userId, userName, avatarUrl: '', level: '0' })

function gift(count: number, comboId?: string, final = false): TuiGiftMessage {
  return {
    version: '1.0',
    businessID: 'TUIGift',
    platform: 'Android',
    data: {
      gift: {
        giftId: 'rose',
        giftName: 'Rose',
        imageUrl: '',
        animationUrl: '',
        price: 2,
        ...(comboId ? { extInfo: { liveDesk: { comboId, comboTotal: count, final } } } : {}),
      },
      giftCount: count,
      sender: user('v_ann', 'Ann'),
      receiver: user('anchor', 'Host'),
    },
  }
}

function feed() {
  const clock = manualClock()
  const seen: GiftsSnapshot[] = []
  const gifts = new MessageGiftFeed({
    roomId: 'room1',
    trustedSender: 'administrator',
    clock,
    emit: (snapshot) => seen.push(snapshot),
  })
  return { clock, seen, gifts }
}

describe("a Tencent room's gift feed, from its messages", () => {
  it('merges a combo by its id and a kit’s messages by sender and gift within 3 s', () => {
    const { clock, gifts } = feed()
    const t = clock.now()
    gifts.gift(gift(20, 'c1'), 'administrator', t)
    gifts.gift(gift(19, 'c1', true), 'administrator', t + 500)
    // Tencent's kits: no combo id; two messages 1 s apart are one entry, one 5 s later another.
    gifts.gift(gift(1), 'administrator', t + 1000)
    gifts.gift(gift(1), 'administrator', t + 2000)
    gifts.gift(gift(1), 'administrator', t + 7000)
    clock.advance(10_000)
    const snapshot = gifts.snapshot()
    expect(snapshot.feed?.entries.map((e) => [e.count, e.amount, e.final])).toEqual([
      [1, 2, true],
      [2, 4, true],
      [39, 78, true],
    ])
    expect(snapshot.feed?.totals).toEqual({ amount: 84, gifts: 42, senders: 1 })
    expect(snapshot.feed?.top.show).toEqual([
      { userId: 'v_ann', nick: 'Ann', amount: 84, gifts: 42 },
    ])
  })

  it('never counts a gift a viewer sent itself', () => {
    const { gifts } = feed()
    gifts.gift(gift(999, 'forged'), 'v_mallory', 1)
    expect(gifts.snapshot().feed?.totals.gifts).toBe(0)
    expect(gifts.unverifiedGifts).toBe(1)
  })

  it('keeps the like total from the business host’s totals, or counts kits’ likes', () => {
    const { clock, gifts } = feed()
    const like = (data: TuiLikeMessage['data']): TuiLikeMessage => ({
      version: '1.0',
      businessID: 'TUIGift_like',
      platform: 'iOS',
      data,
    })
    gifts.like(like({ sender: user('v_b', 'B') }), clock.now())
    gifts.like(like({ sender: user('v_b', 'B') }), clock.now())
    expect(gifts.snapshot().feed?.likes.total).toBe(2)
    gifts.like(like({ sender: user('v_b', 'B'), likeCount: 5, totalLikeCount: 40 }), clock.now())
    expect(gifts.snapshot().feed?.likes).toEqual({ total: 40, lastMinute: 7 })
    clock.advance(61_000)
    expect(gifts.snapshot().feed?.likes).toEqual({ total: 40, lastMinute: 0 })
  })

  it('is fed by the Tencent SDK’s custom messages', () => {
    const sdk = (from: string, data: unknown): SdkMessage =>
      ({
        ID: `m-${from}`,
        type: 'TIMCustomElem',
        conversationID: 'GROUProom1',
        to: 'room1',
        from,
        nick: from,
        time: 1_700_000_000,
        payload: { data: JSON.stringify(data) },
      }) as unknown as SdkMessage
    const events = sdkMessagesToEvents(
      [
        sdk('administrator', gift(3, 'c9')),
        sdk('v_b', {
          version: '1.0',
          businessID: 'TUIGift_like',
          platform: 'iOS',
          data: { sender: user('v_b', 'B') },
        }),
      ],
      'room1',
      'anchor',
    )
    expect(events.map((e) => [e.type, 'from' in e ? e.from : ''])).toEqual([
      ['gift', 'administrator'],
      ['like', 'v_b'],
    ])
  })
})
