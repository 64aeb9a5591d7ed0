import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { StreamErrorCode, type StreamStatus } from '../../../src-shared/contract/stream'
import {
  findFontFile,
  locateFfmpeg,
  type FfmpegInfo,
} from '../../../src-main/console/stream/ffmpeg-locate'
import { recoverRecordings } from '../../../src-main/console/stream/recording-recovery'
import { StreamSupervisor } from '../../../src-main/console/stream/stream-supervisor'
import {
  decodeFrames,
  hasFfprobe,
  Ingest,
  probeDuration,
  run,
  until,
  videoPacketTimes,
} from './helpers'

/**
 * Real ffmpeg, real node-media-server on loopback ports. Small profile (640×360, 800 kbps) and a
 * few seconds per test: the machine has two cores and the encoder has to keep real time.
 */

const profile = { preset: 'custom', width: 640, height: 360, fps: 30, videoBitrateKbps: 800 }
const live = hasFfprobe()

let dir: string
let ingest: Ingest
let ffmpeg: FfmpegInfo
let supervisors: StreamSupervisor[] = []

function supervisor(over: Partial<ConstructorParameters<typeof StreamSupervisor>[0]> = {}) {
  const s = new StreamSupervisor({ ffmpeg, fontFile: findFontFile(), ...over })
  supervisors.push(s)
  return s
}

/** Media time the encoder has produced, per the status snapshots. */
async function untilMedia(s: StreamSupervisor, ms: number) {
  await until(() => (s.status().health?.durationMs ?? 0) >= ms, `${ms} ms of media`, ms + 20_000)
}

