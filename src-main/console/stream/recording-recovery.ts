import { spawn as nodeSpawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { RecordFormat } from '../../../src-shared/contract/stream'
import { splitPartNumber } from './recording-name'

/**
 * Crash safety for recordings. A sidecar marker is written when a recording starts and removed
 * when ffmpeg closes it cleanly; a marker that outlives its ffmpeg means the file was cut short
 * (crash, kill -9, power loss). The fragmented MP4 is playable as it is, but players and editors
 * handle a regular MP4 with the index in front far better, so on the next start we remux it
 * (OBS's advice after its MP4 losses, issue 7269: record crash-safe, remux afterwards).
 */

const markerSuffix = '.livedesk-recording.json'

export interface RecordingMarker {
  path: string
  format: RecordFormat
  startedAt: number
  /** The ffmpeg writing it; recovery skips files whose writer still runs. */
  pid: number | null
  /** Split into parts: `path` is the base name and the files are its numbered parts. */
  split?: boolean
}

/** The files a marker stands for: the recording itself, or the parts of a split one in order. */
export function recordingFiles(marker: Pick<RecordingMarker, 'path' | 'split'>): string[] {
  if (!marker.split) return fs.existsSync(marker.path) ? [marker.path] : []
  const dir = path.dirname(marker.path)
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  return names
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, part: splitPartNumber(marker.path, file) }))
    .filter((p): p is { file: string; part: number } => p.part !== null)
    .sort((a, b) => a.part - b.part)
    .map((p) => p.file)
}

export function markerPath(recording: string): string {
  return recording + markerSuffix
}

export function writeRecordingMarker(marker: RecordingMarker): void {
  fs.writeFileSync(markerPath(marker.path), JSON.stringify(marker))
}

export function clearRecordingMarker(recording: string): void {
  fs.rmSync(markerPath(recording), { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Markers in `dir` whose writer is gone and whose recording still exists. */
export function findUnfinishedRecordings(
  dir: string,
  alive: (pid: number) => boolean = isAlive,
): RecordingMarker[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  const found: RecordingMarker[] = []
  for (const name of names) {
    if (!name.endsWith(markerSuffix)) continue
    const file = path.join(dir, name)
    try {
      const marker = JSON.parse(fs.readFileSync(file, 'utf8')) as RecordingMarker
      if (marker.pid !== null && alive(marker.pid)) continue
      if (recordingFiles(marker).length === 0) {
        fs.rmSync(file, { force: true })
        continue
      }
      found.push(marker)
    } catch {
      // A marker cut short by the crash itself says nothing we can use.
      fs.rmSync(file, { force: true })
    }
  }
  return found
}

export type Spawn = typeof nodeSpawn

/** Runs ffmpeg to the end; resolves the video frames it reported (-progress on stdout). */
function runFfmpeg(
  ffmpeg: string,
  args: string[],
  spawn: Spawn,
): Promise<{ frames: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-4000)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      const frames = [...stdout.matchAll(/^frame=(\d+)$/gm)].at(-1)?.[1]
      if (code === 0) resolve({ frames: frames === undefined ? null : Number(frames) })
      else reject(new Error(stderr.trim().split('\n').at(-1) ?? `ffmpeg exited with ${code}`))
    })
  })
}

export interface FinishResult {
  path: string
  ok: boolean
  /** The file held no frame and was deleted. */
  removed?: boolean
  message: string
}

/**
 * Remuxes a recording file in place (stream copy, no re-encode): fragmented MP4 becomes a regular
 * MP4 with `+faststart`, MKV and FLV get their index and duration rewritten. The original is
 * replaced only after the remux succeeded. The file's own marker, if any, is removed either way.
 */
