import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ReconnectPolicy,
  StreamErrorCode,
  type StreamStatus,
} from '../../../src-shared/contract/stream'
import {
  reconnectDelay,
  StreamSupervisor,
  type Spawn,
} from '../../../src-main/console/stream/stream-supervisor'
import { manualClock, type ManualClock } from '../../support/manual-clock'
import { nodeProbe } from '../../../src-main/console/stream/stream-settings'

/** A child process double: we write its stdout/stderr and decide when it exits. */
class FakeChild extends EventEmitter {
  stdout = new PassThrough()
  stderr = new PassThrough()
  stdin = { written: '', write: (s: string) => ((this.stdin.written += s), true), on: () => {} }
  exitCode: number | null = null
  signalCode: NodeJS.Signals | null = null
  killed: string[] = []
  constructor(
    readonly pid: number,
    readonly args: string[],
  ) {
    super()
  }
  kill(signal: NodeJS.Signals = 'SIGTERM') {
    this.killed.push(signal)
    if (signal === 'SIGKILL') this.exit(null, 'SIGKILL')
    return true
  }
  progress(fields: Record<string, string | number>, blocks = 1) {
    const lines = Object.entries({ frame: 30, fps: 30, ...fields, progress: 'continue' })
    for (let i = 0; i < blocks; i++)
      this.stdout.write(lines.map(([k, v]) => `${k}=${v}\n`).join(''))
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null, stderr = '') {
    if (this.exitCode !== null || this.signalCode !== null) return
    if (stderr) this.stderr.write(stderr)
    this.exitCode = code
    this.signalCode = signal
    // Let the stream data land first, like a real pipe does before 'exit'.
    setImmediate(() => this.emit('exit', code, signal))
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

let dir: string
let clock: ManualClock
let children: FakeChild[]
let statuses: StreamStatus[]

function supervisor(over: Partial<ConstructorParameters<typeof StreamSupervisor>[0]> = {}) {
  const spawn = ((_file: string, args: string[]) => {
    const child = new FakeChild(1000 + children.length, args)
    children.push(child)
    return child
  }) as unknown as Spawn
  const s = new StreamSupervisor({
    ffmpeg: { path: '/usr/bin/ffmpeg', source: 'path', version: '5.1' },
    spawn,
    clock,
    random: () => 0.5, // no jitter: delays are exact
    probe: { ...nodeProbe, statfs: async () => ({ bavail: 1e9, bsize: 4096 }) },
    cpuSeconds: () => null,
    allocatePort: async () => 5000,
    ...over,
  })
  s.onStatus((status) => statuses.push(status))
  return s
}

const settings = (over: Record<string, unknown> = {}) => ({
  source: { kind: 'test-pattern' },
  profile: { preset: '720p30' },
  push: { url: 'rtmp://127.0.0.1:1935/live/s' },
  record: { path: path.join(dir, 'rec.mp4') },
  ...over,
})

const encoders = () => children.filter((c) => c.args.includes('tee'))
const relays = () => children.filter((c) => c.args.includes('copy'))

async function waitFor(check: () => boolean) {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 2000, interval: 5 })
}

