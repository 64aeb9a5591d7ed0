import { type ChildProcess, execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { RoomState } from '../../../src-shared/protocol/room-state'
import { realTimer } from '../../common/clock'
import { concatList, joinPartsArgs, recordPartArgs } from './replay-ffmpeg-args'
import { PART_FILE, partName, replayUrlPath, safeReplayId, showFiles } from './replay-paths'

/**
 * The room server's own recording of each show (issue 12 §1, docs/business.md "Replays"): what its
 * ingest receives is copied (ffmpeg `-c copy`, no encoding) into one part per stretch on air — a
 * part while the room is live and its stream is published, a new part after each pause or drop —
 * and when the show ends the parts are joined into one faststart MP4, which the anchor may then
 * publish as the show's replay. It runs for `npm run server` and the console alike; the console's
 * own Stage recording stays the anchor's file.
 *
 * Without ffmpeg nothing is recorded and nothing else changes: the show goes on, and asking for
 * the recording says why there is none.
 */

export type RecordingAnswer =
  | { ok: true; url: string }
  | { ok: false; reason: 'no-ffmpeg' | 'not-recorded' | 'joining' | 'join-failed' }

export interface ReplayRecorderOptions {
  /** `<liveroom dataDir>/replays`. */
  replaysDir: string
  /** The ffmpeg to run; null when none works (findReplayFfmpeg). */
  ffmpeg: string | null
  /** The room's HTTP-FLV on this server's own port (what viewers play). */
  flvUrl: (groupId: string) => string
  isLive: (groupId: string) => boolean
  log: (line: string) => void
}

interface Show {
  groupId: string
  showId: string
  part: ChildProcess | null
  /** Settles when the running part's ffmpeg exited. */
  partExited: Promise<void>
}

/** A part's ffmpeg asked to stop (SIGINT writes its last fragment) is killed after this, ms. */
const stopGraceMs = 5000

export class ReplayRecorder {
  private readonly shows = new Map<string, Show>()
  private readonly joins = new Map<string, Promise<void>>()
  private readonly failedJoins = new Set<string>()
  private readonly children = new Set<ChildProcess>()
  private closed = false

  constructor(private readonly options: ReplayRecorderOptions) {}

  /**
   * The room's state or its stream changed: records while the show is live and its stream is
   * published, stops the part otherwise, and joins the parts once the show ended.
   */
  update(groupId: string, state: RoomState | undefined): void {
    if (this.closed || this.options.ffmpeg === null || !safeReplayId(groupId)) return
    let show = this.shows.get(groupId)
    if (show && show.showId !== state?.showId) {
      // A new show began (or the room was forgotten): the old one is over whatever came between.
      this.finish(show)
      show = undefined
    }
    if (!state || !safeReplayId(state.showId)) return
    const recording = state.state === 'live' && this.options.isLive(groupId)
    if (recording) {
      show ??= this.track(groupId, state.showId)
      if (!show.part) this.startPart(show)
    } else if (show?.part) {
      this.stopPart(show)
    }
    if (show && (state.state === 'ended' || state.state === 'replay')) this.finish(show)
  }

  /** The show's joined recording as a path of this server, or why there is none (yet). */
  recordingOf(groupId: string, showId: string): RecordingAnswer {
    if (this.options.ffmpeg === null) return { ok: false, reason: 'no-ffmpeg' }
    if (!safeReplayId(groupId) || !safeReplayId(showId))
      return { ok: false, reason: 'not-recorded' }
    const key = `${groupId}/${showId}`
    const files = showFiles(this.options.replaysDir, groupId, showId)
    if (this.joins.has(key)) return { ok: false, reason: 'joining' }
    if (fs.existsSync(files.joined)) return { ok: true, url: replayUrlPath(groupId, showId) }
    if (this.failedJoins.has(key)) return { ok: false, reason: 'join-failed' }
    if (this.shows.get(groupId)?.showId === showId) return { ok: false, reason: 'joining' }
    // Parts left by a room server that stopped before joining them: join them now.
    if (partsOf(files.partsDir).length > 0) {
      this.join(groupId, showId, Promise.resolve())
      return { ok: false, reason: 'joining' }
    }
    return { ok: false, reason: 'not-recorded' }
  }

  /** The joined file of a show, for serving; undefined when there is none. */
  fileOf(groupId: string, showId: string): string | undefined {
    if (!safeReplayId(groupId) || !safeReplayId(showId)) return undefined
    const key = `${groupId}/${showId}`
    const { joined } = showFiles(this.options.replaysDir, groupId, showId)
    return !this.joins.has(key) && fs.existsSync(joined) ? joined : undefined
  }

  /** Until every join in flight settled (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.joins.values()])
  }

  /** Stops every ffmpeg it started, by pid: parts get to write their last fragment. */
  async close(): Promise<void> {
    this.closed = true
    const exits = [...this.children].map((child) => stopChild(child))
    this.shows.clear()
    await Promise.all(exits)
    await Promise.allSettled([...this.joins.values()])
  }

  private track(groupId: string, showId: string): Show {
    const show: Show = { groupId, showId, part: null, partExited: Promise.resolve() }
    this.shows.set(groupId, show)
    return show
  }

  private startPart(show: Show): void {
    const { partsDir } = showFiles(this.options.replaysDir, show.groupId, show.showId)
    fs.mkdirSync(partsDir, { recursive: true, mode: 0o700 })
    const last = partsOf(partsDir).at(-1)
    const index = last ? Number(PART_FILE.exec(last)![1]) + 1 : 1
    const output = path.join(partsDir, partName(index))
    const child = this.run(recordPartArgs(this.options.flvUrl(show.groupId), output))
    show.part = child
    show.partExited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        if (show.part === child) show.part = null
        // 255 is ffmpeg's answer to the SIGINT that asked it to stop.
        if (code !== 0 && code !== 255 && signal === null && !this.closed) {
          this.options.log(
            `liveroom: replays: recording ${show.groupId}/${show.showId} ${partName(index)} stopped (exit ${code}): ${tailOf(child)}`,
          )
        }
        resolve()
      })
    })
    this.options.log(
      `liveroom: replays: recording ${show.groupId}/${show.showId} ${partName(index)}`,
    )
  }

  private stopPart(show: Show): void {
    const child = show.part
    show.part = null
    if (child) void stopChild(child)
  }

  /** The show is over: stop its part and join what was recorded. */
  private finish(show: Show): void {
    this.stopPart(show)
    if (this.shows.get(show.groupId) === show) this.shows.delete(show.groupId)
    this.join(show.groupId, show.showId, show.partExited)
  }

  private join(groupId: string, showId: string, after: Promise<void>): void {
    const key = `${groupId}/${showId}`
    if (this.joins.has(key) || this.closed) return
    const files = showFiles(this.options.replaysDir, groupId, showId)
    const joining = (async () => {
      await after
      const parts = partsOf(files.partsDir)
        .map((name) => path.join(files.partsDir, name))
        // A part whose ffmpeg never got a frame is empty or a bare header: nothing to join.
        .filter((file) => fs.statSync(file).size > 1024)
      if (parts.length === 0 || this.closed) return
      const list = path.join(files.partsDir, 'parts.txt')
      fs.writeFileSync(list, concatList(parts), { mode: 0o600 })
      const partial = `${files.joined}.joining`
      const child = this.run(joinPartsArgs(list, partial))
      const [code] = await new Promise<[number | null]>((resolve) =>
        child.once('close', (exit) => resolve([exit])),
      )
      if (code === 0) {
        fs.renameSync(partial, files.joined)
        fs.rmSync(files.partsDir, { recursive: true, force: true })
        this.options.log(`liveroom: replays: ${key} joined from ${parts.length} part(s)`)
      } else {
        fs.rmSync(partial, { force: true })
        this.failedJoins.add(key)
        this.options.log(
          `liveroom: replays: joining ${key} failed (exit ${code}): ${tailOf(child)}`,
        )
      }
    })()
      .catch((error: unknown) => {
        this.failedJoins.add(key)
        this.options.log(`liveroom: replays: joining ${key} failed: ${(error as Error).message}`)
      })
      .finally(() => this.joins.delete(key))
    this.joins.set(key, joining)
  }

  private run(args: string[]): ChildProcess {
    const child = spawn(this.options.ffmpeg as string, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const stderr: string[] = []
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString())
      if (stderr.length > 20) stderr.shift()
    })
    tails.set(child, stderr)
    this.children.add(child)
    child.once('close', () => this.children.delete(child))
    child.once('error', (error) => stderr.push(error.message))
    return child
  }
}

