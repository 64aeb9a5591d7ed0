import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import {
  joinMain,
  leaveNotice,
  login,
  rest,
  startCallbackServer,
  startTestRoom,
  testClock,
  text,
  type TestRoom,
} from './helpers'

const G = 'group_open_http_svc'
const AV = 'group_open_avchatroom_http_svc'

describe('ban (REST)', () => {
  it('removes banned members at once and keeps them out until the ban ends', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: spammer } = await joinMain(t.room, 'v_spam')
    const { client: other } = await joinMain(t.room, 'v_other')

    const banned = await rest(t, `${G}/ban_group_member`, {
      GroupId: 'main',
      Members_Account: ['v_spam'],
      Duration: 60,
      Description: 'spam links',
    })
    expect(banned).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 })
    const bannedUntil = clock.now() + 60_000
    for (const client of [owner, spammer, other]) {
      expect(await client.waitFor((f) => f.type === 'member-banned')).toEqual({
        type: 'member-banned',
        groupId: 'main',
        userIds: ['v_spam'],
        operatorId: 'administrator',
        reason: 'spam links',
        bannedUntil,
      })
    }
    await leaveNotice(other, 'v_spam')
    expect(await other.waitFor((f) => f.type === 'online-count' && f.count === 2)).toMatchObject({
      type: 'online-count',
      count: 2,
    })
    const send = await spammer.request({ type: 'send', groupId: 'main', msgBody: text('again') })
    expect(send.code).toBe(ErrorCode.notInGroup)

    const rejoin = await spammer.request({ type: 'join', groupId: 'main' })
    expect(rejoin).toMatchObject({ code: ErrorCode.noPermission, data: { bannedUntil } })
    expect(rejoin.message).toContain(new Date(bannedUntil).toISOString())

    const list = await rest(t, `${G}/get_group_ban_member`, {
      GroupId: 'main',
      Limit: 10,
      Offset: 0,
    })
    expect(list).toMatchObject({
      ErrorCode: 0,
      BannedAccountList: [
        { Member_Account: 'v_spam', BannedUntil: Math.floor(bannedUntil / 1000) },
      ],
      NextOffset: 0,
    })

    clock.advance(60_001)
    expect((await spammer.request({ type: 'join', groupId: 'main' })).code).toBe(0)
    const after = await rest(t, `${G}/get_group_ban_member`, {
      GroupId: 'main',
      Limit: 10,
      Offset: 0,
    })
    expect(after.BannedAccountList).toEqual([])
  })

  it('keeps a ban across leave, reconnect and restart, and lifts it with unban_group_member', async () => {
    const t = await startTestRoom()
    await joinMain(t.room, 'v_spam')
    expect(
      (
        await rest(t, `${G}/ban_group_member`, {
          GroupId: 'main',
          Members_Account: ['v_spam'],
          Duration: 3600,
          Description: '',
        })
      ).ErrorCode,
    ).toBe(0)
    await t.restart()
    const client = await login(t.room, 'v_spam')
    expect((await client.request({ type: 'join', groupId: 'main' })).code).toBe(
      ErrorCode.noPermission,
    )
    const unban = await rest(t, `${G}/unban_group_member`, {
      GroupId: 'main',
      Members_Account: ['v_spam'],
    })
    expect(unban.ErrorCode).toBe(0)
    expect((await client.request({ type: 'join', groupId: 'main' })).code).toBe(0)
  })

  it('pages the ban list with Limit, Offset and NextOffset', async () => {
    const t = await startTestRoom()
    const members = ['v_a', 'v_b', 'v_c']
    await rest(t, `${G}/ban_group_member`, {
      GroupId: 'main',
      Members_Account: members,
      Duration: 600,
      Description: 'raid',
    })
    const first = await rest(t, `${G}/get_group_ban_member`, {
      GroupId: 'main',
      Limit: 2,
      Offset: 0,
    })
    expect(
      (first.BannedAccountList as { Member_Account: string }[]).map((b) => b.Member_Account),
    ).toEqual(['v_a', 'v_b'])
    expect(first.NextOffset).toBe(2)
    const second = await rest(t, `${G}/get_group_ban_member`, {
      GroupId: 'main',
      Limit: 2,
      Offset: 2,
    })
    expect(
      (second.BannedAccountList as { Member_Account: string }[]).map((b) => b.Member_Account),
    ).toEqual(['v_c'])
    expect(second.NextOffset).toBe(0)
  })

  it('refuses to ban the owner, more than 20 members, a zero Duration or a missing group', async () => {
    const t = await startTestRoom()
    const ban = (body: object) => rest(t as TestRoom, `${G}/ban_group_member`, body)
    expect(
      (await ban({ GroupId: 'main', Members_Account: ['anchor', 'v_a'], Duration: 60 })).ErrorCode,
    ).toBe(ErrorCode.noPermission)
    const many = Array.from({ length: 21 }, (_, i) => `v_${i}`)
    expect((await ban({ GroupId: 'main', Members_Account: many, Duration: 60 })).ErrorCode).toBe(
      ErrorCode.invalidParameter,
    )
    expect((await ban({ GroupId: 'main', Members_Account: ['v_a'], Duration: 0 })).ErrorCode).toBe(
      ErrorCode.invalidParameter,
    )
    expect((await ban({ GroupId: 'nope', Members_Account: ['v_a'], Duration: 60 })).ErrorCode).toBe(
      ErrorCode.groupNotFound,
    )
    const list = await rest(t, `${G}/get_group_ban_member`, { GroupId: 'main', Limit: 101 })
    expect(list.ErrorCode).toBe(ErrorCode.invalidParameter)
    expect(
      (await rest(t, `${G}/get_group_ban_member`, { GroupId: 'main' })).BannedAccountList,
    ).toEqual([])
  })
})

