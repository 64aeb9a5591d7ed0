import { describe, expect, it } from 'vitest'
import type { Priority, ServerFrame } from '../../../src-shared/protocol/frames'
import { type Ack, joinMain, rest, startTestRoom, testTime, text, type TestRoom } from './helpers'

let t: TestRoom | undefined

type RoomLoadFrame = Extract<ServerFrame, { type: 'room-load' }>

async function join(userId: string, options: Parameters<typeof joinMain>[2] = {}) {
  const { client } = await joinMain(t!.room, userId, options)
  return client
}

const counts = (High = 0, Normal = 0, Low = 0, Lowest = 0) => ({ High, Normal, Low, Lowest })

describe('room-load', () => {
  it('tells the owner and v2 admins what each window was offered and shed, and nobody else', async () => {
    const time = testTime()
    // The group's limit is under test, not the per-connection flood limit.
    t = await startTestRoom({
      now: time.now,
      setTimer: time.setTimer,
      floodLimit: false,
      viewerMaxPriority: 'High',
    })
    for (const admin of ['mod1', 'mod_old']) {
      await rest(t, 'group_open_avchatroom_http_svc/modify_admin', {
        GroupId: 'main',
        CommandType: 1,
        Admin_Account: [admin],
      })
    }
    const owner = await join('anchor')
    const admin = await join('mod1')
    const oldAdmin = await join('mod_old', { version: 1 })
    const viewer = await join('v_watch')
    const senders = await Promise.all(['s1', 's2', 's3'].map((id) => join(id)))

    // 40 Low fill the window at once; then 30 High and 30 Lowest wait and compete at its end:
    // the 30 High and 10 Lowest are admitted, 20 Lowest are shed.
    const plan: Priority[] = [
      ...Array<Priority>(40).fill('Low'),
      ...Array<Priority>(30).fill('High'),
      ...Array<Priority>(30).fill('Lowest'),
    ]
    const pending: Promise<Ack>[] = plan.map((priority, i) =>
      senders[i % senders.length]!.request({
        type: 'send',
        groupId: 'main',
        priority,
        msgBody: text(`${priority}-${i}`),
      }),
    )
    // A ping answered on each connection means every send before it has reached the server.
    await Promise.all(senders.map((s) => s.request({ type: 'ping' })))
    time.advance(1000)
    // Shed senders are still told they succeeded (reference §1.1).
    expect((await Promise.all(pending)).every((ack) => ack.code === 0)).toBe(true)

    const isLoad = (f: ServerFrame): f is RoomLoadFrame => f.type === 'room-load'
    const busy = {
      type: 'room-load',
      groupId: 'main',
      windowMs: 1000,
      cap: 40,
      offered: counts(30, 0, 40, 30),
      shed: counts(0, 0, 0, 20),
    }
    expect(await owner.waitFor(isLoad)).toEqual(busy)
    expect(await admin.waitFor(isLoad)).toEqual(busy)

    // The next window is quiet: one all-zero report, so the anchor's meter drops to zero.
    time.advance(1000)
    await owner.request({ type: 'ping' })
    const quiet = { ...busy, offered: counts(), shed: counts() }
    expect(owner.framesOf('room-load')).toEqual([busy, quiet])
    time.advance(3000)
    await owner.request({ type: 'ping' })
    expect(owner.framesOf('room-load')).toHaveLength(2)

    // A viewer, the senders and a version 1 client (which does not know the frame) get none.
    for (const client of [viewer, oldAdmin, ...senders]) {
      await client.request({ type: 'ping' })
      expect(client.framesOf('room-load')).toEqual([])
    }
    // The v1 admin is in the room and does hear the messages themselves.
    expect(oldAdmin.framesOf('message')).toHaveLength(80)
  })
})
