import { describe, expect, it } from 'vitest'
import { CloseCode, ErrorCode } from '../../../src-shared/protocol/codes'
import { messageText } from '../../../src-shared/protocol/frames'
import { signUserSig } from '../../../src-main/common/usersig'
import {
  connect,
  joinMain,
  leaveNotice,
  login,
  officialUserSig,
  rest,
  startTestRoom,
  testClock,
  text,
  type TestRoom,
} from './helpers'

const G = 'group_open_http_svc'
const AV = 'group_open_avchatroom_http_svc'

describe('REST API envelope', () => {
  it('answers HTTP 200 with Tencent error codes for bad calls, changing nothing', async () => {
    const t = await startTestRoom()
    const create = { Type: 'AVChatRoom', GroupId: 'g1', Name: 'One' }

    const badJson = await rest(t, `${G}/create_group`, undefined, { rawBody: '{"Type":' })
    expect(badJson).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60003 })
    expect(badJson.ErrorInfo).toMatch(/not valid JSON/)
    const notObject = await rest(t, `${G}/create_group`, undefined, { rawBody: '[1]' })
    expect(notObject).toMatchObject({
      ErrorCode: 60003,
      ErrorInfo: expect.stringMatching(/object/),
    })

    const forged = await rest(t, `${G}/create_group`, create, { userSig: t.room.signUserSig('x') })
    expect(forged.ErrorCode).toBe(ErrorCode.identifierMismatch)
    const garbage = await rest(t, `${G}/create_group`, create, { userSig: 'not-a-sig' })
    expect(garbage.ErrorCode).toBe(70003)
    const otherKey = await rest(t, `${G}/create_group`, create, {
      userSig: signUserSig({
        sdkAppId: t.room.sdkAppId,
        secretKey: 'another app key',
        userId: 'administrator',
        expireSeconds: 600,
        nowSeconds: Date.now() / 1000,
      }),
    })
    expect(otherKey.ErrorCode).toBe(70009)
    const expired = await rest(t, `${G}/create_group`, create, {
      userSig: t.room.signUserSig('administrator', -10),
    })
    expect(expired.ErrorCode).toBe(ErrorCode.userSigExpired)
    const missing = await rest(t, `${G}/create_group`, create, { userSig: '' })
    expect(missing.ErrorCode).toBe(ErrorCode.badSignature)

    const wrongApp = await rest(t, `${G}/create_group`, create, { sdkAppId: 1400000001 })
    expect(wrongApp.ErrorCode).toBe(ErrorCode.sdkAppIdInvalid)
    const noApp = await rest(t, `${G}/create_group`, create, { sdkAppId: '' })
    expect(noApp.ErrorCode).toBe(ErrorCode.sdkAppIdMissing)

    const viewer = await rest(t, `${G}/create_group`, create, {
      identifier: 'v_someone',
      userSig: officialUserSig(t, 'v_someone'),
    })
    expect(viewer).toMatchObject({ ErrorCode: ErrorCode.needsAppAdmin })
    expect(viewer.ErrorInfo).toMatch(/App admin/)

    expect((await rest(t, 'nope_svc/create_group', create)).ErrorCode).toBe(
      ErrorCode.badResourceUrl,
    )
    expect((await rest(t, `${G}/make_coffee`, create)).ErrorCode).toBe(ErrorCode.invalidCommand)
    expect((await rest(t, `${G}/create_group`, create, { method: 'GET' })).ErrorCode).toBe(
      ErrorCode.badRequest,
    )

    const info = await rest(t, `${G}/get_group_info`, { GroupIdList: ['g1'] })
    expect(info).toMatchObject({
      GroupInfo: [{ GroupId: 'g1', ErrorCode: ErrorCode.groupNotFound }],
    })
  })

  it('limits each command to its calls per second with 60007', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now, restMaxCallsPerSecond: 3 })
    const call = () => rest(t as TestRoom, `${G}/get_online_member_num`, { GroupId: 'main' })
    for (let i = 0; i < 3; i++) expect((await call()).ErrorCode).toBe(0)
    expect((await call()).ErrorCode).toBe(ErrorCode.restRateLimit)
    // Another command has its own budget.
    expect((await rest(t, `${AV}/get_admin_list`, { GroupId: 'main' })).ErrorCode).toBe(0)
    clock.advance(1000)
    expect((await call()).ErrorCode).toBe(0)
  })

  it('accepts configured admin identifiers only', async () => {
    const t = await startTestRoom({ adminIdentifiers: ['ops_bot'] })
    const asOps = await rest(
      t,
      `${G}/get_online_member_num`,
      { GroupId: 'main' },
      { identifier: 'ops_bot' },
    )
    expect(asOps).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, OnlineMemberNum: 0 })
    expect((await rest(t, `${G}/get_online_member_num`, { GroupId: 'main' })).ErrorCode).toBe(
      ErrorCode.needsAppAdmin,
    )
  })
})

