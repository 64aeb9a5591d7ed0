import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type {
  CommandName,
  ContractEvent,
  EventName,
  EventPayload,
  Result,
  RoomMember,
  RoomSnapshot,
} from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import { joinMain, text, type TestClient } from '../liveroom/helpers'

/**
 * The console's moderation end to end: the real console services (startConsole hosts the embedded
 * room), its contract dispatch, and viewers on real WebSockets of the room.
 */
describe('console moderation', () => {
  let dir: string
  let app: ConsoleApp
  let events: ContractEvent[] = []
  const viewers: TestClient[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-moderation-'))
    app = await startConsole({ dataDir: dir, host: 'browser', version: 'test', log: () => {} })
    app.events.subscribe((batch) => events.push(...batch))
  })
  afterEach(async () => {
    await Promise.all(viewers.splice(0).map((v) => v.close()))
    await call('room:set-mute-all', { on: false })
    events = []
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function call(name: CommandName, input: unknown): Promise<Result<unknown>> {
    return app.dispatch(name, input, { thisMachine: true })
  }
  async function value<T>(name: CommandName, input: unknown): Promise<T> {
    const result = await call(name, input)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.value as T
  }
  async function viewer(userId: string, nick: string): Promise<TestClient> {
    const { client } = await joinMain(app.room, userId, { nick })
    viewers.push(client)
    return client
  }
  async function waitForEvent<N extends EventName>(
    name: N,
    match: (payload: EventPayload<N>) => boolean = () => true,
  ): Promise<EventPayload<N>> {
    for (let i = 0; i < 200; i++) {
      app.events.flush()
      const found = events.find((e) => e.name === name && match(e.payload as EventPayload<N>))
      if (found) return found.payload as EventPayload<N>
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error(`${name} did not arrive; got ${events.map((e) => e.name).join(', ')}`)
  }
  /** Waits until main's member list (as every console gets it) shows `userId` so. */
  const waitForMember = (userId: string, match: (member: RoomMember) => boolean) =>
    waitForEvent('room:people-changed', (p) =>
      p.members.some((m) => m.userId === userId && match(m)),
    )
  const members = async () =>
    (await value<{ members: RoomMember[] }>('room:get-members', {})).members
  const send = (client: TestClient, words: string) =>
    client.request({ type: 'send', groupId: app.room.defaultRoomId, msgBody: text(words) })
  const rejoin = (client: TestClient) =>
    client.request({ type: 'join', groupId: app.room.defaultRoomId })

  it('lists members with their nicks as they join and leave', async () => {
    const alice = await viewer('v_alice', 'Alice')
    await viewer('v_bob', 'Bob')
    await waitForMember('v_bob', (m) => m.online)
    await waitForMember('v_alice', (m) => m.online && m.nick === 'Alice' && m.role === 'Member')

    const listed = await members()
    expect(listed.filter((m) => m.online).map((m) => [m.userId, m.nick, m.role])).toEqual(
      expect.arrayContaining([
        ['anchor', expect.any(String), 'Owner'],
        ['v_alice', 'Alice', 'Member'],
        ['v_bob', 'Bob', 'Member'],
      ]),
    )

    await alice.close()
    await waitForMember('v_alice', (m) => !m.online)
    const after = await members()
    expect(after.find((m) => m.userId === 'v_alice')).toMatchObject({
      nick: 'Alice',
      online: false,
    })
    expect(after.find((m) => m.userId === 'v_bob')).toMatchObject({ online: true })
    const snapshot = await value<RoomSnapshot>('room:get-snapshot', {})
    expect(snapshot.people.members.find((m) => m.userId === 'v_alice')?.online).toBe(false)
  })

  it('kicks a viewer out of the room; they may join again', async () => {
    const carol = await viewer('v_carol', 'Carol')
    await waitForMember('v_carol', (m) => m.online)

    expect(await call('moderation:kick', { userId: 'v_carol', reason: 'spam' })).toEqual({
      ok: true,
      value: { userId: 'v_carol' },
    })
    const kicked = await carol.waitFor((f) => f.type === 'member-kicked')
    expect(kicked).toMatchObject({ userIds: ['v_carol'], reason: 'spam' })
    await waitForMember('v_carol', (m) => !m.online)
    expect((await members()).find((m) => m.userId === 'v_carol')?.online).toBe(false)
    expect((await send(carol, 'still here?')).code).not.toBe(0)

    expect((await rejoin(carol)).code).toBe(0)
    await waitForMember('v_carol', (m) => m.online)
    expect((await members()).find((m) => m.userId === 'v_carol')?.online).toBe(true)
  })

  it('refuses to kick the owner, in words, with 10007', async () => {
    const result = await call('moderation:kick', { userId: 'anchor' })
    expect(result).toMatchObject({ ok: false, error: { code: 10007 } })
    expect(!result.ok && result.error.message).toMatch(/owner/i)
  })

  it("mute-all refuses a viewer's send with 10017 while the anchor still sends", async () => {
    const dave = await viewer('v_dave', 'Dave')
    expect(await call('room:set-mute-all', { on: true })).toEqual({
      ok: true,
      value: { muteAll: true },
    })
    await dave.waitFor(
      (f) => f.type === 'group-profile-changed' && f.changes.muteAllMembers === true,
    )
    expect((await value<{ muteAll: boolean }>('room:get-snapshot', {})).muteAll).toBe(true)
    await waitForEvent('room:mute-all-changed', (p) => p.muteAll)

    expect((await send(dave, 'can I talk?')).code).toBe(10017)
    expect(await call('room:send-message', { text: 'only the host talks now' })).toMatchObject({
      ok: true,
    })

    await value('room:set-mute-all', { on: false })
    await waitForEvent('room:mute-all-changed', (p) => !p.muteAll)
    expect((await send(dave, 'thanks')).code).toBe(0)
  })

  it('mutes for any duration and unmutes', async () => {
    const erin = await viewer('v_erin', 'Erin')
    const muted = await value<{ muteUntil: number }>('moderation:mute', {
      userId: 'v_erin',
      seconds: 3 * 86400,
    })
    expect(muted.muteUntil).toBeGreaterThan(Date.now() + 3 * 86400_000 - 60_000)
    expect((await send(erin, 'muted?')).code).toBe(10017)
    expect((await members()).find((m) => m.userId === 'v_erin')?.muteUntil).toBeGreaterThan(0)

    expect(await call('moderation:unmute', { userId: 'v_erin' })).toEqual({
      ok: true,
      value: { userId: 'v_erin', muteUntil: 0 },
    })
    expect((await send(erin, 'free again')).code).toBe(0)
    expect((await members()).find((m) => m.userId === 'v_erin')?.muteUntil).toBe(0)
  })

  it('bans a viewer: removed and refused on rejoin until the ban is lifted', async () => {
    const frank = await viewer('v_frank', 'Frank')
    const banned = await call('moderation:ban', {
      userId: 'v_frank',
      seconds: 3600,
      reason: 'abuse',
    })
    expect(banned).toMatchObject({ ok: true, value: { userId: 'v_frank' } })
    const told = await frank.waitFor((f) => f.type === 'member-banned')
    expect(told).toMatchObject({ userIds: ['v_frank'], reason: 'abuse' })
    await waitForMember('v_frank', (m) => !m.online && m.banUntil > 0)
    expect((await members()).find((m) => m.userId === 'v_frank')).toMatchObject({ online: false })
    expect((await rejoin(frank)).code).not.toBe(0)

    expect(await call('moderation:ban', { userId: 'v_frank', seconds: 0 })).toEqual({
      ok: true,
      value: { userId: 'v_frank', banUntil: 0 },
    })
    expect((await rejoin(frank)).code).toBe(0)
  })
})