export async function finishRecording(
  ffmpeg: string,
  marker: Pick<RecordingMarker, 'path' | 'format'>,
  spawn: Spawn = nodeSpawn,
): Promise<FinishResult> {
  const ext = path.extname(marker.path)
  const temp = `${marker.path.slice(0, marker.path.length - ext.length)}.recovering${ext}`
  const format = { fmp4: 'mp4', mkv: 'matroska', flv: 'flv' }[marker.format]
  const args = [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-loglevel',
    'error',
    '-nostats',
    '-progress',
    'pipe:1',
    '-i',
    marker.path,
    '-map',
    '0',
    '-c',
    'copy',
  ]
  if (marker.format === 'fmp4') args.push('-movflags', '+faststart')
  args.push('-f', format, temp)
  try {
    const { frames } = await runFfmpeg(ffmpeg, args, spawn)
    if (frames === 0) {
      // Cut off as it began (a crash right after a split opened a new part): headers, no
      // picture. Nothing is lost by removing it, and an empty file only confuses editors.
      fs.rmSync(temp, { force: true })
      fs.rmSync(marker.path, { force: true })
      clearRecordingMarker(marker.path)
      return {
        path: marker.path,
        ok: true,
        removed: true,
        message: `Removed ${marker.path}: it was cut off before its first frame`,
      }
    }
    fs.renameSync(temp, marker.path)
    clearRecordingMarker(marker.path)
    return { path: marker.path, ok: true, message: `Recovered ${marker.path}` }
  } catch (error) {
    fs.rmSync(temp, { force: true })
    // Keep the file (it may still play) but drop the marker so we do not retry on every start.
    clearRecordingMarker(marker.path)
    return {
      path: marker.path,
      ok: false,
      message: `Could not finish ${marker.path}: ${(error as Error).message}. The file is left as it was.`,
    }
  }
}

/**
 * Finds and finishes every unfinished recording in `dir` — each part of a split one — one file at
 * a time (2 cores; remux is I/O).
 */
export async function recoverRecordings(
  ffmpeg: string,
  dir: string,
  spawn: Spawn = nodeSpawn,
): Promise<FinishResult[]> {
  removeStaleRemuxes(dir)
  const results: FinishResult[] = []
  for (const marker of findUnfinishedRecordings(dir)) {
    for (const file of recordingFiles(marker)) {
      results.push(await finishRecording(ffmpeg, { path: file, format: marker.format }, spawn))
    }
    clearRecordingMarker(marker.path)
  }
  return results
}

/**
 * A remux cut short (the console quit during it) leaves `name.recovering.ext` beside the intact
 * `name.ext`; the half-written copy is of no use.
 */
function removeStaleRemuxes(dir: string): void {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const m = /^(.*)\.recovering(\.[^.]+)$/.exec(name)
    if (m && names.includes(`${m[1]}${m[2]}`)) fs.rmSync(path.join(dir, name), { force: true })
  }
}

export type StatFs = (dir: string) => Promise<{ bavail: number; bsize: number }>

/** Free bytes for an unprivileged writer on the disk that holds `dir`. */
export async function freeDiskBytes(
  dir: string,
  statfs: StatFs = (d) => fs.promises.statfs(d),
): Promise<number> {
  const stats = await statfs(dir)
  return Number(stats.bavail) * Number(stats.bsize)
}

export interface DiskCheck {
  ok: boolean
  freeMb: number
  freeBytes: number
  message: string
}

/**
 * The disk guard: recording stops below `minFreeMb` (default 500 MB; OBS PR 1924 settled on a
 * floor and users asked for it to be configurable) instead of running the disk full and
 * corrupting the file (OBS issue 9124).
 */
export async function checkDiskSpace(
  dir: string,
  minFreeMb: number,
  statfs?: StatFs,
): Promise<DiskCheck> {
  const freeBytes = await freeDiskBytes(dir, statfs)
  const freeMb = Math.floor(freeBytes / (1024 * 1024))
  return freeMb >= minFreeMb
    ? { ok: true, freeMb, freeBytes, message: `${freeMb} MB free` }
    : {
        ok: false,
        freeMb,
        freeBytes,
        message: `Only ${freeMb} MB free on the recording disk (${dir}); LiveDesk stops recording below ${minFreeMb} MB. Free some space or record to another disk.`,
      }
}
