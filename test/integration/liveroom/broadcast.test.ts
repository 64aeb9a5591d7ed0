import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { messageText } from '../../../src-shared/protocol/frames'
import { login, rest, startTestRoom, text } from './helpers'

const G = 'group_open_http_svc'

describe('send_broadcast_msg', () => {
  it('reaches every AVChatRoom once per content and Random', async () => {
    const t = await startTestRoom()
    await rest(t, `${G}/create_group`, { Type: 'AVChatRoom', GroupId: 'second', Name: 'Second' })
    const inMain = await login(t.room, 'v_main')
    await inMain.request({ type: 'join', groupId: 'main' })
    const inSecond = await login(t.room, 'v_second')
    await inSecond.request({ type: 'join', groupId: 'second' })

    const body = { Random: 42, MsgBody: text('Server restarts at 9') }
    const first = await rest(t, `${G}/send_broadcast_msg`, body)
    expect(first).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, MsgSeq: 1 })
    for (const [client, groupId] of [
      [inMain, 'main'],
      [inSecond, 'second'],
    ] as const) {
      const frame = await client.waitFor((f) => f.type === 'message')
      expect(frame).toMatchObject({ message: { to: groupId, from: 'administrator', sequence: 1 } })
    }

    const repeat = await rest(t, `${G}/send_broadcast_msg`, body)
    expect(repeat).toMatchObject({ ErrorCode: 0, MsgSeq: 1 })
    const other = await rest(t, `${G}/send_broadcast_msg`, { Random: 42, MsgBody: text('Now 10') })
    expect(other).toMatchObject({ ErrorCode: 0, MsgSeq: 2 })
    await inMain.waitFor((f) => f.type === 'message' && f.message.sequence === 2)
    expect(inMain.framesOf('message').map((f) => messageText(f.message))).toEqual([
      'Server restarts at 9',
      'Now 10',
    ])
    const history = await rest(t, `${G}/group_msg_get_simple`, {
      GroupId: 'second',
      ReqMsgNumber: 5,
    })
    expect(history.RspMsgList).toMatchObject([{ MsgSeq: 2 }, { MsgSeq: 1, MsgRandom: 42 }])
  })

  it('refuses an unknown From_Account and a missing Random', async () => {
    const t = await startTestRoom()
    const unknown = await rest(t, `${G}/send_broadcast_msg`, {
      From_Account: 'ghost',
      Random: 1,
      MsgBody: text('x'),
    })
    expect(unknown.ErrorCode).toBe(ErrorCode.invalidParameter)
    const noRandom = await rest(t, `${G}/send_broadcast_msg`, { MsgBody: text('x') })
    expect(noRandom.ErrorCode).toBe(ErrorCode.invalidParameter)
  })
})
