import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { messageText } from '../../../src-shared/protocol/frames'
import { callbackSign } from '../../../src-main/common/im-callbacks'
import {
  type CallbackServer,
  joinMain,
  rest,
  startCallbackServer,
  startTestRoom,
  text,
  type TestRoom,
} from './helpers'

let t: TestRoom | undefined
let hook: CallbackServer | undefined
async function setup(answer: CallbackServer['answer'], extra = {}) {
  hook = await startCallbackServer()
  hook.answer = answer
  t = await startTestRoom({ callbackUrl: hook.url, callbackToken: 'xxxxyyyy', ...extra })
  return { hook, t }
}

const allow = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }

describe('callbacks to the app', () => {
  it('posts Tencent query parameters, a valid Sign, and the member and message callbacks', async () => {
    const { hook, t } = await setup(() => allow)
    const { client: alice } = await joinMain(t.room, 'alice')
    const login = await hook.waitFor((c) => c.body.CallbackCommand === 'State.StateChange')
    expect(login.body).toMatchObject({
      Info: { Action: 'Login', To_Account: 'alice', Reason: 'Register' },
    })
    const q = login.query
    expect(q.get('SdkAppid')).toBe(String(t.room.sdkAppId))
    expect(q.get('CallbackCommand')).toBe('State.StateChange')
    expect(q.get('contenttype')).toBe('json')
    expect(q.get('OptPlatform')).toBe('Web')
    expect(q.get('ClientIP')).toMatch(/127\.0\.0\.1/)
    expect(q.get('Sign')).toBe(callbackSign('xxxxyyyy', Number(q.get('RequestTime'))))
    expect(callbackSign('xxxxyyyy', 1669872112)).toBe(
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    )
    await hook.waitFor((c) => c.body.CallbackCommand === 'Group.CallbackAfterNewMemberJoin')

    const ack = await alice.request({
      type: 'send',
      groupId: 'main',
      random: 5,
      msgBody: text('hi'),
    })
    expect(ack.code).toBe(0)
    const before = hook.of('Group.CallbackBeforeSendMsg')[0]
    expect(before?.body).toMatchObject({
      GroupId: 'main',
      Type: 'AVChatRoom',
      From_Account: 'alice',
      Operator_Account: 'alice',
      Random: 5,
      OnlineOnlyFlag: 0,
      MsgBody: text('hi'),
    })
    const after = await hook.waitFor((c) => c.body.CallbackCommand === 'Group.CallbackAfterSendMsg')
    expect(after.body).toMatchObject({ GroupId: 'main', MsgSeq: 1, From_Account: 'alice' })
    expect(after.body.MsgId).toBe(before?.body.MsgId)

    await alice.request({ type: 'quit', groupId: 'main' })
    const exit = await hook.waitFor(
      (c) => c.body.CallbackCommand === 'Group.CallbackAfterMemberExit',
    )
    expect(exit.body).toMatchObject({
      ExitType: 'Quit',
      ExitMemberList: [{ Member_Account: 'alice' }],
    })
    await alice.close()
    const logout = await hook.waitFor(
      (c) =>
        c.body.CallbackCommand === 'State.StateChange' &&
        (c.body.Info as { Action: string }).Action !== 'Login',
    )
    expect(logout.body).toMatchObject({ Info: { Action: 'Logout', Reason: 'Unregister' } })

    await rest(t, 'group_open_http_svc/modify_group_base_info', { GroupId: 'main', Name: 'New' })
    const changed = await hook.waitFor(
      (c) => c.body.CallbackCommand === 'Group.CallbackAfterGroupInfoChanged',
    )
    expect(changed.body).toMatchObject({ Name: 'New', Operator_Account: 'administrator' })
    expect(changed.query.get('OptPlatform')).toBe('RESTAPI')
    await rest(t, 'group_open_http_svc/destroy_group', { GroupId: 'main' })
    await hook.waitFor((c) => c.body.CallbackCommand === 'Group.CallbackAfterGroupDestroyed')
  })

  it('rejects with 10016, passes 10100–10200 through, and reports both as exceptions', async () => {
    const { hook, t } = await setup((c) => {
      if (c.body.CallbackCommand !== 'Group.CallbackBeforeSendMsg') return allow
      const body = c.body.MsgBody as { MsgContent: { Text: string } }[]
      const words = body[0]?.MsgContent.Text
      if (words === 'spam') return { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: '' }
      if (words === 'rude') return { ActionStatus: 'OK', ErrorCode: 10150, ErrorInfo: 'Be kind' }
      return allow
    })
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: bob } = await joinMain(t.room, 'bob')
    const rejected = await alice.request({ type: 'send', groupId: 'main', msgBody: text('spam') })
    expect(rejected.code).toBe(ErrorCode.rejectedByCallback)
    const custom = await alice.request({ type: 'send', groupId: 'main', msgBody: text('rude') })
    expect(custom).toMatchObject({ code: 10150, message: 'Be kind' })
    const fine = await alice.request({ type: 'send', groupId: 'main', msgBody: text('fine') })
    expect(fine).toMatchObject({ code: 0, data: { message: { sequence: 1 } } })
    await bob.waitFor((f) => f.type === 'message')
    expect(bob.framesOf('message').map((f) => messageText(f.message))).toEqual(['fine'])
    await hook.waitFor(
      (c) =>
        c.body.CallbackCommand === 'Group.CallbackSendMsgException' && c.body.ErrorCode === 10150,
    )
    await hook.waitFor(
      (c) =>
        c.body.CallbackCommand === 'Group.CallbackSendMsgException' && c.body.ErrorCode === 10016,
    )
    // REST sends meet the same check.
    const viaRest = await rest(t, 'group_open_http_svc/send_group_msg', {
      GroupId: 'main',
      MsgBody: text('spam'),
    })
    expect(viaRest.ErrorCode).toBe(ErrorCode.rejectedByCallback)
  })

  it('drops silently (sender told success) and rewrites with isModified', async () => {
    const { t } = await setup((c) => {
      if (c.body.CallbackCommand !== 'Group.CallbackBeforeSendMsg') return allow
      const words = (c.body.MsgBody as { MsgContent: { Text: string } }[])[0]?.MsgContent.Text
      if (words === 'drop me') return { ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' }
      if (words === 'level me') {
        return {
          ActionStatus: 'OK',
          ErrorCode: 0,
          ErrorInfo: '',
          MsgBody: [
            { MsgType: 'TIMTextElem', MsgContent: { Text: 'level me' } },
            { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"level":7}' } },
          ],
          CloudCustomData: 'lv7',
        }
      }
      return allow
    })
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: bob } = await joinMain(t.room, 'bob')
    const dropped = await alice.request({ type: 'send', groupId: 'main', msgBody: text('drop me') })
    expect(dropped).toMatchObject({ code: 0, data: { message: { from: 'alice' } } })
    const rewritten = await alice.request({
      type: 'send',
      groupId: 'main',
      msgBody: text('level me'),
    })
    expect(rewritten).toMatchObject({
      code: 0,
      data: { message: { sequence: 1, isModified: true, cloudCustomData: 'lv7' } },
    })
    const seen = await bob.waitFor((f) => f.type === 'message')
    expect(seen).toMatchObject({
      message: {
        isModified: true,
        msgBody: [
          { MsgType: 'TIMTextElem' },
          { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"level":7}' } },
        ],
      },
    })
    expect(bob.framesOf('message')).toHaveLength(1)
    // The rewrite is what history keeps.
    const { ack } = await joinMain(t.room, 'carol')
    expect(ack).toMatchObject({ data: { history: [{ isModified: true, cloudCustomData: 'lv7' }] } })
  })

  it('delivers when the app does not answer in time', async () => {
    const { hook, t } = await setup(
      (c) => (c.body.CallbackCommand === 'Group.CallbackBeforeSendMsg' ? undefined : allow),
      { callbackTimeoutMs: 150 },
    )
    const { client: alice } = await joinMain(t.room, 'alice')
    const ack = await alice.request({ type: 'send', groupId: 'main', msgBody: text('anyone?') })
    expect(ack).toMatchObject({ code: 0, data: { message: { sequence: 1 } } })
    expect(hook.of('Group.CallbackBeforeSendMsg')).toHaveLength(1)
    await alice.waitFor((f) => f.type === 'message')
  })

  it('offers the same callbacks in process, where a hook can reject', async () => {
    const seen: string[] = []
    t = await startTestRoom({
      // The built-in filters, gifts and levels hold the in-process before-send slot; this test's
      // hook takes it. The audience's message to the room would take a sequence number.
      business: { filters: false, gifts: false, levels: false, audience: false },
      callbacks: {
        'Group.CallbackBeforeSendMsg': (body) =>
          body.From_Account === 'troll' ? { ErrorCode: 10101, ErrorInfo: 'Not today' } : undefined,
        'Group.CallbackAfterSendMsg': (body) => seen.push(`after ${body.MsgSeq}`),
      },
    })
    const { client: troll } = await joinMain(t.room, 'troll')
    const { client: fan } = await joinMain(t.room, 'fan')
    expect(
      await troll.request({ type: 'send', groupId: 'main', msgBody: text('x') }),
    ).toMatchObject({ code: 10101, message: 'Not today' })
    expect((await fan.request({ type: 'send', groupId: 'main', msgBody: text('y') })).code).toBe(0)
    expect(seen).toEqual(['after 1'])
  })
})
