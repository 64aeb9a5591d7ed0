import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  checkDiskSpace,
  findUnfinishedRecordings,
  markerPath,
  writeRecordingMarker,
} from '../../../src-main/console/stream/recording-recovery'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-rec-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('unfinished recordings', () => {
  it('finds markers whose writer is gone, skips live writers, drops stale markers', () => {
    const cut = path.join(dir, 'cut.mp4')
    const live = path.join(dir, 'live.mp4')
    fs.writeFileSync(cut, 'x')
    fs.writeFileSync(live, 'x')
    writeRecordingMarker({ path: cut, format: 'fmp4', startedAt: 1, pid: 111 })
    writeRecordingMarker({ path: live, format: 'fmp4', startedAt: 1, pid: 222 })
    writeRecordingMarker({
      path: path.join(dir, 'gone.mp4'),
      format: 'mkv',
      startedAt: 1,
      pid: null,
    })
    fs.writeFileSync(path.join(dir, 'torn.mp4.livedesk-recording.json'), '{"pa')
    const found = findUnfinishedRecordings(dir, (pid) => pid === 222)
    expect(found).toEqual([{ path: cut, format: 'fmp4', startedAt: 1, pid: 111 }])
    expect(fs.existsSync(markerPath(path.join(dir, 'gone.mp4')))).toBe(false)
    expect(fs.existsSync(path.join(dir, 'torn.mp4.livedesk-recording.json'))).toBe(false)
  })
})

describe('disk guard', () => {
  const mb = 1024 * 1024
  it('passes above the floor and explains itself below it', async () => {
    expect(await checkDiskSpace(dir, 500, async () => ({ bavail: 600, bsize: mb }))).toMatchObject({
      ok: true,
      freeMb: 600,
    })
    const low = await checkDiskSpace(dir, 500, async () => ({ bavail: 120, bsize: mb }))
    expect(low).toMatchObject({ ok: false, freeMb: 120 })
    expect(low.message).toMatch(/Only 120 MB free .* below 500 MB/)
  })

  it('reads the real disk by default', async () => {
    expect((await checkDiskSpace(dir, 0)).ok).toBe(true)
  })
})
