import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContractEvent, RoomPeople, RoomSnapshot } from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'
import { joinMain, type TestClient } from '../liveroom/helpers'

/**
 * Main owns the room's state: the real console services with the embedded room, and real viewers.
 * A mass leave is noticed in the count before the list (a notice names at most 40 leavers), and
 * main sets its list right by itself — no Refresh, no renderer logic.
 */
describe('the console’s room session with real viewers', () => {
  let dir: string
  let app: ConsoleApp
  const events: ContractEvent[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-session-'))
    app = await startConsole({ dataDir: dir, host: 'browser', version: 'test', log: () => {} })
    app.events.subscribe((batch) => events.push(...batch))
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function waitFor<T>(
    what: string,
    probe: () => T | undefined,
    timeoutMs = 10_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      app.events.flush()
      const found = probe()
      if (found !== undefined) return found
      if (Date.now() > deadline) throw new Error(`${what} did not happen`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  const latestPeople = () =>
    events.filter((e) => e.name === 'room:people-changed').at(-1)?.payload as RoomPeople | undefined
  const onlineIds = (people: RoomPeople | undefined) =>
    (people?.members ?? []).filter((m) => m.online).map((m) => m.userId)

  it('70 viewers leaving at once leave only the anchor listed as online, and the count agrees', async () => {
    const viewers: TestClient[] = []
    for (let i = 0; i < 70; i++) {
      // Two loopback addresses: one address may hold only 64 connections (docs/protocol.md).
      const { client } = await joinMain(app.room, `v_mass_${i}`, {
        nick: `Mass ${i}`,
        localAddress: i % 2 ? '127.0.0.2' : '127.0.0.3',
      })
      viewers.push(client)
    }
    await waitFor('all 70 listed', () =>
      onlineIds(latestPeople()).length === 71 ? true : undefined,
    )

    await Promise.all(viewers.map((v) => v.close()))
    const people = await waitFor('the list to agree with the count', () => {
      const ids = onlineIds(latestPeople())
      return ids.length === 1 ? ids : undefined
    })
    expect(people).toEqual(['anchor'])
    const snapshot = (await app.dispatch('room:get-snapshot', {}, { thisMachine: true })) as {
      ok: true
      value: RoomSnapshot
    }
    expect(snapshot.value.online.count).toBe(1)
    expect(onlineIds(snapshot.value.people)).toEqual(['anchor'])
    expect(snapshot.value.online.peak).toBe(71)
  })
})
