import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GiftSettings, GiftsSnapshot } from '../../../src-shared/contract'
import { ContractCode } from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'

/** The console's gift setting and feed, through its contract, against its embedded room. */
describe('the console gifts', () => {
  let dir: string
  let app: ConsoleApp

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-console-gifts-'))
    app = await startConsole({ dataDir: dir, host: 'browser', version: 'test', log: () => {} })
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const wallet = async (userId: string) => {
    const response = await fetch(`${app.room.httpUrl}/business/wallet`, {
      headers: { Authorization: `UserSig ${userId} ${app.room.signUserSig(userId)}` },
    })
    return ((await response.json()) as { balance: number }).balance
  }

  it('gives new wallets the saved starting balance, and wallets already open keep theirs', async () => {
    const here = { thisMachine: true }
    expect(await app.dispatch('gifts:get-settings', {}, here)).toEqual({
      ok: true,
      value: { startingBalance: 10_000 },
    })
    expect(await wallet('v_before')).toBe(10_000)
    const saved = await app.dispatch('gifts:save-settings', { startingBalance: 500 }, here)
    expect(saved).toEqual({ ok: true, value: { startingBalance: 500 } satisfies GiftSettings })
    expect(await wallet('v_after')).toBe(500)
    expect(await wallet('v_before')).toBe(10_000)
    // Money is changed only on this machine.
    const afar = await app.dispatch(
      'gifts:save-settings',
      { startingBalance: 1 },
      {
        thisMachine: false,
      },
    )
    expect(afar).toMatchObject({ ok: false, error: { code: ContractCode.localOnly } })
    expect(await app.dispatch('gifts:save-settings', { startingBalance: -1 }, here)).toMatchObject({
      ok: false,
    })
  })

  it('serves the business host’s feed to the Gifts panel', async () => {
    let snapshot: GiftsSnapshot | undefined
    // Main reads the feed once a second; wait for its first read (the failure guard is the test's).
    for (let i = 0; i < 50 && !snapshot?.feed; i++) {
      const result = await app.dispatch('gifts:get-snapshot', {}, { thisMachine: true })
      if (result.ok) snapshot = result.value as GiftsSnapshot
      if (!snapshot?.feed) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(snapshot).toMatchObject({
      available: true,
      feed: { groupId: 'main', entries: [], totals: { amount: 0, gifts: 0, senders: 0 } },
    })
  })
})
