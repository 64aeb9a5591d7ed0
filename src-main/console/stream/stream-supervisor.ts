import { execFileSync, spawn as nodeSpawn, type ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import dns from 'node:dns'
import fs from 'node:fs'
import path from 'node:path'
import {
  ReconnectPolicy,
  type StreamHealth,
  type StreamSettings,
  type StreamState,
  type StreamStatus,
} from '../../../src-shared/contract/stream'
import {
  buildRelayArgs,
  buildStreamArgs,
  relayUrls,
  splitSeconds,
  toOverlays,
  type EncoderProfile,
  type Overlay,
  type Platform,
} from './ffmpeg-args'
import type { FfmpegInfo } from './ffmpeg-locate'
import {
  classifyFailure,
  createProgressParser,
  redactText,
  redactUrl,
  urlSecrets,
  type ClassifiedFailure,
  type ProgressBlock,
} from './ffmpeg-progress'
import { restartPartPath, splitPartPath } from './recording-name'
import {
  checkDiskSpace,
  clearRecordingMarker,
  writeRecordingMarker,
  type StatFs,
} from './recording-recovery'
import { engineStatus, type StreamEngine } from './stream-engine'
import { streamError, StreamEngineError } from './stream-error'
import { type Clock, systemClock } from '../../common/clock'
import {
  checkPushUrl,
  checkRecordTarget,
  checkSourceSettings,
  checkStreamSettings,
  nodeProbe,
  type EnvironmentProbe,
} from './stream-settings'

/**
 * The one owner of the ffmpeg processes of a stream: spawn, state machine, health, watchdog,
 * reconnect policy, clean stop, cleanup.
 *
 * Why two processes. One ffmpeg with `tee` (recording + `[onfail=ignore]` RTMP) keeps recording
 * when the push fails, but a failed tee slave is never reopened: the push cannot come back
 * without restarting the process, and restarting it cuts the recording. So:
 *
 *   encoder  capture → encode once → tee ─┬→ recording (fragmented MP4 / MKV / FLV)
 *                                         └→ udp://127.0.0.1:P (MPEG-TS, onfail=ignore)
 *   relay    udp://127.0.0.1:P → -c copy → FLV → rtmp://target      (the one that reconnects)
 *
 * The relay costs no encode (stream copy). UDP is the loopback on purpose: the encoder never
 * blocks or fails when the relay is gone or slow — datagrams to a closed port are dropped by the
 * kernel — so a push outage cannot stall the recording, and a new relay joins at the next
 * keyframe (SPS/PPS repeated by dump_extra). A TCP or pipe relay would push back on the encoder.
 * The recording therefore has no gap across push reconnects, and being fragmented MP4 it
 * survives kill -9 of the encoder with at most one GOP (2 s) lost.
 */

export type Spawn = typeof nodeSpawn

export interface SupervisorOptions {
  ffmpeg: FfmpegInfo
  spawn?: Spawn
  clock?: Clock
  random?: () => number
  log?: (line: string) => void
  platform?: Platform
  fontFile?: string | null
  probe?: EnvironmentProbe
  statfs?: StatFs
  /** Cumulative CPU seconds of a pid, or null when the OS does not say. */
  cpuSeconds?: (pid: number) => number | null
  lookupHost?: (host: string) => Promise<string>
  allocatePort?: () => Promise<number>
  healthIntervalMs?: number
  /** No progress block for this long → the process is hung (OBS issue 3367): restart it. */
  stallTimeoutMs?: number
  /**
   * How long the encoder may take to its first progress block. Longer than the stall timeout:
   * the first start on a machine can spend many seconds before the first frame (fontconfig
   * building its cache for the text overlays, a camera waking up), which is not a hang.
   */
  firstFrameTimeoutMs?: number
  /** How long `q` gets to finish the file before SIGTERM, then SIGKILL. */
  stopTimeoutMs?: number
  /** start() resolves with the current status if neither started nor failed by then. */
  startTimeoutMs?: number
  diskCheckEveryMs?: number
  /** Linux: wrap ffmpeg in `setpriv --pdeathsig TERM` so it dies with us even after kill -9. */
  killWithParent?: boolean
  /** The console's monitor tap (monitor-tap.ts): the encoder also sends its program there. */
  monitorPort?: number
}

type Role = 'encoder' | 'push'

interface Run {
  role: Role
  child: ChildProcess
  pid: number | null
  startedAt: number
  lastProgressAt: number
  last: ProgressBlock | null
  blocks: number
  stderr: string
  everConnected: boolean
  /** We asked it to go (stop, restart, watchdog): its exit is not a failure. */
  expected: 'stop' | 'restart' | 'stall' | null
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  recordPath: string | null
  cpu: { at: number; seconds: number } | null
  cpuPercent: number | null
  /** ffmpeg's bitrate= is the average since start; we report the last second's. */
  sent: { at: number; bytes: number } | null
  kbps: number | null
}

interface PushTarget {
  /** As given (for messages, redacted). */
  url: string
  /** What the relay connects to (the host may be replaced by its address, see resolvePush). */
  connect: string
  tcUrl?: string
}

const clkTck = 100
/** Progress blocks (0.5 s apart) a push must survive before it counts as connected. */
export const connectedAfterBlocks = 3

/** Linux: utime + stime of a process from /proc/<pid>/stat, in seconds. */
export function procCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces; fields are counted after its ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    // USER_HZ is 100 on every Linux ABI Node runs on.
    return Number.isFinite(utime + stime) ? (utime + stime) / clkTck : null
  } catch {
    return null
  }
}

function allocateUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4')
    socket.once('error', reject)
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      socket.close(() => resolve(port))
    })
  })
}

async function lookupHost(host: string): Promise<string> {
  return (await dns.promises.lookup(host)).address
}

let setprivChecked: boolean | null = null
function setprivWorks(): boolean {
  if (setprivChecked === null) {
    try {
      setprivChecked = execFileSync('setpriv', ['--help'], { encoding: 'utf8' }).includes(
        '--pdeathsig',
      )
    } catch {
      setprivChecked = false
    }
  }
  return setprivChecked
}

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size
  } catch {
    return null
  }
}

export class StreamSupervisor implements StreamEngine {
  private readonly opts: Required<
    Omit<SupervisorOptions, 'fontFile' | 'statfs' | 'ffmpeg' | 'probe'>
  > & { fontFile: string | null; statfs?: StatFs; ffmpeg: FfmpegInfo; probe: EnvironmentProbe }
  private state: StreamState = 'stopped'
  private settings: StreamSettings | null = null
  /** Layers the caller builds itself (the danmaku), drawn after the settings' overlays. */
  private layers: Overlay[] = []
  private profile: EncoderProfile | null = null
  private push: PushTarget | null = null
  private pushActive = false
  private relayPort = 0
  private encoder: Run | null = null
  private relay: Run | null = null
  /** The current relay was started with the encoder and probes briefly (see start). */
  private relayFromStart = false
  private attempt = 0
  private reconnects = 0
  private lastError: StreamEngineError | null = null
  private recordBase: string | null = null
  /** Seconds per part when the recording is split, else null. */
  private recordSplit: number | null = null
  /** The current file's number: a split part, or the part after encoder restarts. */
  private recordPart = 1
  private recordPath: string | null = null
  private recordActive = false
  private recordBytes = 0
  /** Every file this recording has started, in order; sizes of the finished ones summed. */
  private recordFiles: string[] = []
  private recordDoneBytes = 0
  /** The last disk check, and the recording's size then (for the write rate). */
  private disk: { at: number; freeBytes: number; totalBytes: number } | null = null
  private diskSecondsLeft: number | null = null
  private mediaMsBefore = 0
  private encoderRestarts: number[] = []
  /** Cancels the pending reconnect / health tick. */
  private reconnectTimer: (() => void) | null = null
  private healthTimer: (() => void) | null = null
  private lastDiskCheck = 0
  private health: StreamHealth | null = null
  private readonly listeners = new Set<(status: StreamStatus) => void>()
  private startWaiter: { resolve: (s: StreamStatus) => void; reject: (e: Error) => void } | null =
    null
  private stopping: Promise<StreamStatus> | null = null
  /** A push added to a running recording (startPush) that has not connected yet. */
  private pushWaiter: { resolve: (s: StreamStatus) => void; reject: (e: Error) => void } | null =
    null
  private readonly onProcessExit = () => this.killAllNow()

  constructor(options: SupervisorOptions) {
    this.opts = {
      spawn: nodeSpawn,
      clock: systemClock,
      random: Math.random,
      log: () => {},
      platform: (['linux', 'win32', 'darwin'].includes(process.platform)
        ? process.platform
        : 'linux') as Platform,
      cpuSeconds: process.platform === 'linux' ? procCpuSeconds : () => null,
      lookupHost,
      allocatePort: allocateUdpPort,
      healthIntervalMs: 1000,
      stallTimeoutMs: 10_000,
      firstFrameTimeoutMs: 60_000,
      stopTimeoutMs: 5000,
      startTimeoutMs: 20_000,
      diskCheckEveryMs: 5000,
      killWithParent: true,
      monitorPort: 0,
      // An option passed as undefined means "the default", not "nothing".
      ...(Object.fromEntries(
        Object.entries(options).filter(([, value]) => value !== undefined),
      ) as SupervisorOptions),
      probe: options.probe ?? nodeProbe,
      fontFile: options.fontFile ?? null,
      // One view of the disk for the check before the start and the guard while recording.
      statfs: options.statfs ?? options.probe?.statfs,
    }
  }

  /** A snapshot, never a delta (DESIGN.md: the renderer never reconstructs state). */
  status(): StreamStatus {
    return engineStatus({
      state: this.state,
      attempt: this.attempt,
      reconnects: this.reconnects,
      lastError: this.lastError?.toJSON() ?? null,
      health: this.health,
      push: this.push ? { url: this.push.url, active: this.pushActive } : null,
      recording: this.recordPath
        ? {
            path: this.recordPath,
            bytes: this.recordBytes,
            active: this.recordActive,
            parts: Math.max(1, this.recordFiles.length),
            totalBytes: this.recordDoneBytes + this.recordBytes,
            disk: this.disk
              ? { freeBytes: this.disk.freeBytes, secondsLeft: this.diskSecondsLeft }
              : null,
          }
        : null,
    })
  }

