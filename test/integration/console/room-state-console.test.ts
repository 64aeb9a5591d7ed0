import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ContractCode,
  type ContractEvent,
  type Result,
  type RoomSnapshot,
} from '../../../src-shared/contract'
import { RoomStateCode } from '../../../src-shared/protocol/room-state'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import { ImRestClient } from '../../../src-main/common/im-rest-client'

/**
 * The console's side of issue 12 with the real embedded room and its business host: the room
 * state's buttons reach the business host and every console mirrors what it tells the room, and a
 * rename or a notice set over REST (another admin, a script) reaches the console's header.
 */
describe('the console and the room state', () => {
  let dir: string
  let app: ConsoleApp
  const events: ContractEvent[] = []
  const here = { thisMachine: true }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-room-state-'))
    app = await startConsole({ dataDir: dir, host: 'browser', version: 'test', log: () => {} })
    app.events.subscribe((batch) => events.push(...batch))
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
    const deadline = Date.now() + 10_000
    for (;;) {
      app.events.flush()
      const found = probe()
      if (found !== undefined) return found
      if (Date.now() > deadline) throw new Error(`${what} did not happen`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  const snapshot = async () =>
    ((await app.dispatch('room:get-snapshot', {}, here)) as { ok: true; value: RoomSnapshot }).value

  it('drives the state from the console, and refuses what does not apply with its code', async () => {
    const started = (await app.dispatch('room-state:act', { action: 'start' }, here)) as Result<{
      state: string
    }>
    expect(started).toMatchObject({ ok: true, value: { state: 'live' } })
    expect((await snapshot()).roomState?.state).toBe('live')

    const resumed = (await app.dispatch(
      'room-state:act',
      { action: 'resume' },
      here,
    )) as Result<unknown>
    expect(resumed).toMatchObject({ ok: false, error: { code: RoomStateCode.notNow } })

    await app.dispatch('room-state:act', { action: 'pause' }, here)
    // The room's own copy (its High message, then the attribute) comes behind the answer.
    await waitFor('the paused state event', () =>
      events.some((e) => e.name === 'room:state-changed' && e.payload.state === 'paused')
        ? true
        : undefined,
    )
    expect((await snapshot()).roomState?.state).toBe('paused')
  })

  it('shows a rename and a new notice made over REST', async () => {
    const admin = app.room.adminIdentifiers[0]!
    const rest = new ImRestClient({
      baseUrl: app.room.httpUrl,
      sdkAppId: app.room.sdkAppId,
      identifier: admin,
      userSig: () => app.room.signUserSig(admin),
    })
    await rest.call('group_open_http_svc', 'modify_group_base_info', {
      GroupId: app.room.defaultRoomId,
      Name: 'Renamed over REST',
      Notification: '공지: 9시에 시작',
    })
    const changed = await waitFor('the profile event', () =>
      events.find((e) => e.name === 'room:profile-changed'),
    )
    expect(changed.payload).toMatchObject({
      name: 'Renamed over REST',
      notice: { notification: '공지: 9시에 시작' },
    })
    expect(await snapshot()).toMatchObject({
      name: 'Renamed over REST',
      notice: { notification: '공지: 9시에 시작' },
    })
  })

  it('publishes a notice at Tencent’s byte limits (CJK counts 3) and refuses one byte more', async () => {
    const cjk = (chars: number) => '공'.repeat(chars)
    const publish = (notification: string, introduction = '') =>
      app.dispatch('room:set-notice', { notification, introduction }, here) as Promise<
        Result<{ notification: string }>
      >
    expect(await publish(cjk(99) + 'ab', cjk(80))).toMatchObject({ ok: true })
    expect(await publish(cjk(100))).toMatchObject({ ok: true })
    const over = await publish(cjk(100) + 'a')
    expect(over).toMatchObject({ ok: false, error: { code: ContractCode.invalidPayload } })
    const introductionOver = await publish('', cjk(80) + 'a')
    expect(introductionOver).toMatchObject({ ok: false })
    const notice = await waitFor('the room’s tip with the 300-byte notice', () => {
      const found = events.findLast((e) => e.name === 'room:profile-changed')
      return found?.name === 'room:profile-changed' &&
        found.payload.notice.notification === cjk(100)
        ? found.payload.notice
        : undefined
    })
    expect(notice.history.at(-1)?.fields).toContain('notification')
  })
})