describe.skipIf(!live)('stream supervisor with real ffmpeg and node-media-server', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-stream-'))
    ffmpeg = await locateFfmpeg({ env: { PATH: process.env.PATH } })
    ingest = await Ingest.create(dir)
    await ingest.start()
  })

  afterEach(async () => {
    // Every ffmpeg we started is stopped by its owner; the pids must be gone afterwards.
    const pids = supervisors
      .flatMap((s) => Object.values(s.pids()))
      .filter((p): p is number => p !== null)
    await Promise.all(supervisors.map((s) => s.stop()))
    supervisors = []
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow()
    if (!ingest.child) await ingest.start()
  })

  afterAll(async () => {
    await ingest?.stop()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('pushes the test pattern: viewers decode HTTP-FLV, the recording covers what was pushed', async () => {
    const s = supervisor()
    const record = path.join(dir, 'push.mp4')
    const status = await s.start({
      source: { kind: 'test-pattern' },
      profile,
      push: { url: ingest.rtmpUrl('push') },
      record: { path: record },
    })
    expect(status.state).toBe('started')
    const pulled = await decodeFrames(ingest.flvUrl('push'), ['-t', '2'])
    expect(pulled.ok).toBe(true)
    expect(pulled.frames).toBeGreaterThanOrEqual(30)
    await untilMedia(s, 4000)
    const health = s.status().health
    expect(health?.fps).toBeGreaterThan(0)
    expect(health?.bitrateKbps).toBeGreaterThan(0)
    const final = await s.stop()
    const media = (final.health?.durationMs ?? 0) / 1000
    expect(final).toMatchObject({ state: 'stopped', recording: { path: record, active: false } })
    expect(final.recording?.bytes).toBeGreaterThan(100_000)
    const duration = await probeDuration(record)
    expect(Math.abs(duration - media)).toBeLessThan(1.5)
    expect((await decodeFrames(record)).ok).toBe(true)
    // Clean stop: no marker left for recovery.
    expect(fs.existsSync(`${record}.livedesk-recording.json`)).toBe(false)
  }, 60_000)

  it('kill -9 of the encoder: the recording still decodes to within 3 s of the kill and is recovered', async () => {
    const s = supervisor()
    const record = path.join(dir, 'crash.mp4')
    await s.start({ source: { kind: 'test-pattern' }, profile, record: { path: record } })
    await untilMedia(s, 5000)
    const pid = s.pids().encoder
    expect(pid).not.toBeNull()
    const mediaAtKill = (s.status().health?.durationMs ?? 0) / 1000
    process.kill(pid as number, 'SIGKILL')
    // The supervisor notices and keeps recording into a new part.
    await until(() => s.status().recording?.path.endsWith('crash-part2.mp4') === true, 'part 2')
    expect(s.status().lastError?.code).toBe(StreamErrorCode.STREAM_FAILED)
    await s.stop()

    const decoded = await decodeFrames(record)
    expect(decoded.ok).toBe(true)
    expect(decoded.frames / 30).toBeGreaterThan(mediaAtKill - 3)
    expect(fs.existsSync(`${record}.livedesk-recording.json`)).toBe(true)

    // Next start: the cut-short part is remuxed into a regular MP4 with its index in front.
    const results = await recoverRecordings(ffmpeg.path, dir)
    expect(results).toEqual([{ path: record, ok: true, message: `Recovered ${record}` }])
    const head = fs.readFileSync(record).subarray(0, 64).toString('latin1')
    expect(head.indexOf('moov')).toBeGreaterThan(0)
    expect(head).not.toContain('moof')
    expect((await decodeFrames(record)).frames).toBe(decoded.frames)
    expect(fs.existsSync(`${record}.livedesk-recording.json`)).toBe(false)
  }, 60_000)

  it('ingest restarted mid-push: the push reconnects and the recording has no gap', async () => {
    const s = supervisor()
    const seen: StreamStatus[] = []
    s.onStatus((status) => seen.push(status))
    const record = path.join(dir, 'reconnect.mp4')
    await s.start({
      source: { kind: 'test-pattern' },
      profile,
      push: { url: ingest.rtmpUrl('again') },
      record: { path: record },
      reconnect: { initialDelayMs: 500 },
    })
    await untilMedia(s, 2000)
    await ingest.stop('SIGKILL')
    await until(() => s.status().state === 'reconnecting', 'reconnecting')
    await until(() => s.status().attempt >= 2, 'a failed retry while the ingest is down')
    await ingest.start()
    await until(() => s.status().state === 'started', 'started again', 30_000)
    expect(s.status().reconnects).toBeGreaterThanOrEqual(1)
    expect(s.status().attempt).toBe(0)
    expect(Math.max(...seen.map((x) => x.attempt))).toBeGreaterThan(0)
    const pulled = await decodeFrames(ingest.flvUrl('again'), ['-t', '1'])
    expect(pulled.frames).toBeGreaterThan(0)
    const final = await s.stop()

    // One encoder the whole time, one file, timestamps continuous: no frame missing anywhere.
    expect(fs.existsSync(path.join(dir, 'reconnect-part2.mp4'))).toBe(false)
    const times = await videoPacketTimes(record)
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0))
    expect(Math.max(...gaps)).toBeLessThan(0.1)
    expect(times.length).toBeGreaterThan(30 * ((final.health?.durationMs ?? 0) / 1000 - 1))
  }, 90_000)

  it('the 2018 static build pushes to a host name (resolved for it) too', async () => {
    const staticFfmpeg = await locateFfmpeg({ env: {}, settingsPath: null })
    expect(staticFfmpeg.source).toBe('installer')
    const s = supervisor({ ffmpeg: staticFfmpeg })
    await s.start({
      source: { kind: 'test-pattern' },
      profile,
      push: { url: `rtmp://localhost:${ingest.rtmpPort}/live/static` },
    })
    const pulled = await decodeFrames(ingest.flvUrl('static'), ['-t', '1'])
    expect(pulled.frames).toBeGreaterThan(0)
  }, 60_000)

  it('an ingest that rejects the publish fails start() with STREAM_AUTH_REJECTED and leaves nothing running', async () => {
    const locked = await Ingest.create(dir, true)
    await locked.start()
    try {
      const s = supervisor()
      await expect(
        s.start({
          source: { kind: 'test-pattern' },
          profile,
          push: { url: locked.rtmpUrl('nope') },
        }),
      ).rejects.toMatchObject({ code: StreamErrorCode.STREAM_AUTH_REJECTED })
      expect(s.pids()).toEqual({ encoder: null, push: null })
      expect(s.status().state).toBe('stopped')
    } finally {
      await locked.stop()
    }
  }, 60_000)

  it('bad settings: a clear coded error before anything starts', async () => {
    const s = supervisor()
    const base = {
      source: { kind: 'test-pattern' },
      profile,
      record: { path: path.join(dir, 'bad.mp4') },
    }
    await expect(
      s.start({ ...base, source: { kind: 'camera', video: '/dev/video99' } }),
    ).rejects.toMatchObject({
      code: StreamErrorCode.STREAM_DEVICE_UNAVAILABLE,
      message: expect.stringContaining('/dev/video99'),
    })
    await expect(
      s.start({ ...base, profile: { ...profile, videoBitrateKbps: 0 } }),
    ).rejects.toMatchObject({
      code: StreamErrorCode.STREAM_INVALID_SETTINGS,
    })
    const file = path.join(dir, 'not-a-dir')
    fs.writeFileSync(file, '')
    await expect(
      s.start({ ...base, record: { path: path.join(file, 'x.mp4') } }),
    ).rejects.toMatchObject({
      code: StreamErrorCode.STREAM_RECORD_UNWRITABLE,
    })
    expect(s.pids()).toEqual({ encoder: null, push: null })
    expect(fs.existsSync(path.join(dir, 'bad.mp4'))).toBe(false)
    await expect(
      locateFfmpeg({
        env: { PATH: dir },
        settingsPath: path.join(dir, 'nope'),
        installerPath: () => null,
      }),
    ).rejects.toMatchObject({
      code: StreamErrorCode.FFMPEG_NOT_FOUND,
      message: expect.stringContaining('nope'),
    })
  })

  it('the encoder cannot open a device it was promised: the ffmpeg error, coded', async () => {
    // Checks pass (the path exists) but it is no camera: ffmpeg itself must say so.
    const s = supervisor()
    await expect(
      s.start({
        source: { kind: 'camera', video: '/dev/null' },
        profile,
        record: { path: path.join(dir, 'cam.mp4') },
      }),
    ).rejects.toMatchObject({ code: expect.any(Number) })
    expect(s.status().state).toBe('stopped')
    expect(s.status().lastError?.code).not.toBe(StreamErrorCode.STREAM_ALREADY_RUNNING)
  }, 30_000)
})

