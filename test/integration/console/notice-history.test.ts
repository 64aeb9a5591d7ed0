import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RoomNotice, RoomSnapshot } from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'

/**
 * The Notice editor's history of who changed what when (issue 12 §2) outlives the console: the
 * real console services with the embedded room, closed and started again on the same data dir.
 */
describe('the notice history across a console restart', () => {
  let dir: string
  let app: ConsoleApp | undefined

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-notice-history-'))
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const start = () =>
    startConsole({ dataDir: dir, host: 'browser', version: 'test', log: () => {} })

  async function notice(host: ConsoleApp): Promise<RoomNotice> {
    const answer = (await host.dispatch('room:get-snapshot', {}, { thisMachine: true })) as {
      ok: true
      value: RoomSnapshot
    }
    return answer.value.notice
  }

  async function waitForHistory(host: ConsoleApp, length: number): Promise<RoomNotice> {
    const deadline = Date.now() + 10_000
    for (;;) {
      const now = await notice(host)
      if (now.history.length >= length) return now
      if (Date.now() > deadline) throw new Error(`the history never reached ${length} changes`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  it('shows the same history after a restart, and keeps adding to it', async () => {
    app = await start()
    const before = (await notice(app)).history.length
    const set = await app.dispatch(
      'room:set-notice',
      { notification: 'Back at nine', introduction: 'Cooking every night' },
      { thisMachine: true },
    )
    expect(set).toMatchObject({ ok: true })
    const first = await waitForHistory(app, before + 1)
    const change = first.history.at(-1)!
    expect(change.fields).toEqual(expect.arrayContaining(['notification', 'introduction']))
    expect(change.operatorId).not.toBe('')
    await app.close()

    app = await start()
    const restarted = await notice(app)
    expect(restarted.notification).toBe('Back at nine')
    expect(restarted.history).toEqual(first.history)

    await app.dispatch(
      'room:set-notice',
      { notification: 'Back at ten', introduction: 'Cooking every night' },
      { thisMachine: true },
    )
    const second = await waitForHistory(app, first.history.length + 1)
    expect(second.history.slice(0, first.history.length)).toEqual(first.history)
    expect(second.history.at(-1)?.fields).toContain('notification')
  })
})
