import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NoticeFollow, RoomNotice, RoomSnapshot } from '../../../src-shared/contract'
import { startConsole, type ConsoleApp } from '../../../src-main/console/console-app'

/**
 * Notices that follow the room state (issue 12 §2) with the real embedded room: a pause puts up
 * the be-right-back notice through the notice's REST path, a resume and an end bring the anchor's
 * notice back, and the history says the room state made those changes.
 */
describe('the notice follows the room state', () => {
  let dir: string
  let app: ConsoleApp
  const here = { thisMachine: true }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'livedesk-notice-follow-'))
    app = await startConsole({ dataDir: dir, host: 'browser', version: 'test', log: () => {} })
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = (await app.dispatch(name as never, input as never, here)) as {
      ok: boolean
      value: T
      error?: unknown
    }
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.value
  }
  const notice = async () => (await call<RoomSnapshot>('room:get-snapshot', {})).notice

  async function noticeBecomes(text: string): Promise<RoomNotice> {
    const deadline = Date.now() + 10_000
    for (;;) {
      const current = await notice()
      if (current.notification === text) return current
      if (Date.now() > deadline) throw new Error(`the notice never became "${text}"`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  it('is on by default, swaps to be-right-back on pause and back on resume and end', async () => {
    expect(await call<NoticeFollow>('notice:get-follow', {})).toEqual({
      enabled: true,
      text: '',
      locale: 'en',
    })
    await call('notice:save-follow', { enabled: true, text: '', locale: 'ko' })
    await call('room:set-notice', { notification: 'Tonight: 김치찌개', introduction: 'Weekly' })
    await noticeBecomes('Tonight: 김치찌개')
    await call('room-state:act', { action: 'start' })

    await call('room-state:act', { action: 'pause' })
    const paused = await noticeBecomes('곧 돌아옵니다: 스트림이 곧 다시 시작됩니다.')
    expect(paused.introduction).toBe('Weekly')
    expect(paused.history.at(-1)).toMatchObject({ by: 'room-state', fields: ['notification'] })

    await call('room-state:act', { action: 'resume' })
    const back = await noticeBecomes('Tonight: 김치찌개')
    expect(back.history.at(-1)).toMatchObject({ by: 'room-state' })
    // The anchor's own change is the anchor's.
    expect(back.history.filter((change) => change.by === undefined).length).toBeGreaterThan(0)

    // A configured text, and the end restores too: a show never ends on "be right back".
    await call('notice:save-follow', { enabled: true, text: 'BRB — 5 min', locale: 'en' })
    await call('room-state:act', { action: 'pause' })
    await noticeBecomes('BRB — 5 min')
    await call('room-state:act', { action: 'end' })
    await noticeBecomes('Tonight: 김치찌개')
  })

  it('leaves the notice alone when switched off', async () => {
    await call('notice:save-follow', { enabled: false, text: '', locale: 'en' })
    await call('room-state:act', { action: 'start' })
    const before = (await notice()).history.length
    await call('room-state:act', { action: 'pause' })
    // Something that goes out after the pause: when it shows, the pause's swap would have too.
    await call('room:set-notice', { notification: 'Marker', introduction: 'Weekly' })
    const after = await noticeBecomes('Marker')
    const since = after.history.slice(before)
    expect(since.length).toBeGreaterThan(0)
    expect(since.filter((change) => change.by === 'room-state')).toEqual([])
    await call('room-state:act', { action: 'end' })
  })
})
