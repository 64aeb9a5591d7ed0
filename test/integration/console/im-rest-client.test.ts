import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImRestClient } from '../../../src-main/common/im-rest-client'
import { joinMain, startTestRoom, type TestRoom } from '../liveroom/helpers'

/** The REST client against a real embedded room: auth, bodies and errors as the room checks them. */
describe('ImRestClient against the embedded room', () => {
  let t: TestRoom
  let rest: ImRestClient

  beforeAll(async () => {
    t = await startTestRoom()
    rest = new ImRestClient({
      baseUrl: t.room.httpUrl,
      sdkAppId: t.room.sdkAppId,
      identifier: 'administrator',
      userSig: () => t.room.signUserSig('administrator'),
    })
  })
  afterAll(async () => {
    await t?.cleanup()
  })

  it('reads members and mutes, and changes mute-all', async () => {
    const { client } = await joinMain(t.room, 'v_rest', { nick: 'Rest' })
    const members = await rest.call('group_open_avchatroom_http_svc', 'get_members', {
      GroupId: t.room.defaultRoomId,
      Timestamp: 0,
    })
    expect(members.MemberList).toEqual(
      expect.arrayContaining([expect.objectContaining({ Member_Account: 'v_rest' })]),
    )
    await rest.call('group_open_http_svc', 'forbid_send_msg', {
      GroupId: t.room.defaultRoomId,
      Members_Account: ['v_rest'],
      ShutUpTime: 60,
    })
    const muted = await rest.call('group_open_http_svc', 'get_group_muted_account', {
      GroupId: t.room.defaultRoomId,
    })
    expect(muted.MutedAccountList).toEqual([expect.objectContaining({ Member_Account: 'v_rest' })])
    await rest.call('group_open_http_svc', 'modify_group_base_info', {
      GroupId: t.room.defaultRoomId,
      MuteAllMember: 'On',
    })
    await client.waitFor(
      (f) => f.type === 'group-profile-changed' && f.changes.muteAllMembers === true,
    )
    await client.close()
  })

  it("throws the room's code and words for a refused call", async () => {
    await expect(
      rest.call('group_open_http_svc', 'get_group_info', { GroupIdList: 'main' }),
    ).rejects.toMatchObject({ code: 10004, message: expect.stringContaining('GroupIdList') })
    await expect(
      rest.call('group_open_http_svc', 'delete_group_member', {
        GroupId: 'nope',
        MemberToDel_Account: ['x'],
      }),
    ).rejects.toMatchObject({ code: 10010 })
  })

  it('is refused as a non-admin identifier (60010) and with a bad signature (70003)', async () => {
    const notAdmin = new ImRestClient({
      baseUrl: t.room.httpUrl,
      sdkAppId: t.room.sdkAppId,
      identifier: 'v_someone',
      userSig: () => t.room.signUserSig('v_someone'),
    })
    await expect(
      notAdmin.call('group_open_http_svc', 'get_online_member_num', { GroupId: 'main' }),
    ).rejects.toMatchObject({ code: 60010 })
    const badSig = new ImRestClient({
      baseUrl: t.room.httpUrl,
      sdkAppId: t.room.sdkAppId,
      identifier: 'administrator',
      userSig: () => 'garbage',
    })
    await expect(
      badSig.call('group_open_http_svc', 'get_online_member_num', { GroupId: 'main' }),
    ).rejects.toMatchObject({ code: 70003 })
  })
})