describe('REST group profile', () => {
  it('creates, reads, modifies and destroys an AVChatRoom, telling members', async () => {
    const t = await startTestRoom()
    const created = await rest(t, `${G}/create_group`, {
      Type: 'AVChatRoom',
      Owner_Account: 'anchor',
      Name: '라이브',
      Introduction: 'intro',
      AppDefinedData: [{ Key: 'theme', Value: 'dark' }],
    })
    expect(created).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' })
    const groupId = created.GroupId as string
    expect(groupId).toMatch(/^@TGS#a[A-Z0-9]{10}$/)

    const taken = await rest(t, `${G}/create_group`, {
      Type: 'AVChatRoom',
      GroupId: 'main',
      Name: 'x',
    })
    expect(taken.ErrorCode).toBe(ErrorCode.groupIdInUse)
    const work = await rest(t, `${G}/create_group`, { Type: 'Private', Name: 'x' })
    expect(work.ErrorCode).toBe(ErrorCode.invalidParameter)

    const viewer = await login(t.room, 'v_one')
    const joined = await viewer.request({ type: 'join', groupId })
    expect(joined).toMatchObject({
      code: 0,
      data: {
        group: { name: '라이브', ownerId: 'anchor', muteAllMembers: false, introduction: 'intro' },
      },
    })

    const info = await rest(t, `${G}/get_group_info`, {
      GroupIdList: [groupId],
      ResponseFilter: { GroupBaseInfoFilter: ['Name', 'MemberNum', 'ShutUpAllMember'] },
    })
    expect(info.GroupInfo).toEqual([
      {
        GroupId: groupId,
        ErrorCode: 0,
        ErrorInfo: '',
        Name: '라이브',
        MemberNum: 1,
        ShutUpAllMember: 'Off',
      },
    ])

    // 11 CJK characters are 33 bytes: over Name's 30.
    const tooLong = await rest(t, `${G}/modify_group_base_info`, {
      GroupId: groupId,
      Name: '가'.repeat(11),
      Notification: 'kept out',
    })
    expect(tooLong.ErrorCode).toBe(ErrorCode.invalidParameter)
    expect(tooLong.ErrorInfo).toMatch(/Name is over 30/)
    for (const [field, limit] of [
      ['Introduction', 240],
      ['Notification', 300],
      ['FaceUrl', 100],
    ] as const) {
      const over = await rest(t, `${G}/modify_group_base_info`, {
        GroupId: groupId,
        [field]: 'a'.repeat(limit + 1),
      })
      expect(over.ErrorCode).toBe(ErrorCode.invalidParameter)
      const at = await rest(t, `${G}/modify_group_base_info`, {
        GroupId: groupId,
        [field]: 'a'.repeat(limit),
      })
      expect(at.ErrorCode).toBe(0)
    }

    const modified = await rest(t, `${G}/modify_group_base_info`, {
      GroupId: groupId,
      Name: '新名字',
      MuteAllMember: 'On',
      AppDefinedData: [
        { Key: 'theme', Value: '' },
        { Key: 'stage', Value: 'live' },
      ],
    })
    expect(modified.ErrorCode).toBe(0)
    const changed = await viewer.waitFor(
      (f) => f.type === 'group-profile-changed' && f.changes.name === '新名字',
    )
    expect(changed).toMatchObject({
      operatorId: 'administrator',
      changes: { muteAllMembers: true, appDefinedData: [{ Key: 'stage', Value: 'live' }] },
    })
    const muted = await viewer.request({ type: 'send', groupId, msgBody: text('hello?') })
    expect(muted).toMatchObject({ code: ErrorCode.muted, data: { muteAll: true } })
    const full = await rest(t, `${G}/get_group_info`, { GroupIdList: [groupId] })
    expect(full.GroupInfo).toMatchObject([
      {
        Name: '新名字',
        Notification: 'a'.repeat(300),
        ShutUpAllMember: 'On',
        Owner_Account: 'anchor',
        Type: 'AVChatRoom',
        AppDefinedData: [{ Key: 'stage', Value: 'live' }],
      },
    ])

    // Survives a restart.
    await viewer.close()
    await t.restart()
    const again = await rest(t, `${G}/get_group_info`, { GroupIdList: [groupId] })
    expect(again.GroupInfo).toMatchObject([{ Name: '新名字', ShutUpAllMember: 'On' }])

    const back = await login(t.room, 'v_one')
    await back.request({ type: 'join', groupId })
    expect((await rest(t, `${G}/destroy_group`, { GroupId: groupId })).ErrorCode).toBe(0)
    await back.waitFor((f) => f.type === 'group-dismissed' && f.groupId === groupId)
    expect((await back.request({ type: 'join', groupId })).code).toBe(ErrorCode.groupNotFound)
    expect((await rest(t, `${G}/destroy_group`, { GroupId: groupId })).ErrorCode).toBe(
      ErrorCode.groupNotFound,
    )
  })
})

describe('REST messages', () => {
  it('sends through the client pipeline, with priority, custom elements and Random dedup', async () => {
    const t = await startTestRoom()
    const { client: viewer } = await joinMain(t.room, 'v_one')
    const sent = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      Random: 8912345,
      MsgPriority: 'High',
      MsgBody: [
        { MsgType: 'TIMTextElem', MsgContent: { Text: 'gift!' } },
        { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"gift":"rose"}', Desc: 'gift' } },
      ],
      CloudCustomData: '{"level":3}',
    })
    expect(sent).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, MsgSeq: 1 })
    expect(typeof sent.MsgTime).toBe('number')
    const frame = await viewer.waitFor((f) => f.type === 'message')
    expect(frame).toMatchObject({
      message: {
        from: 'administrator',
        priority: 'High',
        cloudCustomData: '{"level":3}',
        msgBody: [
          { MsgType: 'TIMTextElem' },
          { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"gift":"rose"}' } },
        ],
      },
    })
    if (frame.type === 'message') expect(messageText(frame.message)).toBe('gift!')

    const dup = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      Random: 8912345,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'gift!' } }],
    })
    expect(dup).toMatchObject({ ErrorCode: 0, MsgSeq: 1 })

    const lower = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      MsgPriority: 'high',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
    })
    expect(lower.ErrorCode).toBe(ErrorCode.invalidParameter)
    const lowest = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      MsgPriority: 'Lowest',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
    })
    expect(lowest.ErrorCode).toBe(ErrorCode.invalidParameter)
    const huge = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'x'.repeat(8001) } }],
    })
    expect(huge.ErrorCode).toBe(ErrorCode.messageTooLong)
    const twoCustom = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      MsgBody: [
        { MsgType: 'TIMCustomElem', MsgContent: { Data: 'a' } },
        { MsgType: 'TIMCustomElem', MsgContent: { Data: 'b' } },
      ],
    })
    expect(twoCustom.ErrorCode).toBe(ErrorCode.invalidParameter)
    const stranger = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      From_Account: 'nobody_here',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
    })
    expect(stranger.ErrorCode).toBe(ErrorCode.invalidParameter)
    expect(stranger.ErrorInfo).toMatch(/account_import/)
    const noGroup = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'nope',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
    })
    expect(noGroup.ErrorCode).toBe(ErrorCode.groupNotFound)

    // An imported account can be the sender, with its nick; a muted one cannot.
    await rest(t, 'im_open_login_svc/account_import', { UserID: 'host_bot', Nick: 'Host Bot' })
    const asBot = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      From_Account: 'host_bot',
      MsgBody: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 3 } }],
    })
    expect(asBot).toMatchObject({ ErrorCode: 0, MsgSeq: 2 })
    await viewer.waitFor((f) => f.type === 'message' && f.message.nick === 'Host Bot')
    await rest(t, `${G}/forbid_send_msg`, {
      GroupId: 'main',
      Members_Account: ['host_bot'],
      ShutUpTime: 60,
    })
    const mutedBot = await rest(t, `${G}/send_group_msg`, {
      GroupId: 'main',
      From_Account: 'host_bot',
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
    })
    expect(mutedBot.ErrorCode).toBe(ErrorCode.muted)

    const history = await rest(t, `${G}/group_msg_get_simple`, { GroupId: 'main', ReqMsgNumber: 5 })
    expect(history).toMatchObject({ GroupId: 'main', IsFinished: 1 })
    expect(history.RspMsgList).toMatchObject([
      { MsgSeq: 2, From_Account: 'host_bot', MsgPriority: 2, MsgRandom: 0 },
      { MsgSeq: 1, From_Account: 'administrator', MsgPriority: 1, MsgRandom: 8912345 },
    ])
    const older = await rest(t, `${G}/group_msg_get_simple`, {
      GroupId: 'main',
      ReqMsgSeq: 1,
      ReqMsgNumber: 30,
    })
    expect(older).toMatchObject({ IsFinished: 0, RspMsgList: [{ MsgSeq: 1 }] })
  })

  it('sends system notifications to every online member only, outside history', async () => {
    const t = await startTestRoom()
    const { client: a } = await joinMain(t.room, 'v_a')
    const { client: b } = await joinMain(t.room, 'v_b')
    // Reference §12: an AVChatRoom's system notification goes to all members; naming some is
    // refused and sends nothing.
    const some = await rest(t, `${G}/send_group_system_notification`, {
      GroupId: 'main',
      ToMembers_Account: ['v_b'],
      Content: 'to b',
    })
    expect(some).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: ErrorCode.invalidParameter })
    expect(some.ErrorInfo).toMatch(/all members: leave ToMembers_Account out/)
    await rest(t, `${G}/send_group_system_notification`, {
      GroupId: 'main',
      ToMembers_Account: [],
      Content: 'to all',
    })
    for (const client of [a, b]) {
      await client.waitFor((f) => f.type === 'system-notification' && f.content === 'to all')
      expect(client.framesOf('system-notification').map((f) => f.content)).toEqual(['to all'])
    }
    const history = await rest(t, `${G}/group_msg_get_simple`, { GroupId: 'main', ReqMsgNumber: 5 })
    expect(history.RspMsgList).toEqual([])
  })
})

