import { describe, expect, it } from 'vitest'
import { SLOW_MODE_CODE, type RoomSafety } from '../../../src-shared/contract/room-safety'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { joinMain, rest, startTestRoom, testClock, text, type TestRoom } from './helpers'

/**
 * Slow mode and shield mode (issue 13 §6) in a real room: set over the business HTTP API by the
 * owner, enforced in the business host's before-send handler, felt by real clients.
 */

async function api(t: TestRoom, userId: string, method: string, path: string, body?: unknown) {
  const sig = t.room.signUserSig(userId, 600)
  const response = await fetch(`${t.room.httpUrl}/business/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `UserSig ${userId} ${sig}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function safetyRoom() {
  const clock = testClock()
  const t = await startTestRoom({
    business: { onlineCount: false },
    floodLimit: false,
    now: clock.now,
    setTimer: clock.setTimer,
  })
  await joinMain(t.room, 'mod1')
  await rest(t, 'group_open_avchatroom_http_svc/modify_admin', {
    GroupId: 'main',
    CommandType: 1,
    Admin_Account: ['mod1'],
  })
  const change = async (Change: object) => {
    const answer = await api(t, t.room.ownerId, 'POST', 'safety/settings', {
      GroupId: 'main',
      Change,
    })
    expect(answer.status).toBe(200)
    return answer.body as unknown as RoomSafety
  }
  const say = async (client: Awaited<ReturnType<typeof joinMain>>['client'], line: string) =>
    client.request({ type: 'send', groupId: 'main', msgBody: text(line) })
  return { t, clock, change, say }
}

describe('slow mode and shield mode', () => {
  it('slow mode refuses a viewer’s faster messages with its code and words; admins are not slowed', async () => {
    const { t, clock, change, say } = await safetyRoom()
    expect(await change({ slowModeSeconds: 10 })).toMatchObject({ slowModeSeconds: 10 })
    const { client: alice } = await joinMain(t.room, 'alice')
    const { client: mod } = await joinMain(t.room, 'mod1')
    expect((await say(alice, 'one')).code).toBe(0)
    const slowed = await say(alice, 'two')
    expect(slowed).toMatchObject({ code: SLOW_MODE_CODE })
    expect(slowed.message).toContain('wait 10 s')
    clock.advance(10_000)
    expect((await say(alice, 'three')).code).toBe(0)
    expect((await say(mod, 'mod one')).code).toBe(0)
    expect((await say(mod, 'mod two')).code).toBe(0)
    expect(await change({ slowModeSeconds: 0 })).toMatchObject({ slowModeSeconds: 0 })
    expect((await say(alice, 'four')).code).toBe(0)
  })

  it('shield mode applies its preset in one switch and restores exactly what was before', async () => {
    const { t, clock, change, say } = await safetyRoom()
    const { client: alice } = await joinMain(t.room, 'alice')
    expect((await say(alice, 'hello before the raid')).code).toBe(0)
    await change({ slowModeSeconds: 5 })
    const up = await change({ shieldOn: true })
    expect(up).toMatchObject({ slowModeSeconds: 10, shield: { on: true } })
    clock.advance(60_000)
    expect((await say(alice, 'see evil.example.com')).code).toBe(ErrorCode.rejectedByCallback)
    clock.advance(60_000)
    // A first-time chatter's line waits for review; the sender is told it went.
    const { client: raider } = await joinMain(t.room, 'v_raider')
    expect((await say(raider, 'first words')).code).toBe(0)
    const queue = await api(t, t.room.ownerId, 'GET', 'review/items?GroupId=main')
    expect(queue.body).toMatchObject({ items: [{ from: 'v_raider', text: 'first words' }] })

    const down = await change({ shieldOn: false })
    expect(down).toMatchObject({ slowModeSeconds: 5, shield: { on: false } })
    const rules = await api(t, t.room.ownerId, 'GET', 'filters/rules?GroupId=main')
    expect(rules.body).toEqual({ rules: [] })
    clock.advance(60_000)
    expect((await say(alice, 'see good.example.com')).code).toBe(0)
    const audit = await api(t, t.room.ownerId, 'GET', 'audit/entries?GroupId=main')
    expect((audit.body.entries as { action: string }[]).map((e) => e.action)).toEqual(
      expect.arrayContaining(['shield-on', 'shield-off', 'slow-mode']),
    )
  })
})
