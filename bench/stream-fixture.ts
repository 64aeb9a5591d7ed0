import {
  execFile,
  spawn as nodeSpawn,
  type ChildProcess,
  type SpawnOptions,
} from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StreamSettingsInput } from '../src-shared/contract/stream'
import { buildStreamArgs, resolveProfile } from '../src-main/console/stream/ffmpeg-args'
import {
  findFontFile,
  locateFfmpeg,
  type FfmpegInfo,
} from '../src-main/console/stream/ffmpeg-locate'
import { createProgressParser } from '../src-main/console/stream/ffmpeg-progress'
import {
  StreamSupervisor,
  type Spawn,
  type SupervisorOptions,
} from '../src-main/console/stream/stream-supervisor'
import { startLiveRoom, type LiveRoom } from '../src-main/liveroom'
import { createFlvParser, now, type VideoFrame } from './flv-reader'

/**
 * What the stream benchmarks share: ffmpeg, the embedded room with its ingest, the supervisor,
 * and the baseline — one plain ffmpeg process running the very arguments LiveDesk's encoder
 * would (buildStreamArgs), pushing straight to RTMP through its tee instead of through the
 * loopback relay. Same encoder settings on both sides, so only the pipeline differs.
 */

/** LiveDesk's default go-live profile (Stage settings: 720p30, x264 veryfast, zerolatency). */
export const benchProfile = { preset: '720p30' } as const
export const benchSource = { kind: 'test-pattern', clock: true } as const

export interface StreamBench {
  ffmpeg: FfmpegInfo
  fontFile: string | null
  dir: string
  close(): void
}

export async function openStreamBench(): Promise<StreamBench> {
  const dir = mkdtempSync(join(tmpdir(), 'livedesk-bench-stream-'))
  return {
    ffmpeg: await locateFfmpeg({}),
    fontFile: findFontFile(),
    dir,
    close: () => rmSync(dir, { recursive: true, force: true }),
  }
}

let rooms = 0
/** The embedded room with its ingest; `rtmpPort` 0 picks one, the same port restarts it. */
export function startRoom(bench: StreamBench, rtmpPort = 0, dataDir?: string): Promise<LiveRoom> {
  return startLiveRoom({
    dataDir: dataDir ?? join(bench.dir, `room-${++rooms}`),
    ingest: { rtmpPort },
  })
}

export function ingestOf(room: LiveRoom) {
  if (!room.ingest) throw new Error('the room runs no ingest')
  return room.ingest
}

/** Wall time (ms) at which a progress block was read, and the media time it reported. */
export interface ProgressMark {
  at: number
  outTimeMs: number
}

/** Collects the `-progress` blocks of a child's stdout with their arrival times. */
export function tapProgress(child: ChildProcess, marks: ProgressMark[]): void {
  const parser = createProgressParser()
  child.stdout?.on('data', (chunk: Buffer | string) => {
    const at = now()
    for (const block of parser.push(String(chunk))) {
      if (block.outTimeUs !== null && block.outTimeUs > 0)
        marks.push({ at, outTimeMs: block.outTimeUs / 1000 })
    }
  })
}

/**
 * With `-re`, frame pts p is read at T0 + p, and the output can never run ahead of that, so every
 * progress block bounds T0 from above: T0 ≤ read time − out_time. The smallest bound is T0 plus
 * the encoder's own delay (one frame or so with zerolatency).
 */
export function mediaOrigin(marks: ProgressMark[]): number {
  if (!marks.length) throw new Error('no progress from the encoder')
  return Math.min(...marks.map((m) => m.at - m.outTimeMs))
}

/**
 * A supervisor whose encoder's progress is also read by the benchmark. A custom spawn turns off
 * the setpriv wrapper (it only wraps node's own spawn); nothing else changes.
 */
export function tappedSupervisor(
  bench: StreamBench,
  encoderMarks: ProgressMark[],
  over: Partial<SupervisorOptions> = {},
): StreamSupervisor {
  const spawn = ((command: string, args: readonly string[], options: SpawnOptions) => {
    const child = nodeSpawn(command, args, options)
    if (args.includes('tee')) tapProgress(child, encoderMarks)
    return child
  }) as Spawn
  return new StreamSupervisor({ ffmpeg: bench.ffmpeg, fontFile: bench.fontFile, spawn, ...over })
}

export function supervisor(bench: StreamBench, over: Partial<SupervisorOptions> = {}) {
  return new StreamSupervisor({ ffmpeg: bench.ffmpeg, fontFile: bench.fontFile, ...over })
}

/** The baseline: one ffmpeg, LiveDesk's encoder arguments, pushing straight from its tee. */
export class PlainFfmpeg {
  readonly child: ChildProcess
  readonly pid: number
  readonly marks: ProgressMark[] = []
  readonly exited: Promise<number | null>
  private stderr = ''

  constructor(bench: StreamBench, push: string, record?: string) {
    const args = buildStreamArgs({
      source: benchSource,
      profile: resolveProfile(benchProfile),
      push: { url: push },
      record: record ? { path: record, format: 'fmp4' } : undefined,
      platform: 'linux',
      fontFile: bench.fontFile,
    })
    this.child = nodeSpawn(bench.ffmpeg.path, args, { stdio: 'pipe' })
    if (this.child.pid === undefined) throw new Error('ffmpeg did not start')
    this.pid = this.child.pid
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)))
    this.child.stdin?.on('error', () => {})
    this.child.stderr?.setEncoding('utf8')
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000)
    })
    tapProgress(this.child, this.marks)
  }

  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  lastError(): string {
    return this.stderr.trim().split('\n').slice(-3).join(' | ')
  }

  /** `q` first so the recording gets its trailer; SIGKILL by pid if it does not go. */
  async stop(): Promise<void> {
    if (!this.running()) return
    this.child.stdin?.write('q')
    const timer = setTimeout(() => {
      if (this.running()) process.kill(this.pid, 'SIGKILL')
    }, 5000)
    await this.exited
    clearTimeout(timer)
  }
}

/** The push settings the supervisor gets in every benchmark (plus what each one adds). */
export function pushSettings(url: string, extra: Partial<StreamSettingsInput> = {}) {
  return { source: benchSource, profile: benchProfile, push: { url }, ...extra }
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${file} failed: ${stderr || error.message}`)) : resolve(),
    )
  })
}

/** The video frames of a recording, by their tails, with their presentation times (ms). */
export async function recordedFrames(
  bench: StreamBench,
  record: string,
): Promise<Map<string, number>> {
  const flv = `${record}.video.flv`
  await run(bench.ffmpeg.path, [
    '-v',
    'error',
    '-y',
    '-i',
    record,
    '-map',
    '0:v',
    '-c',
    'copy',
    flv,
  ])
  const frames: VideoFrame[] = createFlvParser().push(readFileSync(flv), 0)
  const byTail = new Map<string, number>()
  const seen = new Set<string>()
  for (const frame of frames) {
    // A tail that occurs twice identifies nothing.
    if (seen.has(frame.tail)) byTail.delete(frame.tail)
    else byTail.set(frame.tail, frame.pts)
    seen.add(frame.tail)
  }
  return byTail
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = now() + ms
  while (!check()) {
    if (now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
