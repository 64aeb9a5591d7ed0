import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DanmakuOverlay as DanmakuSettings } from '../../../src-shared/contract/stage'
import { systemClock } from '../../../src-main/common/clock'
import { DanmakuOverlay } from '../../../src-main/console/stream/danmaku'
import {
  findFontFile,
  locateFfmpeg,
  type FfmpegInfo,
} from '../../../src-main/console/stream/ffmpeg-locate'
import { StreamSupervisor } from '../../../src-main/console/stream/stream-supervisor'
import { run, until } from './helpers'

/**
 * The danmaku reaches the pixels: a still picture recorded with and without lines pushed into
 * the overlay, frames compared (no OCR — a band that was one colour is not any more).
 */

const width = 640
const height = 360
const profile = { preset: 'custom', width, height, fps: 30, videoBitrateKbps: 800 }

let dir: string
let ffmpeg: FfmpegInfo
let still: string
const owned: Array<{ stop(): Promise<unknown> } | { close(): void }> = []

/** The recording's picture at `seconds`, cropped, as 8-bit grey pixels. */
async function pixels(file: string, seconds: number, crop: string): Promise<Buffer> {
  const out = path.join(dir, `frame-${Math.random().toString(36).slice(2)}.gray`)
  const r = await run(ffmpeg.path, [
    ...['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1'],
    ...['-vf', `crop=${crop},format=gray`, '-f', 'rawvideo', '-y', out],
  ])
  expect(r.code, r.stderr).toBe(0)
  return fs.readFileSync(out)
}

/** Mean absolute difference of two grey crops, 0–255. */
function difference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0))
  return sum / a.length
}

/** Records the still for `seconds` with a danmaku, pushing `lines` once the encoder runs. */
async function record(name: string, settings: Partial<DanmakuSettings>, lines: string[]) {
  const supervisor = new StreamSupervisor({ ffmpeg, fontFile: findFontFile() })
  owned.push(supervisor)
  const danmaku = new DanmakuOverlay({
    settings: DanmakuSettings.parse({ kind: 'danmaku', ...settings }),
    width,
    height,
    fps: 30,
    dir: path.join(dir, `${name}-layers`),
    clock: systemClock,
    frameNow: () => supervisor.encoderFrame(),
  })
  owned.push(danmaku)
  const file = path.join(dir, `${name}.mp4`)
  await supervisor.start(
    { source: { kind: 'image', path: still }, profile, record: { path: file } },
    { layers: danmaku.layers() },
  )
  danmaku.start()
  await until(() => (supervisor.status().health?.durationMs ?? 0) >= 1000, 'a second recorded')
  for (const text of lines) danmaku.push({ nick: 'Viewer', text })
  await until(() => (supervisor.status().health?.durationMs ?? 0) >= 5000, 'five seconds')
  await supervisor.stop()
  danmaku.close()
  return file
}

describe('danmaku in the recorded picture (real ffmpeg)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-danmaku-it-'))
    ffmpeg = await locateFfmpeg({ env: { PATH: process.env.PATH } })
    still = path.join(dir, 'still.png')
    const r = await run(ffmpeg.path, [
      ...['-v', 'error', '-f', 'lavfi', '-i', `color=c=0x336699:s=${width}x${height}`],
      ...['-frames:v', '1', '-y', still],
    ])
    expect(r.code, r.stderr).toBe(0)
  })

  afterEach(async () => {
    for (const thing of owned.splice(0)) {
      if ('stop' in thing) await thing.stop()
      else thing.close()
    }
  })

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('a chat box: the lines appear in their corner, and not before they were sent', async () => {
    const file = await record('box', { mode: 'box', position: 'bottom-left', lines: 3 }, [
      '안녕하세요 LiveDesk',
      '大家好',
    ])
    const corner = `${width / 2}:${height / 3}:0:${(height * 2) / 3}`
    const before = await pixels(file, 0.5, corner)
    const after = await pixels(file, 4.5, corner)
    expect(difference(before, after)).toBeGreaterThan(2)
    // The rest of the picture is the still, untouched.
    const top = `${width}:${height / 2}:0:0`
    expect(difference(await pixels(file, 0.5, top), await pixels(file, 4.5, top))).toBeLessThan(1)
  }, 60_000)

  it('scrolling: a line crosses the top band; without lines the band stays the still', async () => {
    const band = `${width}:${Math.round(height * 0.35)}:0:${Math.round(height * 0.1)}`
    const quiet = await record('quiet', { mode: 'scroll', speed: 'fast' }, [])
    expect(difference(await pixels(quiet, 0.5, band), await pixels(quiet, 4.5, band))).toBeLessThan(
      1,
    )
    const busy = await record('busy', { mode: 'scroll', speed: 'fast' }, [
      '첫 번째 탄막',
      'second line',
      '第三条',
    ])
    expect(
      difference(await pixels(busy, 0.5, band), await pixels(busy, 4.5, band)),
    ).toBeGreaterThan(1)
  }, 90_000)
})
