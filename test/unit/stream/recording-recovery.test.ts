import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  checkDiskSpace,
  findUnfinishedRecordings,
  markerPath,
  recordingFiles,
  recoverRecordings,
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

describe('split recordings', () => {
  it('stand for their numbered parts, in order, and are unfinished while any part is there', () => {
    const base = path.join(dir, 'show.mp4')
    for (const name of [
      'show-010.mp4',
      'show-002.mp4',
      'show-001.mp4',
      'show-003.mkv',
      'x-004.mp4',
    ])
      fs.writeFileSync(path.join(dir, name), 'x')
    expect(recordingFiles({ path: base, split: true })).toEqual(
      ['show-001.mp4', 'show-002.mp4', 'show-010.mp4'].map((n) => path.join(dir, n)),
    )
    expect(recordingFiles({ path: base })).toEqual([])
    writeRecordingMarker({ path: base, format: 'fmp4', startedAt: 1, pid: 333, split: true })
    expect(findUnfinishedRecordings(dir, () => false)).toEqual([
      { path: base, format: 'fmp4', startedAt: 1, pid: 333, split: true },
    ])
    const empty = path.join(dir, 'none.mp4')
    writeRecordingMarker({ path: empty, format: 'fmp4', startedAt: 1, pid: 444, split: true })
    findUnfinishedRecordings(dir, () => false)
    expect(fs.existsSync(markerPath(empty))).toBe(false)
  })
})

describe('an interrupted remux', () => {
  it('leaves its half-written copy, which the next start removes; other files stay', async () => {
    for (const name of ['show.mp4', 'show.recovering.mp4', 'lonely.recovering.mp4'])
      fs.writeFileSync(path.join(dir, name), 'x')
    expect(await recoverRecordings('/nonexistent/ffmpeg', dir)).toEqual([])
    expect(fs.readdirSync(dir).sort()).toEqual(['lonely.recovering.mp4', 'show.mp4'])
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