  /** Called on every state change and every health tick; returns the unsubscribe. */
  onStatus(listener: (status: StreamStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The files the current or last recording wrote, in order (parts of a split, restarts). */
  recordedFiles(): string[] {
    return this.recordFiles.filter((file) => fs.existsSync(file))
  }

  /**
   * The frame the encoder is drawing about now: its last progress report's count, carried on at
   * the profile's rate. Null before the (re)started encoder's first report.
   */
  encoderFrame(): number | null {
    const run = this.encoder
    if (!run?.last || !this.profile) return null
    const since = Math.max(0, this.opts.clock.now() - run.lastProgressAt)
    return Math.round(run.last.frame + (since / 1000) * this.profile.fps)
  }

  /** The ffmpeg pids, for tests and diagnostics. */
  pids(): { encoder: number | null; push: number | null } {
    return { encoder: this.encoder?.pid ?? null, push: this.relay?.pid ?? null }
  }

  /**
   * Checks the settings, then starts encoding (and recording) and the push. Resolves once the
   * stream is up; rejects with a StreamEngineError when the settings are wrong or the first
   * attempt fails (nothing keeps running then).
   */
  async start(input: unknown, extra: { layers?: Overlay[] } = {}): Promise<StreamStatus> {
    if (this.state !== 'stopped') {
      throw streamError('STREAM_ALREADY_RUNNING', 'A stream is already running; stop it first.')
    }
    const probe = { ...this.opts.probe, statfs: this.opts.statfs }
    let checked: Awaited<ReturnType<typeof checkStreamSettings>>
    let notRecording: StreamEngineError | null = null
    try {
      checked = await checkStreamSettings(input, this.opts.platform, probe)
    } catch (error) {
      // The free-space floor guards the recording, not the show: a push goes on without it.
      const pushToo = typeof input === 'object' && input !== null && 'push' in input && input.push
      if (!(error instanceof StreamEngineError) || error.key !== 'STREAM_DISK_FULL' || !pushToo)
        throw error
      notRecording = error
      checked = await checkStreamSettings(
        { ...input, record: undefined },
        this.opts.platform,
        probe,
      )
    }
    const { settings, profile } = checked
    this.layers = extra.layers ?? []
    const push = settings.push ? await this.resolvePush(settings.push.url) : null
    this.settings = settings
    this.profile = profile
    this.push = push
    this.pushActive = push !== null
    // The encoder always sends its loopback copy, so a push can join a recording later.
    this.relayPort = await this.opts.allocatePort()
    this.attempt = 0
    this.reconnects = 0
    this.lastError = null
    if (notRecording) {
      this.fail(
        streamError('STREAM_DISK_FULL', `Live without recording: ${notRecording.message}`, {
          ...notRecording.params,
          reason: 'liveWithoutRecording',
        }),
      )
    }
    this.health = null
    this.mediaMsBefore = 0
    this.encoderRestarts = []
    this.recordBase = settings.record ? path.resolve(settings.record.path) : null
    this.recordSplit = settings.record ? splitSeconds(settings.record.split, profile) : null
    this.recordPart = 1
    this.recordPath = null
    this.recordActive = this.recordBase !== null
    this.recordBytes = 0
    this.recordFiles = []
    this.recordDoneBytes = 0
    this.disk = null
    this.diskSecondsLeft = null
    this.lastDiskCheck = 0
    this.stopping = null
    process.on('exit', this.onProcessExit)
    const outcome = new Promise<StreamStatus>((resolve, reject) => {
      this.startWaiter = { resolve, reject }
    })
    this.setState('starting')
    this.spawnEncoder()
    // The relay listens before the encoder's first packet, so it catches the very first
    // keyframe instead of probing until the next one (bench: ~3 s more to the first frame).
    this.spawnRelay(true)
    this.scheduleHealth()
    const cancelGuard = this.opts.clock.setTimer(() => this.settleStart(), this.opts.startTimeoutMs)
    try {
      return await outcome
    } finally {
      cancelGuard()
    }
  }

  /** Stops everything; the recording is closed by ffmpeg itself (`q`), so it is complete. */
  stop(): Promise<StreamStatus> {
    if (this.state === 'stopped') return Promise.resolve(this.status())
    return this.beginShutdown()
  }

  private beginShutdown(error?: StreamEngineError): Promise<StreamStatus> {
    if (this.stopping) return this.stopping
    this.stopping = this.shutdown(error)
    return this.stopping
  }

  /**
   * Goes live while recording. The encoder always sends its loopback copy (spawnEncoder), so the
   * push joins the running encoder at its next keyframe and the recording is not touched.
   * Resolves once the push server takes the stream; a refused push rejects with its coded error,
   * and the recording goes on.
   */
  async startPush(url: string): Promise<StreamStatus> {
    if (this.state === 'stopped' || this.state === 'stopping') {
      throw streamError('STREAM_FAILED', 'Nothing is running to add a push to; use start().')
    }
    if (this.push) {
      throw streamError('STREAM_ALREADY_RUNNING', 'The stream is already live.', {
        reason: 'live',
      })
    }
    checkPushUrl(url)
    const push = await this.resolvePush(url)
    const now = this.state as StreamState
    if (this.push || now === 'stopped' || now === 'stopping') return this.status()
    this.push = push
    this.pushActive = true
    this.attempt = 0
    const outcome = new Promise<StreamStatus>((resolve, reject) => {
      this.pushWaiter = { resolve, reject }
    })
    if (this.encoder && this.encoder.blocks > 0 && !this.relay) this.spawnRelay()
    this.emit()
    const cancelGuard = this.opts.clock.setTimer(() => this.settlePush(), this.opts.startTimeoutMs)
    try {
      return await outcome
    } finally {
      cancelGuard()
    }
  }

  /** Ends the push and keeps the recording; with no recording, stops everything. */
  async stopPush(): Promise<StreamStatus> {
    if (!this.push) return this.status()
    if (!this.recordActive) return this.stop()
    this.reconnectTimer?.()
    this.reconnectTimer = null
    const relay = this.relay
    this.dropPush()
    if (relay) {
      relay.expected = 'stop'
      await this.stopRun(relay)
    }
    return this.status()
  }

  /**
   * Starts a recording while live. ffmpeg cannot add an output to a running process, so the
   * encoder restarts with the recording in its tee; the push stays connected and freezes for
   * about a second. The recording starts on a keyframe.
   */
  async startRecording(record: NonNullable<StreamSettings['record']>): Promise<StreamStatus> {
    const settings = this.settings
    if (!settings || !this.profile || this.state === 'stopped' || this.state === 'stopping') {
      throw streamError('STREAM_FAILED', 'Nothing is running to add a recording to; use start().')
    }
    if (this.recordActive) {
      throw streamError('STREAM_ALREADY_RUNNING', 'A recording is already running.', {
        reason: 'recording',
      })
    }
    await checkRecordTarget(record, settings.minFreeDiskMb, {
      ...this.opts.probe,
      statfs: this.opts.statfs,
    })
    this.settings = { ...settings, record }
    this.recordBase = path.resolve(record.path)
    this.recordSplit = splitSeconds(record.split, this.profile)
    this.recordPart = 1
    this.recordPath = null
    this.recordActive = true
    this.recordBytes = 0
    this.recordFiles = []
    this.recordDoneBytes = 0
    this.disk = null
    this.diskSecondsLeft = null
    this.lastDiskCheck = 0
    this.startFile(this.partFile(this.recordPart))
    this.restartEncoder()
    return this.status()
  }

  /**
   * Ends the recording and keeps the push (the encoder restarts without it: a short freeze);
   * with no push, stops everything. Resolves once the recording's file is complete.
   */
  async stopRecording(): Promise<StreamStatus> {
    if (!this.recordActive) return this.status()
    if (!this.push) return this.stop()
    this.followParts()
    this.recordActive = false
    const old = this.restartEncoder()
    if (old) await old.exited
    if (this.recordPath) this.recordBytes = fileSize(this.recordPath) ?? this.recordBytes
    this.emit()
    return this.status()
  }

  /**
   * Switches the program to another source while the stream runs (a scene): the encoder
   * restarts on it and the relay stays connected (restartEncoder), so the push goes on; a
   * recording goes on in its next part (a file is never written twice).
   */
  async switchSource(input: unknown): Promise<StreamStatus> {
    const settings = this.settings
    if (!settings || this.state === 'stopped' || this.state === 'stopping') {
      throw streamError('STREAM_FAILED', 'Nothing is running to switch; use start().')
    }
    const source = checkSourceSettings(input, this.opts.platform, this.opts.probe)
    this.settings = { ...settings, source }
    if (this.recordActive) {
      this.followParts()
      // A part the old encoder never wrote to is simply written by the new one.
      if (this.recordPath && fs.existsSync(this.recordPath)) this.recordPart += 1
    }
    this.restartEncoder()
    return this.status()
  }

  /**
   * Restarts the encoder on the current settings (recording on or off, another source): the old
   * one finishes its file (`q`), the new one starts when it has exited. The relay stays
   * connected across the gap (about a second; see buildRelayArgs), so the ingest sees one
   * publish and viewers a short freeze, not a reconnect.
   */
  private restartEncoder(): Run | null {
    const encoder = this.encoder
    if (!encoder) return null
    encoder.expected = 'restart'
    void this.stopRun(encoder)
    return encoder
  }

  /** The push is over (ended, or refused when it joined a recording); the recording goes on. */
  private dropPush(error?: StreamEngineError): void {
    this.push = null
    this.pushActive = false
    this.attempt = 0
    this.settlePush(error)
    if (this.state === 'reconnecting' || this.state === 'starting') this.setState('started')
    else this.emit()
  }

  private settlePush(error?: StreamEngineError): void {
    const waiter = this.pushWaiter
    if (!waiter) return
    this.pushWaiter = null
    if (error) waiter.reject(error)
    else waiter.resolve(this.status())
  }

  /** Skip the backoff and try the push now (the "reconnect now" button OBS users asked for, 8335). */
  reconnectNow(): void {
    if (!this.push || this.state === 'stopping' || this.state === 'stopped') return
    if (this.relay) return
    this.reconnectTimer?.()
    this.reconnectTimer = null
    if (!this.pushActive) {
      // The retry limit had given up; the user asks again.
      this.pushActive = true
      this.attempt = 1
      this.setState('reconnecting')
    }
    if (this.encoder && this.encoder.blocks > 0) this.spawnRelay()
  }

  private async resolvePush(url: string): Promise<PushTarget> {
    const parsed = new URL(url)
    const host = parsed.hostname
    if (/^[\d.]+$/.test(host) || host.includes(':')) return { url, connect: url }
    let address: string
    try {
      address = await this.opts.lookupHost(host)
    } catch {
      throw streamError(
        'STREAM_HOST_NOT_FOUND',
        `The push server's name ${host} does not resolve. Check the push domain and the network.`,
        { host },
      )
    }
    // The 2018 static ffmpeg crashes in getaddrinfo for any host name (static glibc, no NSS);
    // give it the address and announce the original host in tcUrl, which ingests such as
    // Tencent CSS use to pick the domain.
    if (this.opts.ffmpeg.source !== 'installer' || parsed.protocol !== 'rtmp:') {
      return { url, connect: url }
    }
    const port = parsed.port ? `:${parsed.port}` : ''
    const app = parsed.pathname.split('/')[1] ?? ''
    const connect = `rtmp://${address}${port}${parsed.pathname}${parsed.search}`
    return { url, connect, tcUrl: `rtmp://${host}${port}/${app}` }
  }

  private setState(state: StreamState): void {
    const changed = state !== this.state
    this.state = state
    if (changed) this.opts.log(`stream: ${state}`)
    if (state === 'started') this.settleStart()
    this.emit()
  }

  private emit(): void {
    const snapshot = this.status()
    for (const listener of this.listeners) listener(snapshot)
  }

  private settleStart(error?: StreamEngineError): void {
    const waiter = this.startWaiter
    if (!waiter) return
    this.startWaiter = null
    if (error) waiter.reject(error)
    else waiter.resolve(this.status())
  }

  private fail(error: StreamEngineError | ClassifiedFailure): StreamEngineError {
    // The error reaches the Stage (a screen anchors share), every console and the log: ffmpeg's
    // lines and a push server's reply may quote the push URL or its key, so both are hidden.
    const secrets = this.push ? urlSecrets(this.push.url) : []
    const hide = (text: string) => redactText(text, secrets)
    const params = Object.fromEntries(
      Object.entries(error.params ?? {}).map(([name, value]) => [
        name,
        typeof value === 'string' ? hide(value) : value,
      ]),
    )
    const coded = new StreamEngineError(error.key, hide(error.message), params)
    this.lastError = coded
    this.opts.log(`stream: ${coded.key}: ${coded.message}`)
    return coded
  }

  private launch(role: Role, args: string[], recordPath: string | null): Run {
    const ffmpeg = this.opts.ffmpeg.path
    const wrap =
      this.opts.killWithParent &&
      this.opts.platform === 'linux' &&
      this.opts.spawn === nodeSpawn &&
      setprivWorks()
    const child = wrap
      ? this.opts.spawn('setpriv', ['--pdeathsig', 'TERM', '--', ffmpeg, ...args], {
          stdio: 'pipe',
        })
      : this.opts.spawn(ffmpeg, args, { stdio: 'pipe' })
    const now = this.opts.clock.now()
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }))
        child.once('error', () => resolve({ code: null, signal: null }))
      },
    )
    const run: Run = {
      role,
      child,
      pid: child.pid ?? null,
      startedAt: now,
      lastProgressAt: now,
      last: null,
      blocks: 0,
      stderr: '',
      everConnected: false,
      expected: null,
      exited,
      recordPath,
      cpu: null,
      cpuPercent: null,
      sent: null,
      kbps: null,
    }
    const parser = createProgressParser()
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      for (const block of parser.push(chunk)) this.onBlock(run, block)
    })
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      // The tail is enough to classify; ffmpeg can log for hours.
      run.stderr = (run.stderr + chunk).slice(-16_000)
    })
    // A stdin write after ffmpeg exited raises EPIPE; the exit handler has the real story.
    child.stdin?.on('error', () => {})
    child.on('error', (error) => {
      run.stderr += `\nspawn failed: ${error.message}`
    })
    void exited.then(({ code, signal }) => this.onExit(run, code, signal))
    this.opts.log(
      `stream: ${role} pid ${run.pid ?? '?'}: ${[ffmpeg, ...args].map((a) => redactUrl(a)).join(' ')}`,
    )
    return run
  }

  private spawnEncoder(): void {
    const settings = this.settings
    const profile = this.profile
    if (!settings || !profile) return
    const base = this.recordActive ? this.recordBase : null
    const split = this.recordSplit
    const recordPath = base ? this.partFile(this.recordPart) : null
    if (recordPath) this.startFile(recordPath)
    const args = buildStreamArgs({
      source: settings.source,
      profile,
      overlays: [...toOverlays(settings.overlays), ...this.layers],
      record:
        base && settings.record
          ? split === null
            ? { path: recordPath ?? base, format: settings.record.format }
            : {
                path: base,
                format: settings.record.format,
                split: { seconds: split, startNumber: this.recordPart },
              }
          : undefined,
      relay: { url: relayUrls(this.relayPort).send },
      ...(this.opts.monitorPort && { monitor: { url: relayUrls(this.opts.monitorPort).send } }),
      platform: this.opts.platform,
      fontFile: this.opts.fontFile,
    })
    // A split recording has one marker for all its parts, on the base name.
    const markerFor = split === null ? recordPath : base
    const run = this.launch('encoder', args, markerFor)
    this.encoder = run
    if (markerFor && settings.record) {
      writeRecordingMarker({
        path: markerFor,
        format: settings.record.format,
        startedAt: Date.now(),
        pid: run.pid,
        ...(split === null ? {} : { split: true }),
      })
    }
  }

  private partFile(part: number): string {
    const base = this.recordBase as string
    return this.recordSplit === null ? restartPartPath(base, part) : splitPartPath(base, part)
  }

  /** `file` is now the one being written; the previous one is finished. */
  private startFile(file: string): void {
    if (this.recordPath && this.recordPath !== file) {
      this.recordDoneBytes += fileSize(this.recordPath) ?? 0
    }
    this.recordPath = file
    this.recordBytes = 0
    if (!this.recordFiles.includes(file)) this.recordFiles.push(file)
  }

  /** Follows the segment muxer onto the parts it has opened since the last look. */
  private followParts(): void {
    if (this.recordSplit === null || !this.recordBase) return
    while (fs.existsSync(this.partFile(this.recordPart + 1))) {
      this.recordPart += 1
      this.startFile(this.partFile(this.recordPart))
    }
  }

  private spawnRelay(fromStart = false): void {
    if (!this.push || !this.pushActive) return
    this.relayFromStart = fromStart
    this.relay = this.launch(
      'push',
      buildRelayArgs({
        from: relayUrls(this.relayPort).receive,
        to: this.push.connect,
        tcUrl: this.push.tcUrl,
        keyframeIntervalSec: this.profile?.keyframeIntervalSec,
        fromStart,
      }),
      null,
    )
  }

  private onBlock(run: Run, block: ProgressBlock): void {
    run.lastProgressAt = this.opts.clock.now()
    run.last = block
    run.blocks += 1
    if (run.role === 'encoder') {
      if (run !== this.encoder || run.blocks !== 1) return
      // The encoder produces: the relay has something to read now.
      if (this.push && this.pushActive && !this.relay && this.reconnectTimer === null)
        this.spawnRelay()
      if (!this.push && this.state === 'starting') this.setState('started')
      return
    }
    if (run !== this.relay || run.everConnected) return
    // Bytes alone do not prove the ingest took the stream: a server that refuses the publish
    // (node-media-server, SRS hooks) closes the socket after our first writes, and ffmpeg may
    // print a block with the FLV header counted before it notices. Three blocks (~1.5 s) of
    // sending does.
    if ((block.totalSize ?? 0) > 0 && run.blocks >= connectedAfterBlocks) {
      run.everConnected = true
      if (this.state === 'reconnecting') {
        this.reconnects += 1
        this.attempt = 0
      }
      if (this.state === 'starting' || this.state === 'reconnecting') this.setState('started')
      this.settlePush()
    }
  }

  private onExit(run: Run, code: number | null, signal: NodeJS.Signals | null): void {
    if (run.role === 'encoder') this.onEncoderExit(run, code, signal)
    else this.onRelayExit(run, code, signal)
  }

  private onEncoderExit(run: Run, code: number | null, signal: NodeJS.Signals | null): void {
    if (run !== this.encoder) return
    this.encoder = null
    this.mediaMsBefore += Math.round((run.last?.outTimeUs ?? 0) / 1000)
    // ffmpeg wrote its trailer: the file is complete, nothing to recover.
    if (code === 0 && run.recordPath) clearRecordingMarker(run.recordPath)
    if (run.expected === 'stop' || this.state === 'stopping' || this.state === 'stopped') return
    if (run.expected === 'restart') {
      this.spawnEncoder()
      return
    }
    const seconds = this.opts.stallTimeoutMs / 1000
    const firstSeconds = this.opts.firstFrameTimeoutMs / 1000
    const failure: ClassifiedFailure =
      run.expected === 'stall' && run.blocks === 0
        ? {
            key: 'STREAM_STALLED',
            message: `ffmpeg produced no frame in ${firstSeconds} s; stopped.`,
            params: { reason: 'firstFrame', seconds: firstSeconds },
          }
        : run.expected === 'stall'
          ? {
              key: 'STREAM_STALLED',
              message: `ffmpeg stopped making progress for ${seconds} s; restarted it.`,
              params: { reason: 'encoder', seconds },
            }
          : classifyFailure({
              stderr: run.stderr,
              exitCode: code,
              signal,
              role: 'encoder',
              everConnected: run.blocks > 0,
              recordPath: run.recordPath ?? undefined,
              encoder: this.profile?.encoder,
            })
    const error = this.fail(failure)
    const now = this.opts.clock.now()
    this.encoderRestarts = this.encoderRestarts.filter((t) => now - t < 60_000)
    const fatal =
      run.blocks === 0 ||
      failure.key === 'STREAM_DISK_FULL' ||
      failure.key === 'STREAM_RECORD_UNWRITABLE' ||
      failure.key === 'STREAM_DEVICE_UNAVAILABLE' ||
      this.encoderRestarts.length >= 5
    if (fatal) {
      void this.beginShutdown(error)
      return
    }
    // The encoder died mid-stream (crash, kill -9, watchdog): start it again into a new part so
    // the old part — complete up to its last fragment — is never overwritten. The relay's input
    // restarts with new timestamps, so the push is restarted with it.
    this.encoderRestarts.push(now)
    if (this.recordActive) {
      this.followParts()
      // A part the crash left before its first byte is simply written again.
      if (!this.recordPath || fs.existsSync(this.recordPath)) this.recordPart += 1
    }
    if (this.relay) {
      this.relay.expected = 'restart'
      this.relay.child.kill('SIGKILL')
    }
    if (this.push && this.pushActive && this.state === 'started') this.setState('reconnecting')
    this.spawnEncoder()
  }

  private onRelayExit(run: Run, code: number | null, signal: NodeJS.Signals | null): void {
    if (run !== this.relay) return
    this.relay = null
    if (run.expected === 'stop' || this.state === 'stopping' || this.state === 'stopped') return
    if (run.expected === 'restart') return // the new encoder's first block starts a new relay
    const seconds = this.opts.stallTimeoutMs / 1000
    const failure: ClassifiedFailure =
      run.expected === 'stall'
        ? {
            key: 'STREAM_STALLED',
            message: `The push made no progress for ${seconds} s; reconnecting.`,
            params: { reason: 'push', seconds },
          }
        : classifyFailure({
            stderr: run.stderr,
            exitCode: code,
            signal,
            role: 'push',
            everConnected: run.everConnected,
            target: this.push?.url,
          })
    const targetRefused = [
      'STREAM_AUTH_REJECTED',
      'STREAM_HOST_NOT_FOUND',
      'STREAM_CONNECTION_REFUSED',
    ]
    if (this.state === 'starting' && this.relayFromStart && !targetRefused.includes(failure.key)) {
      // The brief probe missed the first keyframe (a slow start): probe a whole GOP instead.
      this.opts.log(`stream: push probe too short (${failure.message}); probing longer`)
      this.spawnRelay()
      return
    }
    const error = this.fail(failure)
    if (this.pushWaiter) {
      // A push that joined a recording was refused: the recording goes on without it.
      this.dropPush(error)
      return
    }
    if (this.state === 'starting') {
      // The first connection failed: a wrong URL, key or host does not get better by retrying,
      // and the caller of start() is waiting for an answer.
      void this.beginShutdown(error)
      return
    }
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    const policy = ReconnectPolicy.parse(this.settings?.reconnect ?? {})
    this.attempt += 1
    if (policy.maxAttempts > 0 && this.attempt > policy.maxAttempts) {
      this.attempt = 0
      this.pushActive = false
      const message =
        `Gave up on the push after ${policy.maxAttempts} attempts. ${this.lastError?.message ?? ''}`.trim()
      const facts = { attempts: policy.maxAttempts, lastCode: this.lastError?.code }
      if (!this.recordActive) {
        void this.beginShutdown(
          streamError('STREAM_RECONNECT_FAILED', message, { reason: 'stopped', ...facts }),
        )
        return
      }
      // OBS keeps recording when the stream gives up; so do we.
      this.fail(
        streamError('STREAM_RECONNECT_FAILED', `${message} Recording continues.`, {
          reason: 'recordingContinues',
          ...facts,
        }),
      )
      this.setState('started')
      return
    }
    const delay = reconnectDelay(policy, this.attempt, this.opts.random)
    this.opts.log(`stream: push reconnect ${this.attempt} in ${delay} ms`)
    this.setState('reconnecting')
    this.reconnectTimer = this.opts.clock.setTimer(() => {
      this.reconnectTimer = null
      if (this.state !== 'reconnecting' || this.relay) return
      // Without an encoder there is nothing to relay; its first block starts the relay.
      if (this.encoder && this.encoder.blocks > 0) this.spawnRelay()
    }, delay)
  }

  private scheduleHealth(): void {
    this.healthTimer = this.opts.clock.setTimer(() => {
      this.healthTimer = null
      if (this.state === 'stopped') return
      this.tick()
      if ((this.state as StreamState) !== 'stopped') this.scheduleHealth()
    }, this.opts.healthIntervalMs)
  }

  private tick(): void {
    const now = this.opts.clock.now()
    for (const run of [this.encoder, this.relay]) {
      if (!run || run.expected) continue
      // Before the encoder's first frame, neither it nor the relay waiting for it is hung.
      const beforeFirstFrame = run.blocks === 0 && (this.encoder?.blocks ?? 0) === 0
      const limit = beforeFirstFrame ? this.opts.firstFrameTimeoutMs : this.opts.stallTimeoutMs
      if (now - run.lastProgressAt > limit && this.state !== 'stopping') {
        this.opts.log(`stream: ${run.role} stalled, killing pid ${run.pid ?? '?'}`)
        run.expected = 'stall'
        run.child.kill('SIGKILL')
      }
      this.sampleCpu(run, now)
      const bytes = run.last?.totalSize
      if (typeof bytes === 'number') {
        if (run.sent && now > run.sent.at && bytes >= run.sent.bytes) {
          run.kbps = Math.round(((bytes - run.sent.bytes) * 8) / (now - run.sent.at))
        }
        run.sent = { at: now, bytes }
      }
    }
    if (this.recordActive) this.followParts()
    if (this.recordPath) this.recordBytes = fileSize(this.recordPath) ?? this.recordBytes
    this.health = this.buildHealth()
    this.emit()
    if (
      this.recordActive &&
      this.recordBase &&
      now - this.lastDiskCheck >= this.opts.diskCheckEveryMs
    ) {
      this.lastDiskCheck = now
      void this.checkDisk(path.dirname(this.recordBase))
    }
  }

  private sampleCpu(run: Run, now: number): void {
    if (run.pid === null) return
    const seconds = this.opts.cpuSeconds(run.pid)
    if (seconds === null) return
    if (run.cpu && now > run.cpu.at) {
      run.cpuPercent = Math.max(
        0,
        ((seconds - run.cpu.seconds) / ((now - run.cpu.at) / 1000)) * 100,
      )
    }
    run.cpu = { at: now, seconds }
  }

  private buildHealth(): StreamHealth | null {
    const enc = this.encoder?.last
    if (!enc) return this.health
    const relay = this.relay?.everConnected ? this.relay.last : null
    const cpus = [this.encoder?.cpuPercent, this.relay?.cpuPercent].filter(
      (v): v is number => typeof v === 'number',
    )
    return {
      fps: enc.fps,
      bitrateKbps: relay ? (this.relay?.kbps ?? relay.bitrateKbps) : null,
      droppedFrames: enc.dropFrames,
      skippedFrames: enc.dupFrames,
      totalFrames: enc.frame,
      speed: enc.speed,
      bytesOut: relay?.totalSize ?? 0,
      durationMs: this.mediaMsBefore + Math.round((enc.outTimeUs ?? 0) / 1000),
      cpuPercent: cpus.length ? Math.round(cpus.reduce((a, b) => a + b, 0) * 10) / 10 : null,
    }
  }

  private async checkDisk(dir: string): Promise<void> {
    let check
    try {
      check = await checkDiskSpace(dir, this.settings?.minFreeDiskMb ?? 500, this.opts.statfs)
    } catch {
      return
    }
    this.noteDisk(check.freeBytes)
    if (check.ok || !this.recordActive || this.state === 'stopping' || this.state === 'stopped')
      return
    const error = this.fail(
      streamError('STREAM_DISK_FULL', `Recording stopped: ${check.message}`, {
        reason: 'stoppedBelowFloor',
        freeMb: check.freeMb,
        floorMb: this.settings?.minFreeDiskMb ?? 500,
        dir,
      }),
    )
    this.recordActive = false
    if (!this.push || !this.pushActive) {
      void this.beginShutdown(error)
      return
    }
    // Keep the stream, drop the recording: restart the encoder without it (the push freezes for
    // a second, which beats filling the disk).
    this.restartEncoder()
  }

  /** Free space now and, from how fast the recording grew since the last check, time left. */
  private noteDisk(freeBytes: number): void {
    const at = this.opts.clock.now()
    const totalBytes = this.recordDoneBytes + this.recordBytes
    const previous = this.disk
    this.disk = { at, freeBytes, totalBytes }
    if (!previous || at <= previous.at || !this.recordActive) return
    const rate = (totalBytes - previous.totalBytes) / ((at - previous.at) / 1000)
    if (rate <= 0) return
    const floor = (this.settings?.minFreeDiskMb ?? 500) * 1024 * 1024
    this.diskSecondsLeft = Math.max(0, Math.round((freeBytes - floor) / rate))
  }

  /** `q` lets ffmpeg flush and write the trailer; SIGTERM does the same later; SIGKILL last. */
  private async stopRun(run: Run): Promise<void> {
    const { clock, stopTimeoutMs } = this.opts
    const within = (ms: number) =>
      Promise.race([
        run.exited.then(() => true),
        new Promise<boolean>((resolve) => clock.setTimer(() => resolve(false), ms)),
      ])
    if (run.child.exitCode !== null || run.child.signalCode !== null) return
    run.child.stdin?.write('q')
    if (await within(stopTimeoutMs)) return
    run.child.kill('SIGTERM')
    if (await within(3000)) return
    run.child.kill('SIGKILL')
    await run.exited
  }

  private async shutdown(error?: StreamEngineError): Promise<StreamStatus> {
    if (error) this.fail(error)
    if (this.state !== 'stopping') this.setState('stopping')
    this.reconnectTimer?.()
    this.reconnectTimer = null
    const runs = [this.encoder, this.relay].filter((r): r is Run => r !== null)
    for (const run of runs) run.expected = 'stop'
    await Promise.all(runs.map((run) => this.stopRun(run)))
    this.encoder = null
    this.relay = null
    this.healthTimer?.()
    this.healthTimer = null
    if (this.startWaiter && error) this.discardRecording()
    else this.discardEmptyFiles()
    this.settlePush(error)
    if (this.recordActive) this.followParts()
    if (this.recordPath) this.recordBytes = fileSize(this.recordPath) ?? this.recordBytes
    this.recordActive = false
    this.pushActive = false
    process.off('exit', this.onProcessExit)
    this.setState('stopped')
    this.stopping = null
    this.settleStart(error)
    return this.status()
  }

  /**
   * A start that failed recorded nothing the anchor asked to keep: the first seconds written
   * before a refused push, or an empty file from an encoder that never produced, go.
   */
  private discardRecording(): void {
    this.followParts()
    for (const file of this.recordFiles) fs.rmSync(file, { force: true })
    if (this.recordBase) clearRecordingMarker(this.recordBase)
    for (const file of this.recordFiles) clearRecordingMarker(file)
    this.recordFiles = []
    this.recordPath = null
    this.recordBytes = 0
  }

  /** A file an encoder opened but never wrote a byte to is no recording. */
  private discardEmptyFiles(): void {
    for (const file of this.recordFiles) {
      if (fileSize(file) !== 0) continue
      fs.rmSync(file, { force: true })
      clearRecordingMarker(file)
    }
    if (this.recordBase && this.recordFiles.every((file) => !fs.existsSync(file)))
      clearRecordingMarker(this.recordBase)
  }

  /** Our process is exiting: no time to wait, but SIGTERM still lets ffmpeg write its trailer. */
  private killAllNow(): void {
    for (const run of [this.encoder, this.relay]) {
      if (run && run.child.exitCode === null) run.child.kill('SIGTERM')
    }
  }
}

/** Backoff: the first retry within 2 s, then ×factor up to the cap, each with ± jitter. */
export function reconnectDelay(
  policy: ReconnectPolicy,
  attempt: number,
  random: () => number,
): number {
  const raw = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1),
  )
  const jittered = raw * (1 + policy.jitter * (2 * random() - 1))
  return Math.max(0, Math.round(Math.min(jittered, policy.maxDelayMs)))
}

export { StreamEngineError }
