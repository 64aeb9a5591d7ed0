import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { WireMessage } from '../../../src-shared/protocol/frames'
import {
  type CallbackServer,
  joinMain,
  rest,
  startCallbackServer,
  startTestRoom,
  text,
  type TestClient,
  type TestRoom,
} from './helpers'

let t: TestRoom | undefined
let hook: CallbackServer | undefined
const G = 'group_open_http_svc'

async function messageFrame(client: TestClient, body: string): Promise<WireMessage> {
  const frame = await client.waitFor(
    (f) =>
      f.type === 'message' &&
      f.message.msgBody.some((e) => e.MsgType === 'TIMTextElem' && e.MsgContent.Text === body),
  )
  if (frame.type !== 'message') throw new Error('not a message')
  return frame.message
}

describe('send_group_msg with OnlineOnlyFlag 1', () => {
  it('reaches who is online with its own sequence and stays out of every history', async () => {
    hook = await startCallbackServer()
    t = await startTestRoom({ callbackUrl: hook.url })
    const { client: viewer } = await joinMain(t.room, 'v_online')
    const send = (body: string, flag?: number) =>
      rest(t as TestRoom, `${G}/send_group_msg`, {
        GroupId: 'main',
        MsgBody: text(body),
        ...(flag !== undefined ? { OnlineOnlyFlag: flag } : {}),
      })

    expect(await send('kept')).toMatchObject({ ErrorCode: 0, MsgSeq: 1 })
    expect(await send('now only', 1)).toMatchObject({ ErrorCode: 0, MsgSeq: 2 })
    expect(await send('kept too', 0)).toMatchObject({ ErrorCode: 0, MsgSeq: 3 })
    expect((await messageFrame(viewer, 'now only')).sequence).toBe(2)

    const after = await hook.waitFor(
      (c) => c.body.CallbackCommand === 'Group.CallbackAfterSendMsg' && c.body.MsgSeq === 2,
    )
    expect(after.body.OnlineOnlyFlag).toBe(1)
    const before = hook.of('Group.CallbackBeforeSendMsg').map((c) => c.body.OnlineOnlyFlag)
    expect(before).toEqual([0, 1, 0])

    // Not in REST history: the gap at 2 does not cut paging short.
    const history = await rest(t, `${G}/group_msg_get_simple`, {
      GroupId: 'main',
      ReqMsgNumber: 20,
    })
    expect((history.RspMsgList as { MsgSeq: number }[]).map((m) => m.MsgSeq)).toEqual([3, 1])
    const page = await rest(t, `${G}/group_msg_get_simple`, {
      GroupId: 'main',
      ReqMsgSeq: 2,
      ReqMsgNumber: 1,
    })
    expect((page.RspMsgList as { MsgSeq: number }[]).map((m) => m.MsgSeq)).toEqual([1])

    // Not in a joiner's history.
    const { ack } = await joinMain(t.room, 'v_late')
    const joined = ack.data as { history: WireMessage[] }
    expect(joined.history.map((m) => m.sequence)).toEqual([1, 3])

    // Not stored, so not recallable: the recall names no stored message, and no other one.
    const recall = await rest(t, `${G}/group_msg_recall`, {
      GroupId: 'main',
      MsgSeqList: [{ MsgSeq: 2 }],
    })
    expect(recall.RecallRetList).toEqual([{ MsgSeq: 2, RetCode: ErrorCode.messageNotFound }])
  })
})
