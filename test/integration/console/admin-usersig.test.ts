import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { ADMIN_USERSIG_SECONDS, startConsole } from '../../../src-main/console/console-app'
import { decodeUserSig } from '../../../src-main/common/usersig'

describe("the console's App admin UserSig", () => {
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-admin-sig-'))
  afterAll(() => {
    vi.restoreAllMocks()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lives an hour, not the room default of 180 days', async () => {
    // The REST client takes the global fetch when it is made: watch it from the start.
    const fetches = vi.spyOn(globalThis, 'fetch')
    const app = await startConsole({
      dataDir: dir,
      host: 'browser',
      version: 'test',
      log: () => {},
    })
    try {
      const thisMachine = { thisMachine: true }
      expect(await app.dispatch('room:get-members', {}, thisMachine)).toMatchObject({ ok: true })
      expect(await app.dispatch('room:get-members', {}, thisMachine)).toMatchObject({ ok: true })
    } finally {
      await app.close()
    }
    const sigs = fetches.mock.calls
      .map(([input]) => new URL(String(input instanceof Request ? input.url : input)))
      .filter((url) => url.pathname.startsWith('/v4/'))
      .map((url) => url.searchParams.get('usersig') ?? '')
    expect(sigs.length).toBeGreaterThanOrEqual(2)
    for (const sig of sigs) {
      expect(decodeUserSig(sig)?.['TLS.expire']).toBe(ADMIN_USERSIG_SECONDS)
    }
    expect(ADMIN_USERSIG_SECONDS).toBeLessThanOrEqual(6 * 3600)
  })
})