/** Starts and brings the push up. */
async function started(s: StreamSupervisor, over: Record<string, unknown> = {}) {
  const start = s.start(settings(over))
  await waitFor(() => encoders().length === 1)
  encoders()[0]?.progress({ out_time_us: 500_000 })
  if (over.push === undefined && 'push' in over) return start
  await waitFor(() => relays().length === 1)
  relays()[0]?.progress({ total_size: 4000, bitrate: '2000kbits/s' }, 3)
  return start
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-sup-'))
  clock = manualClock(0)
  children = []
  statuses = []
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('StreamSupervisor (fake ffmpeg, fake clock)', () => {
  it('starts the encoder, then the push once the encoder produces, and reports started', async () => {
    const s = supervisor()
    const status = await started(s)
    expect(status).toMatchObject({ state: 'started', outputActive: true, attempt: 0 })
    expect(status.recording).toMatchObject({ path: path.join(dir, 'rec.mp4'), active: true })
    expect(statuses.map((x) => x.state)).toContain('starting')
    // A marker says "this recording is being written" until ffmpeg closes it.
    expect(fs.existsSync(path.join(dir, 'rec.mp4.livedesk-recording.json'))).toBe(true)
  })

  it('reconnects the push with backoff, counts attempts, and honours reconnectNow', async () => {
    const s = supervisor()
    await started(s)
    relays()[0]?.exit(1, null, 'av_interleaved_write_frame(): Connection reset by peer\n')
    await waitFor(() => s.status().state === 'reconnecting')
    expect(s.status()).toMatchObject({
      attempt: 1,
      outputReconnecting: true,
      lastError: { code: StreamErrorCode.STREAM_CONNECTION_LOST },
    })
    // First retry within 2 s (1 s, no jitter here).
    await clock.advanceAsync(999)
    expect(relays()).toHaveLength(1)
    await clock.advanceAsync(1)
    expect(relays()).toHaveLength(2)
    relays()[1]?.exit(
      1,
      null,
      '[tcp @ 0x1] Connection to tcp://127.0.0.1:1935 failed: Connection refused\n',
    )
    await waitFor(() => s.status().attempt === 2)
    // The renderer words the code with the facts: which server refused.
    expect(s.status().lastError).toMatchObject({
      code: StreamErrorCode.STREAM_CONNECTION_REFUSED,
      params: { host: '127.0.0.1:1935' },
    })
    // The second wait is 1.5 s; the user does not want to wait.
    s.reconnectNow()
    expect(relays()).toHaveLength(3)
    relays()[2]?.progress({ total_size: 1000 }, 3)
    await waitFor(() => s.status().state === 'started')
    expect(s.status()).toMatchObject({ attempt: 0, reconnects: 1 })
    // The encoder (and the recording) never noticed.
    expect(encoders()).toHaveLength(1)
    expect(encoders()[0]?.killed).toEqual([])
  })

  it('gives up the push after the retry limit but keeps recording', async () => {
    const s = supervisor()
    await started(s, { reconnect: { maxAttempts: 2 } })
    for (let i = 0; i < 3; i++) {
      relays()
        .at(-1)
        ?.exit(1, null, 'Connection to tcp://127.0.0.1:1935 failed: Connection refused\n')
      await flush()
      // The encoder keeps producing, so its watchdog stays quiet.
      encoders()[0]?.progress({})
      await clock.advanceAsync(5000)
    }
    await waitFor(() => s.status().lastError?.code === StreamErrorCode.STREAM_RECONNECT_FAILED)
    expect(s.status()).toMatchObject({
      state: 'started',
      push: { active: false },
      recording: { active: true },
      lastError: {
        params: {
          reason: 'recordingContinues',
          attempts: 2,
          lastCode: StreamErrorCode.STREAM_CONNECTION_REFUSED,
        },
      },
    })
    expect(relays()).toHaveLength(3)
  })

  it('starts the push with the encoder on a brief probe, and probes a whole GOP if that missed', async () => {
    const s = supervisor()
    const start = s.start(settings())
    await waitFor(() => encoders().length === 1 && relays().length === 1)
    const probe = (c: FakeChild | undefined) => c?.args[c.args.indexOf('-analyzeduration') + 1]
    expect(probe(relays()[0])).toBe('500000')
    encoders()[0]?.progress({ out_time_us: 500_000 })
    relays()[0]?.exit(1, null, 'Could not find codec parameters for stream 0 (Video: h264)\n')
    await waitFor(() => relays().length === 2)
    expect(probe(relays()[1])).toBe('3000000')
    relays()[1]?.progress({ total_size: 4000, bitrate: '2000kbits/s' }, 3)
    expect(await start).toMatchObject({ state: 'started', lastError: null })
  })

  it('fails start() with the coded error when the first push is refused, and stops the encoder', async () => {
    const s = supervisor()
    const start = s.start(settings())
    await waitFor(() => encoders().length === 1)
    encoders()[0]?.progress({})
    await waitFor(() => relays().length === 1)
    // One block with the FLV header counted, then the server hangs up: not "connected".
    relays()[0]?.progress({ total_size: 402 })
    relays()[0]?.exit(1, null, 'av_interleaved_write_frame(): End of file\n')
    await waitFor(() => encoders()[0]?.stdin.written === 'q')
    encoders()[0]?.exit(0)
    await expect(start).rejects.toMatchObject({ key: 'STREAM_AUTH_REJECTED' })
    expect(s.status().state).toBe('stopped')
  })

  it('hides a stream key in the URL path from the refused-push error, the status and the log', async () => {
    const key = 'abcd-1234-efgh-5678'
    const lines: string[] = []
    const s = supervisor({ log: (line) => lines.push(line) })
    const start = s.start(settings({ push: { url: `rtmp://127.0.0.1:1935/live2/${key}` } }))
    await waitFor(() => encoders().length === 1)
    encoders()[0]?.progress({})
    await waitFor(() => relays().length === 1)
    expect(s.status().push?.url).toBe('rtmp://127.0.0.1:1935/live2/…')
    // A push server's reply that quotes the key, and ffmpeg's own line naming the URL.
    relays()[0]?.exit(
      1,
      null,
      `[rtmp @ 0x1] Server error: Invalid stream key ${key}\n` +
        `rtmp://127.0.0.1:1935/live2/${key}: Input/output error\n`,
    )
    await waitFor(() => encoders()[0]?.stdin.written === 'q')
    encoders()[0]?.exit(0)
    const error = await start.catch((e: unknown) => e)
    expect(error).toMatchObject({ key: 'STREAM_AUTH_REJECTED' })
    const seen = [
      JSON.stringify(error),
      (error as Error).message,
      JSON.stringify(s.status()),
      JSON.stringify(statuses),
      ...lines,
    ]
    for (const text of seen) expect(text).not.toContain(key)
    expect(JSON.stringify(s.status().lastError)).toContain('Invalid stream key …')
    expect(lines.some((line) => line.includes('127.0.0.1:1935/live2/…'))).toBe(true)
  })

  it('restarts a stalled encoder into a new recording part', async () => {
    const s = supervisor()
    await started(s)
    // The stalled encoder had written part 1 (one never written would be written again).
    fs.writeFileSync(path.join(dir, 'rec.mp4'), 'x')
    await clock.advanceAsync(11_000)
    await waitFor(() => encoders().length === 2)
    expect(encoders()[0]?.killed).toEqual(['SIGKILL'])
    expect(s.status().lastError).toMatchObject({
      code: StreamErrorCode.STREAM_STALLED,
      params: { reason: 'encoder', seconds: 10 },
    })
    expect(encoders()[1]?.args.at(-1)).toContain(path.join(dir, 'rec-part2.mp4'))
    expect(s.status().recording?.path).toBe(path.join(dir, 'rec-part2.mp4'))
    expect(s.status().recording?.parts).toBe(2)
  })

  it('writes a part again that the failed encoder never wrote a byte of', async () => {
    const s = supervisor()
    await started(s)
    await clock.advanceAsync(11_000)
    await waitFor(() => encoders().length === 2)
    expect(encoders()[1]?.args.at(-1)).toContain(path.join(dir, 'rec.mp4'))
    expect(s.status().recording).toMatchObject({ path: path.join(dir, 'rec.mp4'), parts: 1 })
  })

  it('shows the disk: free space, and how long recording can go on at the rate it writes', async () => {
    const gib = 1024 * 1024 * 1024
    const mb = 1024 * 1024
    const s = supervisor({
      statfs: async () => ({ bavail: 10 * 1024, bsize: 1024 * 1024 }),
      diskCheckEveryMs: 1000,
    })
    await started(s)
    const file = path.join(dir, 'rec.mp4')
    fs.writeFileSync(file, Buffer.alloc(mb))
    await clock.advanceAsync(1000)
    // One look at the disk: free space, no rate yet.
    expect(s.status().recording?.disk).toEqual({ freeBytes: 10 * gib, secondsLeft: null })
    fs.writeFileSync(file, Buffer.alloc(3 * mb))
    await clock.advanceAsync(1000)
    // 2 MB a second; the 500 MB floor stops it, not the last byte.
    expect(s.status().recording?.disk).toEqual({
      freeBytes: 10 * gib,
      secondsLeft: Math.round((10 * gib - 500 * mb) / (2 * mb)),
    })
  })

  it('stops cleanly: q first, the recording marker goes when ffmpeg exits 0', async () => {
    const s = supervisor()
    await started(s)
    const stopping = s.stop()
    await waitFor(() => encoders()[0]?.stdin.written === 'q')
    expect(relays()[0]?.stdin.written).toBe('q')
    encoders()[0]?.exit(0)
    relays()[0]?.exit(0)
    expect(await stopping).toMatchObject({ state: 'stopped', outputActive: false })
    expect(fs.existsSync(path.join(dir, 'rec.mp4.livedesk-recording.json'))).toBe(false)
  })

  it('escalates to SIGTERM and SIGKILL when q is ignored', async () => {
    const s = supervisor({ stopTimeoutMs: 5000 })
    await started(s, { push: undefined })
    const stopping = s.stop()
    await clock.advanceAsync(5000)
    expect(encoders()[0]?.killed).toEqual(['SIGTERM'])
    await clock.advanceAsync(3000)
    expect(encoders()[0]?.killed).toEqual(['SIGTERM', 'SIGKILL'])
    expect((await stopping).state).toBe('stopped')
  })

  it('refuses bad settings before spawning anything', async () => {
    const s = supervisor()
    await expect(
      s.start(
        settings({
          profile: { preset: 'custom', width: 1280, height: 720, fps: 30, videoBitrateKbps: 0 },
        }),
      ),
    ).rejects.toMatchObject({
      key: 'STREAM_INVALID_SETTINGS',
      code: StreamErrorCode.STREAM_INVALID_SETTINGS,
    })
    await expect(
      s.start(settings({ source: { kind: 'camera', video: '/dev/video99' } })),
    ).rejects.toMatchObject({
      key: 'STREAM_DEVICE_UNAVAILABLE',
      params: { device: '/dev/video99' },
    })
    fs.writeFileSync(path.join(dir, 'file'), '')
    await expect(
      s.start(settings({ record: { path: path.join(dir, 'file', 'x.mp4') } })),
    ).rejects.toMatchObject({
      key: 'STREAM_RECORD_UNWRITABLE',
    })
    await expect(s.start(settings({ push: { url: 'http://x/y' } }))).rejects.toMatchObject({
      key: 'STREAM_INVALID_SETTINGS',
    })
    expect(children).toHaveLength(0)
    expect(s.status().state).toBe('stopped')
  })

  it('refuses to record below the free-space floor', async () => {
    const s = supervisor({
      probe: { ...nodeProbe, statfs: async () => ({ bavail: 100, bsize: 1024 * 1024 }) },
    })
    await expect(s.start(settings({ push: undefined }))).rejects.toMatchObject({
      key: 'STREAM_DISK_FULL',
      params: { reason: 'belowFloor', freeMb: 100, floorMb: 500, dir },
    })
    expect(children).toHaveLength(0)
  })

  it('goes live without the recording when the disk is below the floor, and says so', async () => {
    const s = supervisor({
      probe: { ...nodeProbe, statfs: async () => ({ bavail: 100, bsize: 1024 * 1024 }) },
    })
    const status = await started(s)
    expect(status).toMatchObject({
      state: 'started',
      push: { active: true },
      recording: null,
      lastError: {
        code: StreamErrorCode.STREAM_DISK_FULL,
        params: { reason: 'liveWithoutRecording', freeMb: 100, floorMb: 500 },
      },
    })
    expect(encoders()[0]?.args.join(' ')).not.toContain('rec.mp4')
  })

  it('goes live while recording and ends the live push without touching the recording', async () => {
    const s = supervisor()
    await started(s, { push: undefined })
    expect(s.status()).toMatchObject({ state: 'started', push: null, recording: { active: true } })
    // The recording-only encoder already sends its loopback copy: nothing restarts.
    expect(encoders()[0]?.args.join(' ')).toContain('udp://127.0.0.1:5000')
    const live = s.startPush('rtmp://127.0.0.1:1935/live/s')
    await waitFor(() => relays().length === 1)
    relays()[0]?.progress({ total_size: 4000, bitrate: '2000kbits/s' }, 3)
    expect(await live).toMatchObject({ state: 'started', push: { active: true } })
    await expect(s.startPush('rtmp://127.0.0.1:1935/live/s')).rejects.toMatchObject({
      key: 'STREAM_ALREADY_RUNNING',
      params: { reason: 'live' },
    })
    const ending = s.stopPush()
    await waitFor(() => relays()[0]?.stdin.written === 'q')
    relays()[0]?.exit(0)
    expect(await ending).toMatchObject({
      state: 'started',
      push: null,
      recording: { active: true },
    })
    expect(encoders()).toHaveLength(1)
    expect(encoders()[0]?.stdin.written).toBe('')
    expect(encoders()[0]?.killed).toEqual([])
  })

  it('a push refused while recording is reported and the recording goes on', async () => {
    const s = supervisor()
    await started(s, { push: undefined })
    const live = s.startPush('rtmp://127.0.0.1:1935/live/s')
    await waitFor(() => relays().length === 1)
    relays()[0]?.exit(1, null, 'av_interleaved_write_frame(): End of file\n')
    await expect(live).rejects.toMatchObject({ key: 'STREAM_AUTH_REJECTED' })
    expect(s.status()).toMatchObject({
      state: 'started',
      push: null,
      recording: { active: true },
      lastError: { code: StreamErrorCode.STREAM_AUTH_REJECTED },
    })
    expect(encoders()[0]?.killed).toEqual([])
  })

  it('records while live and stops the recording while the push goes on', async () => {
    const s = supervisor()
    await started(s, { record: undefined })
    expect(s.status().recording).toBeNull()
    const second = path.join(dir, 'second.mp4')
    const recording = await s.startRecording({
      path: second,
      format: 'fmp4',
      split: { by: 'none' },
    })
    expect(recording.recording).toMatchObject({ active: true })
    // ffmpeg cannot add an output: the encoder finishes (q) and restarts with the recording;
    // the relay stays connected across the gap (one publish on the ingest).
    await waitFor(() => encoders()[0]?.stdin.written === 'q')
    encoders()[0]?.exit(0)
    await waitFor(() => encoders().length === 2)
    expect(encoders()[1]?.args.join(' ')).toContain(second)
    encoders()[1]?.progress({ out_time_us: 500_000 })
    expect(s.status()).toMatchObject({ state: 'started', reconnects: 0 })
    expect(relays()).toHaveLength(1)
    expect(relays()[0]?.killed).toEqual([])
    await expect(
      s.startRecording({ path: second, format: 'fmp4', split: { by: 'none' } }),
    ).rejects.toMatchObject({ key: 'STREAM_ALREADY_RUNNING', params: { reason: 'recording' } })

    const stopping = s.stopRecording()
    await waitFor(() => encoders()[1]?.stdin.written === 'q')
    encoders()[1]?.exit(0)
    const stopped = await stopping
    expect(stopped.recording).toMatchObject({ path: second, active: false })
    expect(stopped.push).toMatchObject({ active: true })
    await waitFor(() => encoders().length === 3)
    expect(encoders()[2]?.args.join(' ')).not.toContain(second)
    expect(relays()).toHaveLength(1)
    expect(fs.existsSync(`${second}.livedesk-recording.json`)).toBe(false)
  })

  it('a recording started while live checks its folder and the floor first', async () => {
    const s = supervisor({
      probe: { ...nodeProbe, statfs: async () => ({ bavail: 100, bsize: 1024 * 1024 }) },
    })
    await started(s, { record: undefined })
    await expect(
      s.startRecording({ path: path.join(dir, 'r.mp4'), format: 'fmp4', split: { by: 'none' } }),
    ).rejects.toMatchObject({ key: 'STREAM_DISK_FULL', params: { reason: 'belowFloor' } })
    await expect(
      s.startRecording({
        path: path.join(dir, 'no/such/r.mp4'),
        format: 'fmp4',
        split: { by: 'none' },
      }),
    ).rejects.toMatchObject({ key: 'STREAM_RECORD_UNWRITABLE', params: { reason: 'folder' } })
    expect(encoders()).toHaveLength(1)
    expect(s.status()).toMatchObject({ state: 'started', recording: null })
  })

  it('gives a slow first frame a minute, not the 10 s stall limit, and then says what failed', async () => {
    const s = supervisor()
    const start = s.start(settings())
    await waitFor(() => encoders().length === 1)
    // ffmpeg opened the file; it will never write to it.
    fs.writeFileSync(path.join(dir, 'rec.mp4'), '')
    // Building the font cache on a first run: no progress for 30 s is not a hang.
    await clock.advanceAsync(30_000)
    expect(encoders()[0]?.killed).toEqual([])
    // start() answers after its own 20 s with "starting"; the stream goes on trying.
    expect(await start).toMatchObject({ state: 'starting', lastError: null })
    await clock.advanceAsync(31_000)
    await waitFor(() => encoders()[0]?.killed.includes('SIGKILL') ?? false)
    await waitFor(() => s.status().state === 'stopped')
    expect(s.status().lastError).toMatchObject({
      code: StreamErrorCode.STREAM_STALLED,
      params: { reason: 'firstFrame', seconds: 60 },
    })
    // No 0-byte "recording" is left behind.
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('a start that failed leaves no recording behind', async () => {
    const s = supervisor()
    const start = s.start(settings())
    await waitFor(() => encoders().length === 1)
    encoders()[0]?.progress({})
    // ffmpeg wrote the first seconds before the push server said no.
    fs.writeFileSync(path.join(dir, 'rec.mp4'), Buffer.alloc(130_000))
    await waitFor(() => relays().length === 1)
    relays()[0]?.exit(1, null, 'av_interleaved_write_frame(): End of file\n')
    await waitFor(() => encoders()[0]?.stdin.written === 'q')
    encoders()[0]?.exit(0)
    await expect(start).rejects.toMatchObject({ key: 'STREAM_AUTH_REJECTED' })
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('resolves the push host first: an unknown name fails before ffmpeg runs', async () => {
    const s = supervisor({
      lookupHost: async () => {
        throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })
      },
    })
    await expect(
      s.start(settings({ push: { url: 'rtmp://no-such.invalid/live/s' } })),
    ).rejects.toMatchObject({
      key: 'STREAM_HOST_NOT_FOUND',
      params: { host: 'no-such.invalid' },
    })
    expect(children).toHaveLength(0)
  })

  it('gives the 2018 static build an address and the original host as tcUrl', async () => {
    const s = supervisor({
      ffmpeg: { path: '/x/ffmpeg', source: 'installer', version: 'N-47683' },
      lookupHost: async () => '10.0.0.7',
    })
    const start = s.start(
      settings({ push: { url: 'rtmp://push.example.com/live/s?txSecret=a&txTime=B' } }),
    )
    await waitFor(() => encoders().length === 1)
    encoders()[0]?.progress({})
    await waitFor(() => relays().length === 1)
    const args = relays()[0]?.args ?? []
    expect(args.at(-1)).toBe('rtmp://10.0.0.7/live/s?txSecret=a&txTime=B')
    expect(args[args.indexOf('-rtmp_tcurl') + 1]).toBe('rtmp://push.example.com/live')
    relays()[0]?.progress({ total_size: 10 }, 3)
    await start
  })
})

describe('reconnectDelay', () => {
  const policy = ReconnectPolicy.parse({})
  it('starts within 2 s, grows ×1.5 to the cap, with bounded jitter', () => {
    expect(reconnectDelay(policy, 1, () => 0.5)).toBe(1000)
    expect(reconnectDelay(policy, 2, () => 0.5)).toBe(1500)
    expect(reconnectDelay(policy, 3, () => 0.5)).toBe(2250)
    expect(reconnectDelay(policy, 50, () => 0.5)).toBe(30_000)
    expect(reconnectDelay(policy, 1, () => 1)).toBe(1200)
    expect(reconnectDelay(policy, 1, () => 0)).toBe(800)
    expect(reconnectDelay(policy, 50, () => 1)).toBe(30_000)
  })
})
