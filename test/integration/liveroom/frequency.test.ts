import { describe, expect, it } from 'vitest'
import type { Priority } from '../../../src-shared/protocol/frames'
import { joinMain, rest, startTestRoom, testTime, text, type Ack } from './helpers'

describe('frequency control', () => {
  it('keeps a window to 40, admits the overflow by priority, and still acks shed senders', async () => {
    const time = testTime()
    // The group's limit is under test, not the per-connection flood limit.
    // Viewers here send at every priority (a room that lets them: viewerMaxPriority High).
    const t = await startTestRoom({
      now: time.now,
      setTimer: time.setTimer,
      floodLimit: false,
      viewerMaxPriority: 'High',
    })
    const afterSend: number[] = []
    const exceptions: number[] = []
    t.room.onCallback('Group.CallbackAfterSendMsg', (body) => afterSend.push(body.MsgSeq))
    t.room.onCallback('Group.CallbackSendMsgException', (body) => exceptions.push(body.ErrorCode))
    const { client: watcher } = await joinMain(t.room, 'watcher')
    const room = t.room
    const senders = await Promise.all(
      ['s1', 's2', 's3', 's4'].map(async (id) => (await joinMain(room, id)).client),
    )

    // 40 Lowest fill the window at once: under the cap there is no waiting.
    for (let i = 0; i < 40; i++) {
      const ack = await senders[0]!.request({
        type: 'send',
        groupId: 'main',
        priority: 'Lowest',
        msgBody: text(`first-${i}`),
      })
      expect(ack).toMatchObject({ code: 0, data: { message: { sequence: i + 1 } } })
    }

    // 120 more in the same window: 20 High, 40 Normal, 30 Low, 30 Lowest.
    const plan: Priority[] = [
      ...Array<Priority>(20).fill('High'),
      ...Array<Priority>(40).fill('Normal'),
      ...Array<Priority>(30).fill('Low'),
      ...Array<Priority>(30).fill('Lowest'),
    ]
    const pending: Promise<Ack>[] = plan.map((priority, i) =>
      senders[i % 4]!.request({
        type: 'send',
        groupId: 'main',
        priority,
        msgBody: text(`${priority}-${i}`),
      }),
    )
    // A ping answered on each connection means every send before it has reached the server.
    await Promise.all(senders.map((s) => s.request({ type: 'ping' })))
    expect(afterSend).toHaveLength(40)

    time.advance(1000)
    const acks = await Promise.all(pending)
    expect(acks.every((ack) => ack.code === 0)).toBe(true)

    await watcher.request({ type: 'ping' })
    await watcher.waitFor((f) => f.type === 'message' && f.message.sequence === 80)
    await watcher.request({ type: 'ping' })
    const delivered = watcher.framesOf('message').map((f) => f.message)
    expect(delivered).toHaveLength(80)
    const late = delivered.slice(40)
    expect(late.filter((m) => m.priority === 'High')).toHaveLength(20)
    expect(late.filter((m) => m.priority === 'Normal')).toHaveLength(20)
    expect(late.some((m) => m.priority === 'Low' || m.priority === 'Lowest')).toBe(false)

    expect(afterSend).toHaveLength(80)
    expect(exceptions).toHaveLength(80)
    expect(exceptions.every((code) => code === 10023)).toBe(true)

    // Shed messages are not in history; their senders were told the message they would have been.
    const history = await rest(t, 'group_open_http_svc/group_msg_get_simple', {
      GroupId: 'main',
      ReqMsgNumber: 20,
    })
    expect((history.RspMsgList as { MsgSeq: number }[])[0]?.MsgSeq).toBe(80)
    const shedAck = acks.find(
      (ack, i) =>
        plan[i] === 'Lowest' &&
        !delivered.some((m) => m.ID === (ack.data as { message: { ID: string } }).message.ID),
    )
    expect(shedAck).toBeDefined()
  })

  it('counts REST sends against the same budget, and exempts system notifications', async () => {
    const time = testTime()
    const t = await startTestRoom({
      now: time.now,
      setTimer: time.setTimer,
      maxMessagesPerSecond: 3,
    })
    const { client } = await joinMain(t.room, 'alice')
    for (let i = 1; i <= 3; i++) {
      const sent = await rest(t, 'group_open_http_svc/send_group_msg', {
        GroupId: 'main',
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `rest ${i}` } }],
      })
      expect(sent).toMatchObject({ ErrorCode: 0, MsgSeq: i })
    }
    const waiting = client.request({
      type: 'send',
      groupId: 'main',
      priority: 'Low',
      msgBody: text('waits for the next window'),
    })
    await client.request({ type: 'ping' })
    expect(
      (
        await rest(t, 'group_open_http_svc/send_group_system_notification', {
          GroupId: 'main',
          Content: 'notice',
        })
      ).ErrorCode,
    ).toBe(0)
    await client.waitFor((f) => f.type === 'system-notification')
    expect(client.framesOf('message')).toHaveLength(3)

    time.advance(1000)
    expect(await waiting).toMatchObject({ code: 0, data: { message: { sequence: 4 } } })
    await client.waitFor((f) => f.type === 'message' && f.message.sequence === 4)
  })
  it('takes a raised cap while it runs (issue 15 §4): the next window admits up to it', async () => {
    const time = testTime()
    const t = await startTestRoom({
      now: time.now,
      setTimer: time.setTimer,
      maxMessagesPerSecond: 3,
    })
    const { client } = await joinMain(t.room, 'alice')
    const send = async (from: number, to: number) => {
      for (let i = from; i <= to; i++) {
        const sent = await rest(t, 'group_open_http_svc/send_group_msg', {
          GroupId: 'main',
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `rest ${i}` } }],
        })
        expect(sent).toMatchObject({ ErrorCode: 0, MsgSeq: i })
      }
    }
    await send(1, 3)
    expect(() => t.room.setMaxMessagesPerSecond(0)).toThrow(/1 to 10000/)
    expect(() => t.room.setMaxMessagesPerSecond(10_001)).toThrow(/1 to 10000/)
    t.room.setMaxMessagesPerSecond(8)
    expect(t.room.maxMessagesPerSecond).toBe(8)
    // Five more fit the same window now, at once, with no timer.
    await send(4, 8)
    await client.waitFor((f) => f.type === 'message' && f.message.sequence === 8)
    expect(client.framesOf('message')).toHaveLength(8)
  })
})
