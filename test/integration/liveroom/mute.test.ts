import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { openStore } from '../../../src-main/liveroom/store'
import { joinMain, startTestRoom, testClock, text } from './helpers'

describe('mute', () => {
  it('lets the owner mute a viewer, who then gets 10017 while others still send', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: v1 } = await joinMain(t.room, 'v_one')
    const { client: v2 } = await joinMain(t.room, 'v_two')

    const ack = await owner.request({ type: 'mute', groupId: 'main', userId: 'v_one', seconds: 60 })
    const muteUntil = clock.now() + 60_000
    expect(ack).toMatchObject({ type: 'ack', code: 0, data: { userId: 'v_one', muteUntil } })
    for (const client of [owner, v1, v2]) {
      const frame = await client.waitFor((f) => f.type === 'member-muted')
      expect(frame).toEqual({
        type: 'member-muted',
        groupId: 'main',
        userId: 'v_one',
        operatorId: 'anchor',
        muteTime: 60,
        muteUntil,
      })
    }

    const blocked = await v1.request({ type: 'send', groupId: 'main', msgBody: text('hello?') })
    expect(blocked).toMatchObject({ code: ErrorCode.muted, data: { muteUntil } })
    expect(blocked).toMatchObject({
      message: expect.stringContaining(new Date(muteUntil).toISOString()),
    })
    expect((await v2.request({ type: 'send', groupId: 'main', msgBody: text('hi') })).code).toBe(0)
  })

  it('unmutes with seconds 0', async () => {
    const t = await startTestRoom()
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    await owner.request({ type: 'mute', groupId: 'main', userId: 'v_one', seconds: 600 })
    const unmute = await owner.request({
      type: 'mute',
      groupId: 'main',
      userId: 'v_one',
      seconds: 0,
    })
    expect(unmute).toMatchObject({ code: 0, data: { userId: 'v_one', muteUntil: 0 } })
    await viewer.waitFor((f) => f.type === 'member-muted' && f.muteTime === 0 && f.muteUntil === 0)
    expect(
      (await viewer.request({ type: 'send', groupId: 'main', msgBody: text('back') })).code,
    ).toBe(0)
  })

  it('ends a mute when its time has passed', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    await owner.request({ type: 'mute', groupId: 'main', userId: 'v_one', seconds: 30 })
    expect((await viewer.request({ type: 'send', groupId: 'main', msgBody: text('a') })).code).toBe(
      ErrorCode.muted,
    )
    clock.advance(30_001)
    expect((await viewer.request({ type: 'send', groupId: 'main', msgBody: text('b') })).code).toBe(
      0,
    )
  })

  it('refuses mutes from ordinary members with 10007, and muting the owner', async () => {
    const t = await startTestRoom()
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    await joinMain(t.room, 'v_two')
    const denied = await viewer.request({
      type: 'mute',
      groupId: 'main',
      userId: 'v_two',
      seconds: 60,
    })
    expect(denied.code).toBe(ErrorCode.noPermission)
    const self = await owner.request({
      type: 'mute',
      groupId: 'main',
      userId: 'anchor',
      seconds: 60,
    })
    expect(self.code).toBe(ErrorCode.noPermission)
  })

  it('lets a group admin mute members but not other admins', async () => {
    const t = await startTestRoom()
    await t.room.close()
    const store = openStore(`${t.dataDir}/liveroom.db`)
    store.groups.setAdmin('main', 'mod1', true)
    store.groups.setAdmin('main', 'mod2', true)
    store.close()
    await t.restart()
    const { client: mod, ack } = await joinMain(t.room, 'mod1')
    expect(ack).toMatchObject({ data: { self: { role: 'Admin' } } })
    await joinMain(t.room, 'v_one')
    expect(
      (await mod.request({ type: 'mute', groupId: 'main', userId: 'v_one', seconds: 5 })).code,
    ).toBe(0)
    expect(
      (await mod.request({ type: 'mute', groupId: 'main', userId: 'mod2', seconds: 5 })).code,
    ).toBe(ErrorCode.noPermission)
  })

  it('keeps a mute across leave and rejoin, and across a server restart', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const { client: owner } = await joinMain(t.room, 'anchor')
    const { client: viewer } = await joinMain(t.room, 'v_one')
    const muted = await owner.request({
      type: 'mute',
      groupId: 'main',
      userId: 'v_one',
      seconds: 3600,
    })
    const { muteUntil } = (muted as { data: { muteUntil: number } }).data

    await viewer.request({ type: 'quit', groupId: 'main' })
    const rejoin = await viewer.request({ type: 'join', groupId: 'main' })
    expect(rejoin).toMatchObject({ code: 0, data: { self: { muteUntil } } })
    await viewer.close()
    await owner.close()

    await t.restart()
    const { client: again, ack } = await joinMain(t.room, 'v_one')
    expect(ack).toMatchObject({ data: { self: { role: 'Member', muteUntil } } })
    const send = await again.request({ type: 'send', groupId: 'main', msgBody: text('still?') })
    expect(send).toMatchObject({ code: ErrorCode.muted, data: { muteUntil } })
  })
})