describe('REST moderation', () => {
  it('mutes, lists and unmutes members, pushing member-muted like the client mute', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: viewer } = await joinMain(t.room, 'v_one')
    const muted = await rest(t, `${G}/forbid_send_msg`, {
      GroupId: 'main',
      Members_Account: ['v_one', 'v_two'],
      ShutUpTime: 600,
    })
    expect(muted.ErrorCode).toBe(0)
    const frame = await viewer.waitFor((f) => f.type === 'member-muted' && f.userId === 'v_one')
    expect(frame).toEqual({
      type: 'member-muted',
      groupId: 'main',
      userId: 'v_one',
      operatorId: 'administrator',
      muteTime: 600,
      muteUntil: clock.now() + 600_000,
    })
    expect((await viewer.request({ type: 'send', groupId: 'main', msgBody: text('x') })).code).toBe(
      ErrorCode.muted,
    )
    const list = await rest(t, `${G}/get_group_muted_account`, { GroupId: 'main' })
    expect(list.MutedAccountList).toEqual([
      { Member_Account: 'v_one', MutedUntil: Math.floor((clock.now() + 600_000) / 1000) },
      { Member_Account: 'v_two', MutedUntil: Math.floor((clock.now() + 600_000) / 1000) },
    ])

    const owner = await rest(t, `${G}/forbid_send_msg`, {
      GroupId: 'main',
      Members_Account: ['v_three', 'anchor'],
      ShutUpTime: 60,
    })
    expect(owner.ErrorCode).toBe(ErrorCode.noPermission)
    const after = await rest(t, `${G}/get_group_shutted_uin`, { GroupId: 'main' })
    expect((after.ShuttedUinList as unknown[]).length).toBe(2)

    const forever = await rest(t, `${G}/forbid_send_msg`, {
      GroupId: 'main',
      Members_Account: ['v_two'],
      ShutUpTime: 4294967295,
    })
    expect(forever.ErrorCode).toBe(0)
    const tooLong = await rest(t, `${G}/forbid_send_msg`, {
      GroupId: 'main',
      Members_Account: ['v_two'],
      ShutUpTime: 4294967296,
    })
    expect(tooLong.ErrorCode).toBe(ErrorCode.invalidParameter)

    await rest(t, `${G}/forbid_send_msg`, {
      GroupId: 'main',
      Members_Account: ['v_one'],
      ShutUpTime: 0,
    })
    await viewer.waitFor((f) => f.type === 'member-muted' && f.muteTime === 0)
    expect(
      (await viewer.request({ type: 'send', groupId: 'main', msgBody: text('ok') })).code,
    ).toBe(0)
  })

  it('refuses delete_group_member for an AVChatRoom with 10004, as Tencent does; kick is ban + unban', async () => {
    const t = await startTestRoom()
    const { client: stay } = await joinMain(t.room, 'v_stay')
    const { client: gone } = await joinMain(t.room, 'v_gone')
    const refused = await rest(t, `${G}/delete_group_member`, {
      GroupId: 'main',
      MemberToDel_Account: ['v_gone'],
      Reason: 'spam',
    })
    expect(refused).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: ErrorCode.invalidParameter })
    expect(refused.ErrorInfo).toMatch(/AVChatRoom.*ban_group_member.*unban_group_member/)
    expect(
      (await rest(t, `${G}/delete_group_member`, { GroupId: 'nope', MemberToDel_Account: ['x'] }))
        .ErrorCode,
    ).toBe(ErrorCode.groupNotFound)
    // Still in the room: the refusal changed nothing.
    expect((await gone.request({ type: 'send', groupId: 'main', msgBody: text('hi') })).code).toBe(
      0,
    )

    // The kick that works: a short ban, then its lifting; out now, and back at once.
    const ban = { GroupId: 'main', Members_Account: ['v_gone'] }
    expect((await rest(t, `${G}/ban_group_member`, { ...ban, Duration: 60 })).ErrorCode).toBe(0)
    expect((await rest(t, `${G}/unban_group_member`, ban)).ErrorCode).toBe(0)
    await gone.waitFor((f) => f.type === 'member-banned')
    await leaveNotice(stay, 'v_gone')
    expect((await gone.request({ type: 'join', groupId: 'main' })).code).toBe(0)
  })

  it('signs a user out with REST kick: the connection ends and every earlier UserSig is revoked', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const oldSig = t.room.signUserSig('v_gone')
    const { client: gone } = await joinMain(t.room, 'v_gone', { userSig: oldSig })
    clock.advance(5000)
    const beforeKick = t.room.signUserSig('v_gone')
    expect((await rest(t, 'im_open_login_svc/kick', { UserID: 'v_gone' })).ErrorCode).toBe(0)
    // The SDK's KICKED_OUT_REST_API value (SDK 3.6.6 d.ts).
    const kicked = await gone.waitFor((f) => f.type === 'kicked')
    expect(kicked).toMatchObject({ reason: 'REST_API_Kick', code: CloseCode.kickedByAdmin })
    expect((await gone.closed).code).toBe(CloseCode.kickedByAdmin)

    for (const sig of [oldSig, beforeKick]) {
      const again = await connect(t.room.wsUrl)
      const ack = await again.request({
        type: 'login',
        version: 2,
        sdkAppId: t.room.sdkAppId,
        userId: 'v_gone',
        userSig: sig,
      })
      expect(ack).toMatchObject({ code: ErrorCode.userSigExpired })
      expect(ack.message).toMatch(/signed "v_gone" out/)
      expect((await again.closed).code).toBe(CloseCode.userSigExpired)
    }
    // Another user's sigs, and sigs made after the kick's second, are fine; also after a restart.
    expect((await login(t.room, 'v_stay')).ws.readyState).toBe(1)
    clock.advance(1000)
    const fresh = t.room.signUserSig('v_gone')
    expect((await login(t.room, 'v_gone', { userSig: fresh })).ws.readyState).toBe(1)
    await t.restart()
    await expect(login(t.room, 'v_gone', { userSig: beforeKick })).rejects.toThrow(/70001/)
    expect((await login(t.room, 'v_gone', { userSig: fresh })).ws.readyState).toBe(1)

    // Nobody logged in under that name: still a success, and it still revokes.
    const unused = t.room.signUserSig('v_nobody')
    expect((await rest(t, 'im_open_login_svc/kick', { UserID: 'v_nobody' })).ErrorCode).toBe(0)
    await expect(login(t.room, 'v_nobody', { userSig: unused })).rejects.toThrow(/70001/)
  })

  it('revokes an App admin’s REST UserSig with a REST kick of that admin', async () => {
    const clock = testClock()
    const t = await startTestRoom({
      now: clock.now,
      adminIdentifiers: ['administrator', 'ops_bot'],
    })
    const opsSig = t.room.signUserSig('ops_bot')
    const call = (userSig: string) =>
      rest(
        t as TestRoom,
        `${G}/get_online_member_num`,
        { GroupId: 'main' },
        {
          identifier: 'ops_bot',
          userSig,
        },
      )
    expect((await call(opsSig)).ErrorCode).toBe(0)
    expect((await rest(t, 'im_open_login_svc/kick', { UserID: 'ops_bot' })).ErrorCode).toBe(0)
    expect((await call(opsSig)).ErrorCode).toBe(ErrorCode.userSigExpired)
    clock.advance(1000)
    expect((await call(t.room.signUserSig('ops_bot'))).ErrorCode).toBe(0)
  })
})

