import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ContractCode } from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'

/** The embedded room's message cap through the console's contract (issue 15 §4). */
describe('the console room settings', () => {
  const here = { thisMachine: true }
  let dir: string | undefined
  let app: ConsoleApp | undefined
  const start = async (msgCap?: number) => {
    dir ??= mkdtempSync(join(tmpdir(), 'livedesk-room-settings-'))
    app = await startConsole({
      dataDir: dir,
      host: 'browser',
      version: 'test',
      log: () => {},
      ...(msgCap !== undefined ? { msgCap } : {}),
    })
    return app
  }
  afterEach(async () => {
    await app?.close()
    app = undefined
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('runs at 40 until changed, applies a change at once and keeps it for the next start', async () => {
    let console = await start()
    expect(await console.dispatch('room:get-settings', {}, here)).toEqual({
      ok: true,
      value: {
        settings: { messageCap: 40 },
        messageCap: 40,
        fromCommandLine: false,
        tencentRoom: false,
      },
    })
    const saved = await console.dispatch('room:save-settings', { messageCap: 1000 }, here)
    expect(saved).toMatchObject({ ok: true, value: { messageCap: 1000 } })
    expect(console.room.maxMessagesPerSecond).toBe(1000)
    await console.close()
    console = await start()
    expect(console.room.maxMessagesPerSecond).toBe(1000)
  })

  it('lets --msg-cap override the saved cap for one run', async () => {
    let console = await start()
    await console.dispatch('room:save-settings', { messageCap: 100 }, here)
    await console.close()
    console = await start(2500)
    expect(console.room.maxMessagesPerSecond).toBe(2500)
    expect(await console.dispatch('room:get-settings', {}, here)).toMatchObject({
      ok: true,
      value: { settings: { messageCap: 100 }, messageCap: 2500, fromCommandLine: true },
    })
  })

  it('refuses a cap out of range, and any change from off this computer', async () => {
    const console = await start()
    for (const messageCap of [0, 10_001, 2.5]) {
      expect(await console.dispatch('room:save-settings', { messageCap }, here)).toMatchObject({
        ok: false,
        error: { code: ContractCode.invalidPayload },
      })
    }
    const afar = await console.dispatch(
      'room:save-settings',
      { messageCap: 5000 },
      { thisMachine: false },
    )
    expect(afar).toMatchObject({ ok: false, error: { code: ContractCode.localOnly } })
    // Saving the cap it runs with already is no change, from anywhere.
    expect(
      await console.dispatch('room:save-settings', { messageCap: 40 }, { thisMachine: false }),
    ).toMatchObject({ ok: true })
    expect(console.room.maxMessagesPerSecond).toBe(40)
  })
})