describe.skipIf(!live)('livedesk stream CLI', () => {
  const repoRoot = path.resolve(__dirname, '../../..')
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx')
  const cli = path.join(repoRoot, 'src-main/console/stream/cli.ts')

  it('prints the signed push URL of the reference example', async () => {
    const r = await run(tsx, [
      cli,
      'push-url',
      '--domain',
      'xxxx.tlivepush.com',
      '--key',
      'e12c46f2612d5106e2034781ab261ca3',
      '--stream',
      'test',
      '--expires',
      new Date(0x5c271099 * 1000).toISOString(),
    ])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(
      'rtmp://xxxx.tlivepush.com/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099',
    )
  })

  it('bad arguments: one line, exit 2', async () => {
    const r = await run(tsx, [cli, 'push', '--source', 'webcam', '--to', 'rtmp://h/a/b'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/--source "webcam"/)
  })

  it('push --duration streams headless with health lines and exits 0', async () => {
    const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-stream-cli-'))
    const ingest = await Ingest.create(cliDir)
    await ingest.start()
    try {
      const record = path.join(cliDir, 'cli.mp4')
      const r = await run(
        tsx,
        [
          cli,
          'push',
          '--source',
          'test-pattern',
          '--to',
          ingest.rtmpUrl('cli'),
          '--record',
          record,
          '--duration',
          '2',
        ],
        60_000,
      )
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^state=started fps=\d/m)
      expect(r.stdout).toMatch(/^state=stopped/m)
      expect((await decodeFrames(record)).ok).toBe(true)
    } finally {
      await ingest.stop()
      fs.rmSync(cliDir, { recursive: true, force: true })
    }
  }, 90_000)
})
