import { describe, expect, it } from 'vitest'
import type { ImRestClient } from '../../../src-main/common/im-rest-client'
import { RoomError } from '../../../src-main/common/room-error'
import { KICK_BAN_SECONDS, RoomAdminRest } from '../../../src-main/console/room/room-admin-rest'

type Answer = Record<string, unknown> | RoomError

/** The REST API as RoomAdminRest sees it: answers per command, and every call recorded. */
function fakeRest(answers: Record<string, Answer | ((body: Record<string, unknown>) => Answer)>) {
  const calls: { command: string; body: Record<string, unknown> }[] = []
  const rest = {
    async call(_service: string, command: string, body: Record<string, unknown>) {
      calls.push({ command, body })
      const entry = answers[command]
      const answer = typeof entry === 'function' ? entry(body) : entry
      if (answer === undefined) throw new Error(`no answer for ${command}`)
      if (answer instanceof RoomError) throw answer
      return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...answer }
    },
  } as unknown as ImRestClient
  return { rest, calls }
}

// Tencent's shapes (reference §12): MemberList with NickName/Avatar/JoinTime (s), NextTimestamp;
// Admin_List with Admin_Account/NickName/Avatar.
const page = (ids: string[], next: number) => ({
  MemberList: ids.map((id, i) => ({
    Member_Account: id,
    NickName: '',
    Avatar: '',
    JoinTime: 1_700_000_000 + i,
  })),
  NextTimestamp: next,
})
const adminList = { Admin_List: [{ Admin_Account: 'mod', NickName: 'Mod', Avatar: '' }] }
const mutes = { MutedAccountList: [{ Member_Account: 'v_b', MutedUntil: 1_700_000_600 }] }
const notEnabled = new RoomError(10007, 'This feature is not enabled for the app')

describe('RoomAdminRest member list', () => {
  it('pages get_members by Timestamp alone and reads roles from Admin_List', async () => {
    const { rest, calls } = fakeRest({
      get_members: (body) =>
        body.Timestamp === 0 ? page(['anchor', 'mod'], 1_700_000_001_500) : page(['v_b'], 0),
      get_group_muted_account: mutes,
      get_admin_list: adminList,
    })
    const list = await new RoomAdminRest(rest, 'main').members('anchor')
    expect(list).toEqual({
      members: [
        { userId: 'anchor', role: 'Owner', joinTime: 1_700_000_000_000, muteUntil: 0 },
        { userId: 'mod', role: 'Admin', joinTime: 1_700_000_001_000, muteUntil: 0 },
        {
          userId: 'v_b',
          role: 'Member',
          joinTime: 1_700_000_000_000,
          muteUntil: 1_700_000_600_000,
        },
      ],
      missing: [],
    })
    expect(calls.filter((c) => c.command === 'get_members').map((c) => c.body)).toEqual([
      { GroupId: 'main', Timestamp: 0 },
      { GroupId: 'main', Timestamp: 1_700_000_001_500 },
    ])
  })

  it('still loads when get_admin_list or the mutes fail, and says which part is missing', async () => {
    const { rest } = fakeRest({
      get_members: page(['mod', 'v_b'], 0),
      get_group_muted_account: new RoomError(10002, 'Internal error'),
      get_admin_list: notEnabled,
    })
    const list = await new RoomAdminRest(rest, 'main').members('anchor')
    expect(list.members.map((m) => [m.userId, m.role, m.muteUntil])).toEqual([
      ['mod', 'Member', 0],
      ['v_b', 'Member', 0],
    ])
    expect(list.missing).toEqual([
      { part: 'mutes', code: 10002, message: 'Internal error' },
      { part: 'admins', code: 10007, message: 'This feature is not enabled for the app' },
    ])
  })

  it('lists nobody, saying so, when get_members fails; rejects when every read fails', async () => {
    const partial = fakeRest({
      get_members: notEnabled,
      get_group_muted_account: mutes,
      get_admin_list: adminList,
    })
    expect(await new RoomAdminRest(partial.rest, 'main').members('anchor')).toEqual({
      members: [],
      missing: [{ part: 'members', code: 10007, message: notEnabled.message }],
    })
    const none = fakeRest({
      get_members: notEnabled,
      get_group_muted_account: notEnabled,
      get_admin_list: notEnabled,
    })
    await expect(new RoomAdminRest(none.rest, 'main').members('anchor')).rejects.toBe(notEnabled)
  })
})

describe('RoomAdminRest kick', () => {
  it('bans briefly and lifts the ban at once; a failed lifting still kicks', async () => {
    const { rest, calls } = fakeRest({ ban_group_member: {}, unban_group_member: {} })
    await new RoomAdminRest(rest, 'main').kick('troll', 'spam')
    expect(calls).toEqual([
      {
        command: 'ban_group_member',
        body: {
          GroupId: 'main',
          Members_Account: ['troll'],
          Duration: KICK_BAN_SECONDS,
          Description: 'spam',
        },
      },
      { command: 'unban_group_member', body: { GroupId: 'main', Members_Account: ['troll'] } },
    ])

    const stuck = fakeRest({ ban_group_member: {}, unban_group_member: notEnabled })
    await expect(new RoomAdminRest(stuck.rest, 'main').kick('troll')).resolves.toBeUndefined()
    const refused = fakeRest({ ban_group_member: notEnabled })
    await expect(new RoomAdminRest(refused.rest, 'main').kick('troll')).rejects.toBe(notEnabled)
  })
})
