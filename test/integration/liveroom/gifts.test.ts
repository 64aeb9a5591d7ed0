import { describe, expect, it } from 'vitest'
import type { WireMessage } from '../../../src-shared/protocol/frames'
import { GiftErrorCode, parseGiftData } from '../../../src-shared/protocol/gift-messages'
import type { GiftFeed } from '../../../src-shared/protocol/gift-feed'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { LiveRoomOptions } from '../../../src-main/liveroom'
import { joinMain, rest, startTestRoom, type TestClient, type TestRoom, testTime } from './helpers'

/**
 * Gifts end to end on the embedded room: orders to the business host's HTTP API (signed with the
 * viewer's UserSig), its ledger, and the TUIGift room messages it sends through the IM REST API.
 */

async function giftRoom(
  gifts: NonNullable<Exclude<LiveRoomOptions['business'], false>>['gifts'] = {},
  extra: Partial<LiveRoomOptions> = {},
) {
  return startTestRoom({ business: { onlineCount: false, gifts }, ...extra })
}

async function call(
  t: TestRoom,
  method: 'GET' | 'POST',
  path: string,
  userId: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.room.httpUrl}/business/${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(userId ? { Authorization: `UserSig ${userId} ${t.room.signUserSig(userId)}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

let orders = 0
const order = (t: TestRoom, userId: string, fields: Record<string, unknown>) =>
  call(t, 'POST', 'gifts/orders', userId, {
    orderId: `order-${++orders}-${Date.now()}`,
    groupId: 'main',
    giftId: 'rose',
    count: 1,
    ...fields,
  })

const balanceOf = async (t: TestRoom, userId: string) =>
  (await call(t, 'GET', 'wallet', userId)).body.balance

function giftsSeen(
  client: TestClient,
): { message: WireMessage; gift: NonNullable<ReturnType<typeof parseGiftData>> }[] {
  return client
    .framesOf('message')
    .map((f) => f.message)
    .flatMap((message) => {
      const custom = message.msgBody.find((e) => e.MsgType === 'TIMCustomElem')
      const gift =
        custom?.MsgType === 'TIMCustomElem' ? parseGiftData(custom.MsgContent.Data) : undefined
      return gift ? [{ message, gift }] : []
    })
}

describe('gift orders', () => {
  it('bills an order and sends the room a TUIGift message at High from the business host', async () => {
    const clock = testTime()
    const t = await giftRoom({}, { now: clock.now, setTimer: clock.setTimer })
    const { client: ann } = await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const { client: anchor } = await joinMain(t.room, 'anchor', { nick: 'Host' })
    expect(await balanceOf(t, 'v_ann')).toBe(10_000)

    const answer = await order(t, 'v_ann', { giftId: 'crown', count: 2 })
    expect(answer).toMatchObject({
      status: 200,
      body: { giftId: 'crown', count: 2, price: 520, amount: 1040, balance: 8960, repeated: false },
    })
    expect(await balanceOf(t, 'v_ann')).toBe(8960)
    // Under 20: the combo's message goes when its 1 s window closes, before its 3 s end.
    await clock.advanceAsync(1000)
    const seen = await anchor.waitFor(
      (f) =>
        f.type === 'message' &&
        parseGiftData(
          f.message.msgBody[0]?.MsgType === 'TIMCustomElem'
            ? f.message.msgBody[0].MsgContent.Data
            : undefined,
        ) !== undefined,
    )
    expect(seen.type === 'message' && seen.message).toMatchObject({
      from: 'administrator',
      priority: 'High',
    })
    const gift = giftsSeen(anchor)[0]?.gift
    expect(gift).toEqual({
      version: '1.0',
      businessID: 'TUIGift',
      platform: 'Web',
      data: {
        gift: {
          giftId: 'crown',
          giftName: 'Crown',
          imageUrl: '/business/gifts/images/crown.svg',
          animationUrl: '',
          price: 520,
          extInfo: {
            liveDesk: { comboId: answer.body.comboId, comboTotal: 2, final: false, tier: 'large' },
          },
        },
        giftCount: 2,
        sender: { userId: 'v_ann', userName: 'Ann', avatarUrl: '', level: '0' },
        receiver: { userId: 'anchor', userName: 'Host', avatarUrl: '', level: '0' },
      },
    })
    expect(giftsSeen(ann)).toHaveLength(1)

    // The feed is the ledger's (ended 3 s after the click); the after-send callback confirmed
    // the message, so nothing shed.
    await clock.advanceAsync(2300)
    const feed = (await call(t, 'GET', 'gifts/feed?groupId=main', 'anchor'))
      .body as unknown as GiftFeed
    expect(feed.entries).toEqual([
      expect.objectContaining({
        nick: 'Ann',
        giftId: 'crown',
        count: 2,
        amount: 1040,
        final: true,
        large: true,
        thankedAt: null,
      }),
    ])
    expect(feed).toMatchObject({
      totals: { amount: 1040, gifts: 2, senders: 1 },
      top: { show: [{ userId: 'v_ann', nick: 'Ann', amount: 1040, gifts: 2 }] },
      waiting: 1,
      shed: 0,
    })
    const thanked = await call(t, 'POST', 'gifts/thanked', 'anchor', {
      groupId: 'main',
      comboId: answer.body.comboId,
    })
    expect(thanked).toMatchObject({ status: 200, body: { already: false } })
    const after = (await call(t, 'GET', 'gifts/feed?groupId=main', 'anchor'))
      .body as unknown as GiftFeed
    expect(after.waiting).toBe(0)
    expect(after.entries[0]?.thankedAt).toBe(clock.now())
    // Only the room's host reads the feed.
    expect(await call(t, 'GET', 'gifts/feed?groupId=main', 'v_ann')).toMatchObject({
      status: 403,
      body: { code: GiftErrorCode.notRoomHost },
    })
  })

  it('charges an order id once however often it is retried, and refuses it for another order', async () => {
    const t = await giftRoom()
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const body = { orderId: 'retry-me-0001', groupId: 'main', giftId: 'heart', count: 3 }
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(t, 'POST', 'gifts/orders', 'v_ann', body)),
    )
    expect(answers.every((a) => a.status === 200 && a.body.amount === 15)).toBe(true)
    expect(answers.filter((a) => a.body.repeated === false)).toHaveLength(1)
    expect(await balanceOf(t, 'v_ann')).toBe(10_000 - 15)
    expect(await call(t, 'POST', 'gifts/orders', 'v_ann', body)).toMatchObject({
      status: 200,
      body: { repeated: true, balance: 10_000 - 15 },
    })
    expect(await call(t, 'POST', 'gifts/orders', 'v_ann', { ...body, count: 4 })).toMatchObject({
      status: 409,
      body: { code: GiftErrorCode.orderIdReused },
    })
    // The same id is another order for another viewer.
    await joinMain(t.room, 'v_bob', { nick: 'Bob' })
    expect(await call(t, 'POST', 'gifts/orders', 'v_bob', body)).toMatchObject({
      status: 200,
      body: { repeated: false },
    })
    expect(await balanceOf(t, 'v_ann')).toBe(10_000 - 15)
  })

  it('never lets concurrent orders of one wallet take it below zero or charge twice', async () => {
    const t = await giftRoom({ startingBalance: 100 })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(t, 'POST', 'gifts/orders', 'v_ann', {
          orderId: `storm-${String(i).padStart(4, '0')}`,
          groupId: 'main',
          giftId: 'heart',
          count: 1,
        }),
      ),
    )
    const charged = answers.filter((a) => a.status === 200)
    const refused = answers.filter((a) => a.status === 402)
    expect(charged).toHaveLength(20)
    expect(refused).toHaveLength(10)
    expect(refused[0]?.body).toMatchObject({
      code: GiftErrorCode.insufficientBalance,
      data: { balance: 0, amount: 5 },
    })
    expect(new Set(charged.map((a) => a.body.balance)).size).toBe(20)
    expect(await balanceOf(t, 'v_ann')).toBe(0)
    // Orders checked at the same time join one combo: one feed entry, not twenty.
    expect(new Set(charged.map((a) => a.body.comboId)).size).toBe(1)
  })

  it('refuses bad orders with a code and words, charging nothing', async () => {
    const t = await giftRoom()
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const refusals = [
      [await order(t, 'v_ann', { giftId: 'unicorn' }), 404, GiftErrorCode.unknownGift],
      [await order(t, 'v_ann', { count: 0 }), 400, GiftErrorCode.countOutOfRange],
      [await order(t, 'v_ann', { count: 10_000 }), 400, GiftErrorCode.countOutOfRange],
      [await order(t, 'v_ann', { count: 1.5 }), 400, GiftErrorCode.countOutOfRange],
      [await order(t, 'v_ann', { groupId: 'nowhere' }), 404, ErrorCode.groupNotFound],
      [await order(t, 'v_ann', { orderId: 'short' }), 400, ErrorCode.invalidParameter],
      [await order(t, 'v_ann', { count: '5' }), 400, ErrorCode.invalidParameter],
      [
        await order(t, 'v_ann', { giftId: 'castle', count: 3 }),
        402,
        GiftErrorCode.insufficientBalance,
      ],
      [
        await order(t, undefined as unknown as string, {}),
        401,
        ErrorCode.userSigVerificationFailed,
      ],
    ] as const
    for (const [answer, status, code] of refusals) {
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code })
      expect(typeof answer.body.message).toBe('string')
    }
    expect(await balanceOf(t, 'v_ann')).toBe(10_000)

    const ban = await rest(t, 'group_open_http_svc/ban_group_member', {
      GroupId: 'main',
      Members_Account: ['v_ann'],
      Duration: 600,
    })
    expect(ban.ErrorCode).toBe(0)
    expect(await order(t, 'v_ann', {})).toMatchObject({
      status: 403,
      body: { code: GiftErrorCode.senderBanned },
    })
    expect(await balanceOf(t, 'v_ann')).toBe(10_000)
  })

  it('refuses gifts while the room is not live', async () => {
    let live = false
    const t = await giftRoom({ isLive: () => live })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    expect(await order(t, 'v_ann', {})).toMatchObject({
      status: 409,
      body: { code: GiftErrorCode.roomNotLive },
    })
    live = true
    expect((await order(t, 'v_ann', {})).status).toBe(200)
  })

  it('serves the catalogue and its images to anyone', async () => {
    const t = await giftRoom()
    const catalogue = await call(t, 'GET', 'gifts/catalogue', undefined)
    expect(catalogue.body).toMatchObject({
      presets: [1, 10, 66, 99, 520],
      senderId: 'administrator',
    })
    const image = await fetch(`${t.room.httpUrl}/business/gifts/images/rose.svg`)
    expect(image.headers.get('content-type')).toBe('image/svg+xml')
    expect(await image.text()).toMatch(/^<svg /)
    expect((await fetch(`${t.room.httpUrl}/business/gifts/images/../catalogue.json`)).status).toBe(
      404,
    )
  })
})

describe('combos in the room', () => {
  it('merges 99 quick clicks into at most 5 messages that add up to 99', async () => {
    const clock = testTime()
    const t = await giftRoom({}, { now: clock.now, setTimer: clock.setTimer })
    await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const { client: anchor } = await joinMain(t.room, 'anchor', { nick: 'Host' })
    for (let i = 0; i < 99; i++) {
      expect((await order(t, 'v_ann', {})).status).toBe(200)
      await clock.advanceAsync(10)
    }
    await clock.advanceAsync(3000)
    await anchor.waitFor(
      (f) =>
        f.type === 'message' &&
        f.message.msgBody[0]?.MsgType === 'TIMCustomElem' &&
        f.message.msgBody[0].MsgContent.Data?.includes('"comboTotal":99') === true,
    )
    const gifts = giftsSeen(anchor).map(({ gift }) =>
      gift.businessID === 'TUIGift' ? gift.data : undefined,
    )
    expect(gifts.length).toBeLessThanOrEqual(5)
    expect(gifts.reduce((sum, g) => sum + (g?.giftCount ?? 0), 0)).toBe(99)
    // The last 19 went out when their 1 s window closed, before the combo's end: none is final.
    expect(gifts.map((g) => g?.gift.extInfo?.liveDesk?.final)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
    expect(gifts.map((g) => g?.gift.extInfo?.liveDesk?.comboTotal)).toEqual([20, 40, 60, 80, 99])
  })
})

describe('forged gifts and likes', () => {
  it('drops a TUIGift message a viewer sends itself', async () => {
    const t = await giftRoom()
    const { client: mallory } = await joinMain(t.room, 'v_mallory', { nick: 'Mallory' })
    const { client: anchor } = await joinMain(t.room, 'anchor', { nick: 'Host' })
    const forged = JSON.stringify({
      version: '1.0',
      businessID: 'TUIGift',
      platform: 'Web',
      data: {
        gift: {
          giftId: 'castle',
          giftName: 'Castle',
          imageUrl: '',
          animationUrl: '',
          price: 5000,
          extInfo: {},
        },
        giftCount: 999,
        sender: { userId: 'v_mallory', userName: 'Mallory', avatarUrl: '', level: '0' },
        receiver: { userId: 'anchor', userName: 'Host', avatarUrl: '', level: '0' },
      },
    })
    await mallory.request({
      type: 'send',
      groupId: 'main',
      msgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: forged } }],
    })
    await mallory.request({
      type: 'send',
      groupId: 'main',
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'after' } }],
    })
    await anchor.waitFor((f) => f.type === 'message' && f.message.from === 'v_mallory')
    expect(anchor.framesOf('message').map((f) => f.message.msgBody[0]?.MsgType)).toEqual([
      'TIMTextElem',
    ])
    const feed = (await call(t, 'GET', 'gifts/feed?groupId=main', 'anchor'))
      .body as unknown as GiftFeed
    expect(feed.totals.gifts).toBe(0)
  })

  it('counts aggregated likes in before-send and writes the room total into each', async () => {
    const t = await giftRoom()
    const { client: ann } = await joinMain(t.room, 'v_ann', { nick: 'Ann' })
    const { client: bob } = await joinMain(t.room, 'v_bob', { nick: 'Bob' })
    const like = (count: number) =>
      JSON.stringify({
        version: '1.0',
        businessID: 'TUIGift_like',
        platform: 'Web',
        data: {
          sender: { userId: 'v_ann', userName: 'Ann', avatarUrl: '', level: '0' },
          likeCount: count,
        },
      })
    for (const count of [7, 5]) {
      const ack = await ann.request({
        type: 'send',
        groupId: 'main',
        priority: 'Low',
        msgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: like(count) } }],
      })
      expect(ack.code).toBe(0)
    }
    await bob.waitFor(
      (f) =>
        f.type === 'message' &&
        f.message.msgBody[0]?.MsgType === 'TIMCustomElem' &&
        f.message.msgBody[0].MsgContent.Data?.includes('"totalLikeCount":12') === true,
    )
    const likes = giftsSeen(bob).map(({ message, gift }) => [
      message.priority,
      gift.businessID === 'TUIGift_like' ? gift.data : undefined,
    ])
    expect(likes).toEqual([
      ['Low', expect.objectContaining({ likeCount: 7, totalLikeCount: 7 })],
      ['Low', expect.objectContaining({ likeCount: 5, totalLikeCount: 12 })],
    ])
    expect(await call(t, 'GET', 'likes?groupId=main', undefined)).toMatchObject({
      body: { total: 12 },
    })
    // A tap claiming more than a person can tap counts at most the per-person cap.
    await ann.request({
      type: 'send',
      groupId: 'main',
      priority: 'Low',
      msgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: like(100) } }],
    })
    const total = (await call(t, 'GET', 'likes?groupId=main', undefined)).body.total as number
    expect(total).toBeLessThanOrEqual(12 + 30)
    // The total outlives a restart.
    await t.restart()
    expect(await call(t, 'GET', 'likes?groupId=main', undefined)).toMatchObject({ body: { total } })
  })
})