describe('REST members and admins', () => {
  it('counts, pages by Timestamp and checks online members, with nick and avatar', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now, restTuning: { membersPageSize: 2 } })
    await rest(t, 'im_open_login_svc/account_import', {
      UserID: 'v_a',
      Nick: 'Ayo',
      FaceUrl: 'https://example.com/a.png',
    })
    for (const id of ['v_a', 'v_b', 'v_c']) {
      await joinMain(t.room, id)
      clock.advance(1000)
    }
    expect(await rest(t, `${G}/get_online_member_num`, { GroupId: 'main' })).toMatchObject({
      OnlineMemberNum: 3,
    })
    const first = await rest(t, `${AV}/get_members`, { GroupId: 'main', Timestamp: 0 })
    expect(first.MemberList).toEqual([
      {
        Member_Account: 'v_a',
        NickName: 'Ayo',
        Avatar: 'https://example.com/a.png',
        JoinTime: Math.floor((clock.now() - 3000) / 1000),
      },
      expect.objectContaining({ Member_Account: 'v_b', NickName: '', Avatar: '' }),
    ])
    expect(first.NextTimestamp).not.toBe(0)
    expect(first).not.toHaveProperty('Mark')
    const second = await rest(t, `${AV}/get_members`, {
      GroupId: 'main',
      Timestamp: first.NextTimestamp,
    })
    expect(second).toMatchObject({ MemberList: [{ Member_Account: 'v_c' }], NextTimestamp: 0 })

    // Mark is Tencent's integer filter by member mark; nobody here has one. The old string
    // cursor is refused.
    const marked = await rest(t, `${AV}/get_members`, { GroupId: 'main', Timestamp: 0, Mark: 1000 })
    expect(marked).toMatchObject({ ErrorCode: 0, MemberList: [], NextTimestamp: 0 })
    expect(
      (await rest(t, `${AV}/get_members`, { GroupId: 'main', Timestamp: 0, Mark: 'v_b' }))
        .ErrorCode,
    ).toBe(ErrorCode.invalidParameter)

    const checked = await rest(t, `${AV}/check_members`, {
      GroupId: 'main',
      Member_Account: ['v_c', 'v_zzz', 'v_a'],
    })
    expect(checked.Member_Account).toEqual(['v_c', 'v_a'])
  })

  it('never loses or repeats members who joined in the same second (or ms) across pages', async () => {
    const clock = testClock(Math.floor(Date.now() / 1000) * 1000)
    const t = await startTestRoom({ now: clock.now, restTuning: { membersPageSize: 2 } })
    await joinMain(t.room, 'v_first')
    clock.advance(300)
    // Three in the same ms, then two more in the same second.
    for (const id of ['v_x', 'v_y', 'v_z']) await joinMain(t.room, id)
    for (const id of ['v_p', 'v_q']) {
      clock.advance(100)
      await joinMain(t.room, id)
    }
    const seen: string[] = []
    const pages: number[] = []
    let timestamp = 0
    for (let call = 0; call < 10; call++) {
      const page = await rest(t, `${AV}/get_members`, { GroupId: 'main', Timestamp: timestamp })
      const ids = (page.MemberList as { Member_Account: string }[]).map((m) => m.Member_Account)
      seen.push(...ids)
      pages.push(ids.length)
      timestamp = page.NextTimestamp as number
      if (timestamp === 0) break
    }
    expect(seen).toEqual(['v_first', 'v_x', 'v_y', 'v_z', 'v_p', 'v_q'])
    // The page that reached into the same-ms run took all of it.
    expect(pages).toEqual([4, 2])
  })

  it('sets up to five admins, who can then mute, and lists them', async () => {
    const t = await startTestRoom()
    const { client: mod } = await joinMain(t.room, 'mod1')
    await joinMain(t.room, 'v_one')
    const set = await rest(t, `${AV}/modify_admin`, {
      GroupId: 'main',
      CommandType: 1,
      Admin_Account: ['mod1', 'mod2'],
    })
    expect(set.ErrorCode).toBe(0)
    await mod.waitFor((f) => f.type === 'member-role-changed' && f.role === 'Admin')
    expect(
      (await mod.request({ type: 'mute', groupId: 'main', userId: 'v_one', seconds: 5 })).code,
    ).toBe(0)
    const tooMany = await rest(t, `${AV}/modify_admin`, {
      GroupId: 'main',
      CommandType: 1,
      Admin_Account: ['m3', 'm4', 'm5', 'm6'],
    })
    expect(tooMany.ErrorCode).toBe(ErrorCode.invalidParameter)
    await rest(t, 'im_open_login_svc/account_import', {
      UserID: 'mod2',
      Nick: 'Mod Two',
      FaceUrl: 'https://example.com/m2.png',
    })
    // Reference §12: Admin_List, with each admin's nick and avatar ('' when unset).
    expect(await rest(t, `${AV}/get_admin_list`, { GroupId: 'main' })).toMatchObject({
      Admin_List: [
        { Admin_Account: 'mod1', NickName: '', Avatar: '' },
        { Admin_Account: 'mod2', NickName: 'Mod Two', Avatar: 'https://example.com/m2.png' },
      ],
    })
    await rest(t, `${AV}/modify_admin`, {
      GroupId: 'main',
      CommandType: 2,
      Admin_Account: ['mod1'],
    })
    await mod.waitFor((f) => f.type === 'member-role-changed' && f.role === 'Member')
    expect(
      (await mod.request({ type: 'mute', groupId: 'main', userId: 'v_one', seconds: 5 })).code,
    ).toBe(ErrorCode.noPermission)
  })

  it('imports accounts with a nick that logins then show', async () => {
    const t = await startTestRoom()
    expect(
      (await rest(t, 'im_open_login_svc/account_import', { UserID: 'bad id!' })).ErrorCode,
    ).toBe(ErrorCode.invalidParameter)
    expect(
      (await rest(t, 'im_open_login_svc/account_import', { UserID: 'guest_1', Nick: 'Guest' }))
        .ErrorCode,
    ).toBe(0)
    const client = await login(t.room, 'guest_1')
    const joined = await client.request({ type: 'join', groupId: 'main' })
    expect(joined.code).toBe(0)
    await client.waitFor(
      (f) => f.type === 'members-changed' && f.joined.some((m) => m.nick === 'Guest'),
    )
  })
})
