import { spawn } from 'node:child_process'
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
import { buildStreamArgs } from '../../../src-main/console/stream/ffmpeg-args'
import {
  recoverRecordings,
  writeRecordingMarker,
} from '../../../src-main/console/stream/recording-recovery'
import { splitPartPath } from '../../../src-main/console/stream/recording-name'
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
// ffprobe comes with ffmpeg, which npm test makes sure of (scripts/preflight.mjs); run without it,
// these tests fail saying so rather than skip in silence.
const requireFfprobe = () => {
  if (!hasFfprobe()) throw new Error('ffprobe is not on PATH: install ffmpeg (it brings ffprobe)')
}

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

describe('stream supervisor with real ffmpeg and node-media-server', () => {
  beforeAll(async () => {
    requireFfprobe()
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

  it('Record then Go live then End live: one encoder throughout, the recording whole, the push watched', async () => {
    const s = supervisor()
    const record = path.join(dir, 'record-first.mp4')
    await s.start({ source: { kind: 'test-pattern' }, profile, record: { path: record } })
    await untilMedia(s, 2000)
    const encoder = s.pids().encoder
    const live = await s.startPush(ingest.rtmpUrl('record-first'))
    expect(live).toMatchObject({ state: 'started', push: { active: true } })
    const pulled = await decodeFrames(ingest.flvUrl('record-first'), ['-t', '2'])
    expect(pulled.ok).toBe(true)
    expect(pulled.frames).toBeGreaterThanOrEqual(30)
    const ended = await s.stopPush()
    expect(ended).toMatchObject({ state: 'started', push: null, recording: { active: true } })
    expect(s.pids()).toEqual({ encoder, push: null })
    await untilMedia(s, (s.status().health?.durationMs ?? 0) + 1000)
    const final = await s.stop()
    // The push came and went; the recording never noticed (one file, no gap).
    expect(final.recording).toMatchObject({ path: record, parts: 1 })
    const media = (final.health?.durationMs ?? 0) / 1000
    expect(Math.abs((await probeDuration(record)) - media)).toBeLessThan(1.5)
    const times = await videoPacketTimes(record)
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t))
    expect(Math.max(...gaps)).toBeLessThan(0.5)
  }, 90_000)

  it('Go live then Record then Stop recording: one publish throughout, the recording a whole file', async () => {
    const s = supervisor()
    const record = path.join(dir, 'live-first.mp4')
    await s.start({
      source: { kind: 'test-pattern' },
      profile,
      push: { url: ingest.rtmpUrl('lf') },
    })
    const relay = s.pids().push
    // A viewer watches across both encoder restarts.
    const watching = decodeFrames(ingest.flvUrl('lf'), ['-t', '8'])
    const recording = await s.startRecording({
      path: record,
      format: 'fmp4',
      split: { by: 'none' },
    })
    expect(recording.recording).toMatchObject({ path: record, active: true })
    // Four seconds more than the push had when the recording began (the media time counts across
    // encoders): a fixed 4 s could fall while the recording encoder was only starting, on a busy
    // machine, and leave it an empty file.
    await untilMedia(s, (s.status().health?.durationMs ?? 0) + 4500)
    const stopped = await s.stopRecording()
    expect(stopped).toMatchObject({ push: { active: true }, recording: { active: false } })
    await untilMedia(s, (s.status().health?.durationMs ?? 0) + 2000)
    // The same relay process, never reconnected: the ingest saw one publish.
    expect(s.status()).toMatchObject({ state: 'started', reconnects: 0 })
    expect(s.pids().push).toBe(relay)
    const watched = await watching
    expect(watched.ok).toBe(true)
    expect(watched.frames).toBeGreaterThanOrEqual(8 * 30 - 15)
    expect(await probeDuration(record)).toBeGreaterThan(2)
    expect((await decodeFrames(record)).ok).toBe(true)
    expect(fs.existsSync(`${record}.livedesk-recording.json`)).toBe(false)
  }, 90_000)

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

  it('splits the recording into parts that each decode and together cover the stream, across an encoder crash', async () => {
    const s = supervisor()
    const base = path.join(dir, 'split.mp4')
    // A size split is a duration at the profile's max rate: 10 MB at 13 Mbit/s ≈ 4 s parts
    // (the encoder itself stays at 800 kbps so the test keeps real time on two cores).
    await s.start({
      source: { kind: 'test-pattern' },
      profile: { ...profile, maxrateKbps: 13_000 },
      record: { path: base, split: { by: 'size', mb: 10 } },
    })
    expect(s.status().recording?.path).toBe(splitPartPath(base, 1))
    await until(() => (s.status().recording?.parts ?? 0) >= 2, 'a second part', 30_000)
    expect(s.status().recording?.path).toBe(splitPartPath(base, 2))
    await untilMedia(s, (s.status().health?.durationMs ?? 0) + 1500)

    // kill -9 mid-part: the restarted encoder goes on in the next number, never over a part.
    const partAtKill = s.status().recording?.parts ?? 0
    process.kill(s.pids().encoder as number, 'SIGKILL')
    await until(
      () => (s.status().recording?.parts ?? 0) > partAtKill && s.pids().encoder !== null,
      'a new part after the crash',
    )
    await untilMedia(s, (s.status().health?.durationMs ?? 0) + 3000)
    const final = await s.stop()

    const files = s.recordedFiles()
    expect(files).toEqual(files.map((_, i) => splitPartPath(base, i + 1)))
    expect(files.length).toBeGreaterThanOrEqual(3)
    expect(final.recording).toMatchObject({ parts: files.length, active: false })
    const sizes = files.map((f) => fs.statSync(f).size)
    expect(final.recording?.totalBytes).toBe(sizes.reduce((a, b) => a + b, 0))
    let covered = 0
    for (const file of files) {
      expect((await decodeFrames(file)).ok).toBe(true)
      covered += await probeDuration(file)
    }
    // Everything encoded is in some part, less what the kill cut (at most a GOP + 1 s).
    const media = (final.health?.durationMs ?? 0) / 1000
    expect(covered).toBeGreaterThan(media - 3)
    expect(covered).toBeLessThan(media + 1.5)
    // The clean stop closed the last part: no marker left on the base name.
    expect(fs.existsSync(`${base}.livedesk-recording.json`)).toBe(false)
  }, 90_000)

  it('a console crash mid-split: the next start finds and finishes every part', async () => {
    const base = path.join(dir, 'crashed-split.mp4')
    // What the supervisor runs, without the supervisor (it "crashed" with the console).
    const args = buildStreamArgs({
      source: { kind: 'test-pattern', clock: false },
      profile: { preset: 'custom', width: 320, height: 180, fps: 30, videoBitrateKbps: 400 },
      record: { path: base, format: 'fmp4', split: { seconds: 2, startNumber: 1 } },
      platform: 'linux',
      fontFile: null,
    })
    const child = spawn(ffmpeg.path, args, { stdio: 'ignore' })
    writeRecordingMarker({
      path: base,
      format: 'fmp4',
      startedAt: 1,
      pid: child.pid ?? null,
      split: true,
    })
    // Killed as the fourth part opens: it may hold nothing but headers yet.
    await until(() => fs.existsSync(splitPartPath(base, 4)), 'a fourth part')
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited

    const results = await recoverRecordings(ffmpeg.path, dir)
    const parts = [1, 2, 3, 4].map((n) => splitPartPath(base, n))
    expect(results.map((r) => [r.path, r.ok])).toEqual(parts.map((p) => [p, true]))
    for (const [i, part] of parts.entries()) {
      if (results[i]?.removed) {
        // Only the part cut off as it began may be empty, and then it is gone.
        expect(i).toBe(3)
        expect(fs.existsSync(part)).toBe(false)
        continue
      }
      const head = fs.readFileSync(part).subarray(0, 64).toString('latin1')
      expect(head.indexOf('moov')).toBeGreaterThan(0)
      expect((await decodeFrames(part)).ok).toBe(true)
    }
    expect(fs.existsSync(`${base}.livedesk-recording.json`)).toBe(false)
  }, 60_000)

  it('the disk runs low mid-recording: recording stops with STREAM_DISK_FULL, the push goes on', async () => {
    // A small disk: 1 MB + 300 KB free at the start, less whatever the recordings write. (The
    // real disk cannot be filled in a test; the bytes counted are the real ones ffmpeg writes.)
    const small = fs.mkdtempSync(path.join(dir, 'small-'))
    const capacity = 1024 * 1024 + 300 * 1024
    const used = () =>
      fs.readdirSync(small).reduce((sum, f) => sum + fs.statSync(path.join(small, f)).size, 0)
    const statfs = async () => ({ bavail: Math.max(0, capacity - used()) / 1024, bsize: 1024 })
    const settings = (name: string, push: boolean) => ({
      source: { kind: 'test-pattern' },
      profile,
      record: { path: path.join(small, `${name}.mp4`) },
      minFreeDiskMb: 1,
      ...(push ? { push: { url: ingest.rtmpUrl(name) } } : {}),
    })

    // Recording only: it stops, and says why.
    const alone = supervisor({ statfs, diskCheckEveryMs: 250 })
    await alone.start(settings('alone', false))
    await until(() => alone.status().state === 'stopped', 'the recording to stop', 30_000)
    expect(alone.status().lastError).toMatchObject({
      code: StreamErrorCode.STREAM_DISK_FULL,
      message: expect.stringMatching(/Only 0 MB free .*below 1 MB/),
      params: { reason: 'stoppedBelowFloor', freeMb: 0, floorMb: 1 },
    })
    expect((await decodeFrames(path.join(small, 'alone.mp4'))).ok).toBe(true)
    fs.rmSync(path.join(small, 'alone.mp4'))

    // Live and recording: the recording stops, the stream stays up for the viewers.
    const both = supervisor({ statfs, diskCheckEveryMs: 250 })
    await both.start(settings('both', true))
    const recordingEncoder = both.pids().encoder
    await until(() => both.status().recording?.active === false, 'the recording to stop', 30_000)
    expect(both.status().lastError?.code).toBe(StreamErrorCode.STREAM_DISK_FULL)
    // The encoder that recorded has finished its file; another one feeds the same push.
    await until(
      () => ![null, recordingEncoder].includes(both.pids().encoder),
      'the encoder without the recording',
      30_000,
    )
    expect(both.status().state).toBe('started')
    const sizeAtStop = fs.statSync(path.join(small, 'both.mp4')).size
    const pulled = await decodeFrames(ingest.flvUrl('both'), ['-t', '1'])
    expect(pulled.frames).toBeGreaterThan(0)
    expect(fs.statSync(path.join(small, 'both.mp4')).size).toBe(sizeAtStop)
    expect((await decodeFrames(path.join(small, 'both.mp4'))).ok).toBe(true)
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
      const lines: string[] = []
      const s = supervisor({ log: (line) => lines.push(line) })
      // A YouTube-style key in the path: the refused-push error must not show it.
      const key = 'yt-stream-key-7q2x'
      const error = await s
        .start({
          source: { kind: 'test-pattern' },
          profile,
          push: { url: locked.rtmpUrl(key) },
        })
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ code: StreamErrorCode.STREAM_AUTH_REJECTED })
      expect(s.pids()).toEqual({ encoder: null, push: null })
      expect(s.status().state).toBe('stopped')
      for (const text of [JSON.stringify(error), JSON.stringify(s.status()), ...lines]) {
        expect(text).not.toContain(key)
      }
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

describe('livedesk stream CLI', () => {
  beforeAll(requireFfprobe)
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