const tails = new WeakMap<ChildProcess, string[]>()

function tailOf(child: ChildProcess): string {
  return (tails.get(child)?.join('') ?? '').trim().split('\n').at(-1)?.slice(0, 300) || 'no output'
}

/** The folder's parts in recording order; none when it does not exist. */
function partsOf(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => PART_FILE.test(name))
      .sort()
  } catch {
    return []
  }
}

/** SIGINT by pid (ffmpeg then finishes its file), SIGKILL if it has not exited in time. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve()
  }
  const pid = child.pid
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
  signal(pid, 'SIGINT')
  const cancel = realTimer(() => signal(pid, 'SIGKILL'), stopGraceMs)
  return exited.finally(cancel)
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

/**
 * The ffmpeg the room server records with: the one it is given, else FFMPEG_PATH, else `ffmpeg`
 * on PATH, else @ffmpeg-installer's — the first whose `-version` runs; null when none does.
 */
export async function findReplayFfmpeg(
  given: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  const candidates = given !== undefined ? [given] : [env.FFMPEG_PATH, 'ffmpeg', installerFfmpeg()]
  for (const candidate of candidates) {
    if (candidate && (await runsVersion(candidate))) return candidate
  }
  return null
}

function installerFfmpeg(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path
  } catch {
    // No binary for this platform.
    return undefined
  }
}

function runsVersion(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(file, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) =>
      resolve(!error && /^ffmpeg version /m.test(stdout)),
    )
  })
}
