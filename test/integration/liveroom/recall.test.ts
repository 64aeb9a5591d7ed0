import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { messageText, type WireMessage } from '../../../src-shared/protocol/frames'
import { joinMain, rest, startTestRoom, text, type TestRoom } from './helpers'

const G = 'group_open_http_svc'

async function sendLines(client: Awaited<ReturnType<typeof joinMain>>['client'], lines: string[]) {
  for (const line of lines) {
    const ack = await client.request({ type: 'send', groupId: 'main', msgBody: text(line) })
    expect(ack.code).toBe(0)
  }
}

describe('recall', () => {
  it('recalls through REST: members are told, history leaves the message out', async () => {
    const t = await startTestRoom()
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    await sendLines(owner, ['one', 'two', 'three'])

    const answer = await rest(t, `${G}/group_msg_recall`, {
      GroupId: 'main',
      MsgSeqList: [{ MsgSeq: 2 }, { MsgSeq: 99 }],
      Reason: 'typo',
    })
    expect(answer).toMatchObject({
      ActionStatus: 'OK',
      ErrorCode: 0,
      RecallRetList: [
        { MsgSeq: 2, RetCode: 0 },
        { MsgSeq: 99, RetCode: ErrorCode.messageNotFound },
      ],
    })
    expect(await viewer.waitFor((f) => f.type === 'message-recalled')).toEqual({
      type: 'message-recalled',
      groupId: 'main',
      sequence: 2,
      operatorId: 'administrator',
      reason: 'typo',
    })

    const { ack } = await joinMain(t.room, 'v_late')
    const history = (ack as { data: { history: WireMessage[] } }).data.history
    expect(history.map((m) => messageText(m))).toEqual(['one', 'three'])

    const simple = await rest(t, `${G}/group_msg_get_simple`, { GroupId: 'main', ReqMsgNumber: 20 })
    expect((simple.RspMsgList as { MsgSeq: number }[]).map((m) => m.MsgSeq)).toEqual([3, 1])
    const withRecalled = await rest(t, `${G}/group_msg_get_simple`, {
      GroupId: 'main',
      ReqMsgNumber: 20,
      WithRecalledMsg: 1,
    })
    expect(withRecalled.RspMsgList).toMatchObject([
      { MsgSeq: 3, IsPlaceMsg: 0 },
      { MsgSeq: 2, IsPlaceMsg: 2, MsgBody: [] },
      { MsgSeq: 1, IsPlaceMsg: 0 },
    ])
    // Recalled messages keep their sequence: the next one is 4.
    const next = await owner.request({ type: 'send', groupId: 'main', msgBody: text('four') })
    expect(next).toMatchObject({ code: 0, data: { message: { sequence: 4 } } })
  })

  it('refuses more than 10 sequences, a Reason over 100 bytes and a missing group', async () => {
    const t = await startTestRoom()
    const many = Array.from({ length: 11 }, (_, i) => ({ MsgSeq: i + 1 }))
    const recall = (body: object) => rest(t as TestRoom, `${G}/group_msg_recall`, body)
    expect((await recall({ GroupId: 'main', MsgSeqList: many })).ErrorCode).toBe(
      ErrorCode.invalidParameter,
    )
    expect(
      (await recall({ GroupId: 'main', MsgSeqList: [{ MsgSeq: 1 }], Reason: '가'.repeat(34) }))
        .ErrorCode,
    ).toBe(ErrorCode.invalidParameter)
    expect((await recall({ GroupId: 'nope', MsgSeqList: [{ MsgSeq: 1 }] })).ErrorCode).toBe(
      ErrorCode.groupNotFound,
    )
  })

  it('lets the owner and admins recall from the client; members get 10007', async () => {
    const t = await startTestRoom()
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    await sendLines(viewer, ['oops'])
    expect((await viewer.request({ type: 'recall', groupId: 'main', sequence: 1 })).code).toBe(
      ErrorCode.noPermission,
    )
    const ack = await owner.request({ type: 'recall', groupId: 'main', sequence: 1 })
    expect(ack).toMatchObject({ code: 0, data: { sequence: 1 } })
    expect(await viewer.waitFor((f) => f.type === 'message-recalled')).toMatchObject({
      sequence: 1,
      operatorId: 'anchor',
      reason: '',
    })
    const missing = await owner.request({ type: 'recall', groupId: 'main', sequence: 7 })
    expect(missing.code).toBe(ErrorCode.messageNotFound)
    // Recalling again succeeds and tells nobody twice.
    expect((await owner.request({ type: 'recall', groupId: 'main', sequence: 1 })).code).toBe(0)
    await owner.request({ type: 'ping' })
    expect(viewer.framesOf('message-recalled')).toHaveLength(1)
  })
})
