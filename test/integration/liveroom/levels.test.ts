import { describe, expect, it } from 'vitest'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import { levelInCloudData, LevelRulesCode } from '../../../src-shared/protocol/levels'
import type { LiveRoom } from '../../../src-main/liveroom'
import { joinMain, startTestRoom, testClock, text, type TestClient } from './helpers'

/**
 * Viewer levels against a real embedded room (issue 12 §3): messages earn points, a daily cap
 * stops a spammer's climb until the next day, and the before-send callback writes the level into
 * the CloudCustomData every member receives — keeping the sender's own fields.
 */

const rules = {
  weights: { message: 1, onlineMinute: 1, like: 1, gift: 1 },
  dailyCaps: { message: 10, onlineMinute: 100, like: 100, gift: 100 },
  memberBonus: 0,
  thresholds: [5, 10, 20],
}

async function setup() {
  const clock = testClock(Date.UTC(2026, 0, 10, 12))
  const t = await startTestRoom({
    now: clock.now,
    setTimer: clock.setTimer,
    business: { onlineCount: false, levels: { rules } },
  })
  return { room: t.room, clock, t }
}

async function saveRules(room: LiveRoom, body: unknown, userId = room.ownerId) {
  const response = await fetch(`${room.httpUrl}/business/levels/rules`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `UserSig ${userId} ${room.signUserSig(userId)}`,
    },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const levelsSeen = (client: TestClient, from: string) =>
  client.frames.flatMap((frame: ServerFrame) =>
    frame.type === 'message' && frame.message.from === from
      ? [levelInCloudData(frame.message.cloudCustomData)]
      : [],
  )

describe('viewer levels', () => {
  it('rise with messages, stop at the daily cap, climb again the next day, and ride in CloudCustomData', async () => {
    const { room, clock } = await setup()
    const { client: watcher } = await joinMain(room, 'watcher')
    const { client: chatty } = await joinMain(room, 'chatty')
    const send = async (words: string, cloudCustomData?: string) => {
      // One a second: under the room's flood limit (3 in 2 s).
      clock.advance(1000)
      const ack = await chatty.request({
        type: 'send',
        groupId: room.defaultRoomId,
        msgBody: text(words),
        ...(cloudCustomData ? { cloudCustomData } : {}),
      })
      expect(ack.code).toBe(0)
    }
    for (let i = 0; i < 12; i++) await send(`line ${i}`)
    await send('with my own data', JSON.stringify({ color: 'red' }))
    await watcher.waitFor(
      (frame) =>
        frame.type === 'message' &&
        frame.message.from === 'chatty' &&
        frame.message.cloudCustomData?.includes('red') === true,
    )
    const seen = levelsSeen(watcher, 'chatty')
    // The first line is sent at 0 points (level 1); 5 messages make level 2, 10 level 3; the cap
    // (10 a day) holds it there.
    expect(seen[0]).toBe(1)
    expect(seen[5]).toBe(2)
    expect(seen.at(-1)).toBe(3)
    const last = watcher.frames.findLast(
      (frame) => frame.type === 'message' && frame.message.from === 'chatty',
    )
    expect(last?.type === 'message' && JSON.parse(last.message.cloudCustomData!)).toEqual({
      color: 'red',
      level: 3,
    })

    clock.advance(24 * 3600_000)
    for (let i = 0; i < 11; i++) await send(`day two ${i}`)
    const levels = await fetch(
      `${room.httpUrl}/business/levels/level?groupId=${room.defaultRoomId}&userId=chatty`,
    )
    expect(((await levels.json()) as { level: number }).level).toBe(4)
  })

  it('keeps the points a second in memory and writes them together; a restart finds them', async () => {
    const { room, clock, t } = await setup()
    const { client: chatty } = await joinMain(room, 'chatty')
    for (let i = 0; i < 6; i++) {
      clock.advance(1000)
      expect(
        (await chatty.request({ type: 'send', groupId: room.defaultRoomId, msgBody: text(`${i}`) }))
          .code,
      ).toBe(0)
    }
    const levelOf = async (liveRoom: typeof room) => {
      const response = await fetch(
        `${liveRoom.httpUrl}/business/levels/level?groupId=${liveRoom.defaultRoomId}&userId=chatty`,
      )
      return ((await response.json()) as { level: number }).level
    }
    // The level counts the points not yet written…
    expect(await levelOf(room)).toBe(2)
    // …and closing the room writes them, so the next start has them.
    const again = await t.restart()
    expect(await levelOf(again)).toBe(2)
  })

  it('shows the anchor its rules', async () => {
    const { room } = await setup()
    const response = await fetch(`${room.httpUrl}/business/levels/rules`)
    expect(((await response.json()) as { rules: unknown }).rules).toEqual(rules)
  })

  it('saves the anchor’s rules after checking them, and applies them to the next message at once', async () => {
    const { room, clock, t } = await setup()
    const { client: watcher } = await joinMain(room, 'watcher')
    const { client: chatty } = await joinMain(room, 'chatty')
    const send = async (words: string) => {
      clock.advance(1000)
      expect(
        (await chatty.request({ type: 'send', groupId: 'main', msgBody: text(words) })).code,
      ).toBe(0)
    }
    for (let i = 0; i < 3; i++) await send(`line ${i}`)
    // 3 points under thresholds 5, 10, 20: level 1.
    const level = async () =>
      (
        (await (
          await fetch(`${room.httpUrl}/business/levels/levels?groupId=main&userIds=chatty,nobody`)
        ).json()) as { levels: Record<string, number> }
      ).levels
    expect(await level()).toEqual({ chatty: 1, nobody: 1 })

    const cheaper = { ...rules, thresholds: [1, 2, 3, 100] }
    expect(
      await saveRules(room, { groupId: 'main', rules: { ...cheaper, thresholds: [2, 1] } }),
    ).toEqual({
      status: 400,
      body: expect.objectContaining({
        code: LevelRulesCode.badRules,
        data: { field: 'thresholds.1', reason: 'notAscending' },
      }),
    })
    expect(
      await saveRules(room, { groupId: 'main', rules: { ...cheaper, memberBonus: -5 } }),
    ).toMatchObject({ status: 400, body: { data: { field: 'memberBonus', reason: 'negative' } } })
    expect((await saveRules(room, { groupId: 'main', rules: cheaper }, 'chatty')).status).toBe(403)
    // Nothing refused changed anything.
    expect(await level()).toEqual({ chatty: 1, nobody: 1 })

    expect(await saveRules(room, { groupId: 'main', rules: cheaper })).toEqual({
      status: 200,
      body: { groupId: 'main', rules: cheaper },
    })
    expect(await level()).toEqual({ chatty: 4, nobody: 1 })
    await send('under the new rules')
    const line = await watcher.waitFor(
      (frame) =>
        frame.type === 'message' &&
        frame.message.msgBody.some(
          (e) => 'Text' in e.MsgContent && e.MsgContent.Text === 'under the new rules',
        ),
    )
    expect(line.type === 'message' && levelInCloudData(line.message.cloudCustomData)).toBe(4)

    // Shown to the anchor, and kept across a restart.
    const restarted = await t.restart()
    const shown = await fetch(`${restarted.httpUrl}/business/levels/rules?groupId=main`)
    expect(((await shown.json()) as { rules: unknown }).rules).toEqual(cheaper)
  })
})

describe('the membership flag (issue 12 §3)', () => {
  async function setMember(room: LiveRoom, body: unknown, userId = room.ownerId) {
    const response = await fetch(`${room.httpUrl}/business/levels/member`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `UserSig ${userId} ${room.signUserSig(userId)}`,
      },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  const levelOf = async (room: LiveRoom, userId: string) =>
    (
      (await (
        await fetch(`${room.httpUrl}/business/levels/levels?groupId=main&userIds=${userId}`)
      ).json()) as { levels: Record<string, number> }
    ).levels[userId]

  it('adds the rules’ member bonus to the level while set, by the owner only', async () => {
    const { room } = await setup()
    // A bonus of 12 points passes thresholds 5 and 10 of [5, 10, 20]: level 3 with no activity.
    expect(
      (await saveRules(room, { groupId: 'main', rules: { ...rules, memberBonus: 12 } })).status,
    ).toBe(200)
    expect(await levelOf(room, 'fan')).toBe(1)

    expect(await setMember(room, { groupId: 'main', userId: 'fan', member: true })).toEqual({
      status: 200,
      body: { groupId: 'main', userId: 'fan', member: true, level: 3 },
    })
    expect(await levelOf(room, 'fan')).toBe(3)
    // The member list's read names the members among those asked.
    expect(
      await (
        await fetch(`${room.httpUrl}/business/levels/levels?groupId=main&userIds=fan,other`)
      ).json(),
    ).toEqual({ groupId: 'main', levels: { fan: 3, other: 1 }, members: ['fan'] })

    // A viewer cannot make themselves a member; a bad flag is refused with words.
    expect(
      (await setMember(room, { groupId: 'main', userId: 'other', member: true }, 'fan')).status,
    ).toBe(403)
    expect(await levelOf(room, 'other')).toBe(1)
    expect(await setMember(room, { groupId: 'main', userId: 'fan', member: 'yes' })).toMatchObject({
      status: 400,
      body: { message: 'member must be true or false' },
    })

    expect(await setMember(room, { groupId: 'main', userId: 'fan', member: false })).toMatchObject({
      status: 200,
      body: { member: false, level: 1 },
    })
    expect(await levelOf(room, 'fan')).toBe(1)
  })
})
