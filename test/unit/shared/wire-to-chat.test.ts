import { describe, expect, it } from 'vitest'
import { chatLinesOf, readWire } from '../../../src-shared/contract/wire-to-chat'
import { encodeBusinessMessage } from '../../../src-shared/protocol/business-messages'
import type { WireMessage } from '../../../src-shared/protocol/frames'

const wire = (from: string, msgBody: WireMessage['msgBody'], sequence = 1): WireMessage => ({
  ID: `m${sequence}`,
  to: 'main',
  sequence,
  from,
  nick: from,
  time: 1_700_000_000_000,
  priority: 'High',
  msgBody,
})
const count = (n: number): WireMessage['msgBody'] => [
  {
    MsgType: 'TIMCustomElem',
    MsgContent: {
      Data: encodeBusinessMessage({
        businessID: 'LiveDeskOnlineCount',
        version: 1,
        count: n,
        time: 1,
      }),
    },
  },
]

describe('reading a wire message', () => {
  it('a text is a chat line, the sender’s own marked as such', () => {
    const read = readWire(
      wire('v_1', [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }]),
      'v_1',
    )
    expect(read).toEqual({
      kind: 'chat',
      chat: expect.objectContaining({ text: 'hi', from: 'v_1', self: true, priority: 'High' }),
    })
  })

  it('the business host’s count (it sends as the App admin) is not a line but a count', () => {
    expect(readWire(wire('administrator', count(42)), 'v_1')).toEqual({
      kind: 'business',
      business: { businessID: 'LiveDeskOnlineCount', version: 1, count: 42, time: 1 },
      time: 1_700_000_000_000,
    })
  })

  it('the same JSON from a viewer is neither believed nor shown', () => {
    expect(readWire(wire('v_forger', count(99_999)), 'v_1')).toEqual({ kind: 'forged' })
    expect(
      chatLinesOf([wire('v_forger', count(1), 1), wire('administrator', count(2), 2)], 'x'),
    ).toEqual([])
  })

  it('another app’s custom element is still a chat line (shown as custom)', () => {
    const read = readWire(
      wire('v_1', [
        { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"businessID":"TUIGift_like"}' } },
      ]),
      'x',
    )
    expect(read).toMatchObject({ kind: 'chat', chat: { type: 'TIMCustomElem', text: '' } })
  })

  it('a TUIGift message is a gift only from the business host, and a like from anyone', () => {
    const user = { userId: 'v_1', userName: 'Ann', avatarUrl: '', level: '0' }
    const gift = {
      version: '1.0',
      businessID: 'TUIGift',
      platform: 'Web',
      data: {
        gift: { giftId: 'rose', giftName: 'Rose', imageUrl: '', animationUrl: '', price: 1 },
        giftCount: 3,
        sender: user,
        receiver: { ...user, userId: 'anchor' },
      },
    }
    const elem = (data: unknown): WireMessage['msgBody'] => [
      { MsgType: 'TIMCustomElem', MsgContent: { Data: JSON.stringify(data) } },
    ]
    expect(readWire(wire('administrator', elem(gift)), 'x')).toMatchObject({
      kind: 'gift',
      gift: { data: { giftCount: 3 } },
    })
    expect(readWire(wire('v_1', elem(gift)), 'x')).toEqual({ kind: 'forged' })
    const like = {
      version: '1.0',
      businessID: 'TUIGift_like',
      platform: 'iOS',
      data: { sender: user },
    }
    expect(readWire(wire('v_1', elem(like)), 'x')).toMatchObject({ kind: 'like', from: 'v_1' })
    expect(
      chatLinesOf([wire('administrator', elem(gift)), wire('v_1', elem(like), 2)], 'x'),
    ).toEqual([])
  })

  it('a moderation notice from the App admin is a system line of the moderator who acted', () => {
    const notice = {
      businessID: 'LiveDeskModeration' as const,
      version: 1,
      action: 'mute' as const,
      operatorId: 'mod_mina',
      operatorName: 'Mina',
      operatorRole: 'moderator' as const,
      targetId: 'v_bob',
      targetNick: '<b>Bob</b>',
      seconds: 600,
    }
    const body: WireMessage['msgBody'] = [
      { MsgType: 'TIMCustomElem', MsgContent: { Data: encodeBusinessMessage(notice) } },
    ]
    const read = readWire(wire('administrator', body, 7), 'anchor')
    expect(read).toEqual({
      kind: 'chat',
      chat: expect.objectContaining({
        sequence: 7,
        from: 'mod_mina',
        nick: 'Mina',
        type: 'LiveDeskModeration',
        text: '',
        self: false,
        moderation: {
          action: 'mute',
          operatorId: 'mod_mina',
          operatorName: 'Mina',
          operatorRole: 'moderator',
          targetId: 'v_bob',
          targetNick: '<b>Bob</b>',
          seconds: 600,
        },
      }),
    })
    // In a joiner's history too; and the same JSON from a viewer is neither believed nor shown.
    expect(chatLinesOf([wire('administrator', body)], 'x')).toHaveLength(1)
    expect(readWire(wire('v_bob', body), 'x')).toEqual({ kind: 'forged' })
    expect(chatLinesOf([wire('v_bob', body)], 'x')).toEqual([])
  })
})
