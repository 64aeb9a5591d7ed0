import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { messageText, type WireMessage } from '../../../src-shared/protocol/frames'
import { joinMain, rest, startTestRoom, testClock, text } from './helpers'

describe('per-connection flood limit', () => {
  it('blocks a fourth message within 2 s for 10 s, saying until when', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: viewer } = await joinMain(t.room, 'v_fast')
    const send = (line: string) =>
      viewer.request({ type: 'send', groupId: 'main', msgBody: text(line) })
    for (const line of ['a', 'b', 'c']) expect((await send(line)).code).toBe(0)
    clock.advance(1999)
    const blocked = await send('d')
    const retryAfter = clock.now() + 10_000
    expect(blocked).toMatchObject({ code: ErrorCode.sendFrequencyLimit, data: { retryAfter } })
    expect(blocked.message).toContain(new Date(retryAfter).toISOString())
    clock.advance(9_999)
    expect((await send('e')).code).toBe(ErrorCode.sendFrequencyLimit)
    clock.advance(1)
    expect((await send('f')).code).toBe(0)
  })

  it('lets messages through again once the 2 s window has moved on', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: viewer } = await joinMain(t.room, 'v_steady')
    for (let i = 0; i < 6; i++) {
      expect(
        (await viewer.request({ type: 'send', groupId: 'main', msgBody: text(`${i}`) })).code,
      ).toBe(0)
      clock.advance(700)
    }
  })

  it('exempts the owner and admins, and follows the configured limit', async () => {
    const t = await startTestRoom({
      floodLimit: { messages: 1, windowMs: 60_000, blockMs: 60_000 },
    })
    await rest(t, 'group_open_avchatroom_http_svc/modify_admin', {
      GroupId: 'main',
      CommandType: 1,
      Admin_Account: ['mod1'],
    })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: mod } = await joinMain(t.room, 'mod1')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    for (let i = 0; i < 5; i++) {
      expect(
        (await owner.request({ type: 'send', groupId: 'main', msgBody: text('o') })).code,
      ).toBe(0)
      expect((await mod.request({ type: 'send', groupId: 'main', msgBody: text('m') })).code).toBe(
        0,
      )
    }
    expect((await viewer.request({ type: 'send', groupId: 'main', msgBody: text('1') })).code).toBe(
      0,
    )
    expect((await viewer.request({ type: 'send', groupId: 'main', msgBody: text('2') })).code).toBe(
      ErrorCode.sendFrequencyLimit,
    )
  })
})

describe('history on join', () => {
  it('follows historyCount and historyWindowMs', async () => {
    const clock = testClock()
    const t = await startTestRoom({
      now: clock.now,
      historyCount: 2,
      historyWindowMs: 60_000,
      floodLimit: false,
    })
    const { client: owner } = await joinMain(t.room, 'anchor')
    await owner.request({ type: 'send', groupId: 'main', msgBody: text('old') })
    clock.advance(60_001)
    for (const line of ['x', 'y', 'z']) {
      await owner.request({ type: 'send', groupId: 'main', msgBody: text(line) })
    }
    const { ack } = await joinMain(t.room, 'v_one')
    const history = (ack as { data: { history: WireMessage[] } }).data.history
    expect(history.map((m) => messageText(m))).toEqual(['y', 'z'])
    clock.advance(60_001)
    const { ack: later } = await joinMain(t.room, 'v_two')
    expect((later as { data: { history: WireMessage[] } }).data.history).toEqual([])
  })

  it('refuses a negative historyCount', async () => {
    await expect(startTestRoom({ historyCount: -1 })).rejects.toThrow(/historyCount/)
  })
})