describe('ban, kick, mute-all and get-members (client requests)', () => {
  it('lets the owner ban and unban a member, with the ack before the pushes', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    const ack = await owner.request({
      type: 'ban',
      groupId: 'main',
      userId: 'v_one',
      seconds: 300,
      reason: 'rude',
    })
    const bannedUntil = clock.now() + 300_000
    expect(ack).toMatchObject({ code: 0, data: { userId: 'v_one', bannedUntil } })
    const ackIndex = owner.frames.indexOf(ack)
    const pushed = await owner.waitFor((f) => f.type === 'member-banned')
    expect(owner.frames.indexOf(pushed)).toBeGreaterThan(ackIndex)
    expect(pushed).toMatchObject({ userIds: ['v_one'], operatorId: 'anchor', reason: 'rude' })
    await viewer.waitFor((f) => f.type === 'member-banned')
    await leaveNotice(owner, 'v_one')
    expect((await viewer.request({ type: 'join', groupId: 'main' })).code).toBe(
      ErrorCode.noPermission,
    )

    const lift = await owner.request({ type: 'ban', groupId: 'main', userId: 'v_one', seconds: 0 })
    expect(lift).toMatchObject({ code: 0, data: { userId: 'v_one', bannedUntil: 0 } })
    expect((await viewer.request({ type: 'join', groupId: 'main' })).code).toBe(0)
  })

  it('refuses bans and kicks from members, of the owner, and of an admin by an admin', async () => {
    const t = await startTestRoom()
    await rest(t, `${AV}/modify_admin`, {
      GroupId: 'main',
      CommandType: 1,
      Admin_Account: ['mod1', 'mod2'],
    })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: mod } = await joinMain(t.room, 'mod1')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    await joinMain(t.room, 'mod2')

    const byMember = await viewer.request({
      type: 'ban',
      groupId: 'main',
      userId: 'mod1',
      seconds: 5,
    })
    expect(byMember.code).toBe(ErrorCode.noPermission)
    expect(byMember.message).toMatch(/owner or an admin/)
    expect((await viewer.request({ type: 'kick', groupId: 'main', userId: 'mod1' })).code).toBe(
      ErrorCode.noPermission,
    )
    expect(
      (await owner.request({ type: 'ban', groupId: 'main', userId: 'anchor', seconds: 5 })).code,
    ).toBe(ErrorCode.noPermission)
    const adminOnAdmin = await mod.request({ type: 'kick', groupId: 'main', userId: 'mod2' })
    expect(adminOnAdmin.code).toBe(ErrorCode.noPermission)
    expect(adminOnAdmin.message).toMatch(/Only the group owner/)
    expect(
      (await mod.request({ type: 'ban', groupId: 'main', userId: 'v_one', seconds: 5 })).code,
    ).toBe(0)
    expect(
      (await owner.request({ type: 'ban', groupId: 'nope', userId: 'v_one', seconds: 5 })).code,
    ).toBe(ErrorCode.groupNotFound)
  })

  it('lets an App admin on the client protocol do what REST allows: act on admins, not the owner', async () => {
    const t = await startTestRoom()
    await rest(t, `${AV}/modify_admin`, {
      GroupId: 'main',
      CommandType: 1,
      Admin_Account: ['mod1'],
    })
    const { client: admin } = await joinMain(t.room, 'administrator')
    const { client: mod } = await joinMain(t.room, 'mod1')
    const ack = await admin.request({ type: 'kick', groupId: 'main', userId: 'mod1' })
    expect(ack).toMatchObject({ code: 0, data: { removed: true } })
    await mod.waitFor((f) => f.type === 'member-kicked' && f.operatorId === 'administrator')
    const owner = await admin.request({
      type: 'mute',
      groupId: 'main',
      userId: 'anchor',
      seconds: 5,
    })
    expect(owner).toMatchObject({ code: ErrorCode.noPermission })
    expect(owner.message).toMatch(/owner cannot be muted/)
    expect((await admin.request({ type: 'get-members', groupId: 'main' })).code).toBe(0)
  })

  it('reports removals to the exit callback from where the operator asked (Web or RESTAPI)', async () => {
    const hook = await startCallbackServer()
    try {
      const t = await startTestRoom({ callbackUrl: hook.url })
      const { client: owner } = await joinMain(t.room, 'anchor')
      await joinMain(t.room, 'v_kicked')
      await joinMain(t.room, 'v_banned')
      expect(
        (await owner.request({ type: 'kick', groupId: 'main', userId: 'v_kicked' })).code,
      ).toBe(0)
      await rest(t, `${G}/ban_group_member`, {
        GroupId: 'main',
        Members_Account: ['v_banned'],
        Duration: 60,
      })
      const exitOf = (userId: string) =>
        hook.waitFor(
          (c) =>
            c.body.CallbackCommand === 'Group.CallbackAfterMemberExit' &&
            JSON.stringify(c.body.ExitMemberList).includes(userId),
        )
      const kicked = await exitOf('v_kicked')
      expect(kicked.body).toMatchObject({ ExitType: 'Kicked', Operator_Account: 'anchor' })
      expect(kicked.query.get('OptPlatform')).toBe('Web')
      const banned = await exitOf('v_banned')
      expect(banned.body).toMatchObject({ ExitType: 'Kicked', Operator_Account: 'administrator' })
      expect(banned.query.get('OptPlatform')).toBe('RESTAPI')
    } finally {
      await hook.close()
    }
  })

  it('kicks a member out now; the member may join again', async () => {
    const t = await startTestRoom()
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    const ack = await owner.request({
      type: 'kick',
      groupId: 'main',
      userId: 'v_one',
      reason: 'cool off',
    })
    expect(ack).toMatchObject({ code: 0, data: { userId: 'v_one', removed: true } })
    expect(await viewer.waitFor((f) => f.type === 'member-kicked')).toMatchObject({
      userIds: ['v_one'],
      operatorId: 'anchor',
      reason: 'cool off',
    })
    await leaveNotice(owner, 'v_one')
    const absent = await owner.request({ type: 'kick', groupId: 'main', userId: 'v_one' })
    expect(absent).toMatchObject({ code: 0, data: { removed: false } })
    expect((await viewer.request({ type: 'join', groupId: 'main' })).code).toBe(0)
  })

  it('turns mute-all on and off like MuteAllMember', async () => {
    const t = await startTestRoom()
    const infoChanged: string[] = []
    t.room.onCallback('Group.CallbackAfterGroupInfoChanged', (b) =>
      infoChanged.push(b.Operator_Account),
    )
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    expect((await viewer.request({ type: 'mute-all', groupId: 'main', on: true })).code).toBe(
      ErrorCode.noPermission,
    )
    const on = await owner.request({ type: 'mute-all', groupId: 'main', on: true })
    expect(on).toMatchObject({ code: 0, data: { muteAllMembers: true } })
    expect(await viewer.waitFor((f) => f.type === 'group-profile-changed')).toMatchObject({
      operatorId: 'anchor',
      changes: { muteAllMembers: true },
    })
    expect(infoChanged).toEqual(['anchor'])
    const send = await viewer.request({ type: 'send', groupId: 'main', msgBody: text('hi') })
    expect(send).toMatchObject({ code: ErrorCode.muted, data: { muteAll: true } })
    const info = await rest(t, `${G}/get_group_info`, { GroupIdList: ['main'] })
    expect(info).toMatchObject({ GroupInfo: [{ ShutUpAllMember: 'On' }] })

    expect((await owner.request({ type: 'mute-all', groupId: 'main', on: false })).code).toBe(0)
    expect(
      (await viewer.request({ type: 'send', groupId: 'main', msgBody: text('hi') })).code,
    ).toBe(0)
  })

  it('lists online members with role and mute for the owner and admins only', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one', { nick: 'One' })
    await owner.request({ type: 'mute', groupId: 'main', userId: 'v_one', seconds: 60 })
    const ack = await owner.request({ type: 'get-members', groupId: 'main' })
    expect(ack).toMatchObject({
      code: 0,
      data: {
        onlineCount: 2,
        members: [
          { userId: 'anchor', role: 'Owner', muteUntil: 0 },
          { userId: 'v_one', nick: 'One', role: 'Member', muteUntil: clock.now() + 60_000 },
        ],
      },
    })
    expect((await viewer.request({ type: 'get-members', groupId: 'main' })).code).toBe(
      ErrorCode.noPermission,
    )
  })
})
