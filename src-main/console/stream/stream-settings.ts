import fs from 'node:fs'
import path from 'node:path'
import { StreamSettings, type SingleSource } from '../../../src-shared/contract/stream'
import { resolveProfile, type EncoderProfile, type Platform } from './ffmpeg-args'
import { redactUrl } from './ffmpeg-progress'
import { checkDiskSpace, type StatFs } from './recording-recovery'
import { streamError } from './stream-error'

/**
 * Checks settings against the machine before anything is spawned, so a typo surfaces as one
 * coded error with a fix, not as an ffmpeg that dies a second later with a cryptic line.
 */

export interface EnvironmentProbe {
  exists(file: string): boolean
  isDirectory(dir: string): boolean
  isWritableDir(dir: string): boolean
  statfs?: StatFs
}

export const nodeProbe: EnvironmentProbe = {
  exists: (file) => fs.existsSync(file),
  isDirectory: (dir) => {
    try {
      return fs.statSync(dir).isDirectory()
    } catch {
      return false
    }
  },
  isWritableDir: (dir) => {
    try {
      fs.accessSync(dir, fs.constants.W_OK)
      return fs.statSync(dir).isDirectory()
    } catch {
      return false
    }
  },
}

export interface CheckedSettings {
  settings: StreamSettings
  profile: EncoderProfile
}

/** Parses (zod) and checks everything that can be checked without running ffmpeg. */
export async function checkStreamSettings(
  input: unknown,
  platform: Platform,
  probe: EnvironmentProbe = nodeProbe,
): Promise<CheckedSettings> {
  const parsed = StreamSettings.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const at = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw streamError(
      'STREAM_INVALID_SETTINGS',
      `Stream settings: ${at}${issue?.message ?? 'invalid'}`,
      { reason: 'schema', field: issue?.path.join('.') ?? '' },
    )
  }
  const settings = parsed.data
  const profile = resolveProfile(settings.profile)
  checkSources(settings.source, platform, probe)
  for (const overlay of settings.overlays) {
    if (overlay.kind === 'image' && !probe.exists(overlay.path)) {
      throw streamError(
        'STREAM_INVALID_SETTINGS',
        `The overlay image ${overlay.path} does not exist. Pick another or remove the overlay.`,
        { reason: 'overlayMissing', path: overlay.path },
      )
    }
  }
  if (!settings.push && !settings.record) {
    throw streamError(
      'STREAM_INVALID_SETTINGS',
      'Nothing to do: set a push target, a recording, or both.',
      { reason: 'nothingToDo' },
    )
  }
  if (settings.push) checkPushUrl(settings.push.url)
  if (settings.record) await checkRecordTarget(settings.record, settings.minFreeDiskMb, probe)
  return { settings, profile }
}

/** A source to switch a running stream to: parsed, and its devices and files there. */
export function checkSourceSettings(
  input: unknown,
  platform: Platform,
  probe: EnvironmentProbe = nodeProbe,
): StreamSettings['source'] {
  const parsed = StreamSettings.shape.source.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw streamError('STREAM_INVALID_SETTINGS', `Source: ${issue?.message ?? 'invalid'}`, {
      reason: 'schema',
      field: ['source', ...(issue?.path ?? [])].join('.'),
    })
  }
  checkSources(parsed.data, platform, probe)
  return parsed.data
}

/** Each picture of the source (both of a picture in picture) is there. */
function checkSources(
  source: StreamSettings['source'],
  platform: Platform,
  probe: EnvironmentProbe,
): void {
  for (const one of source.kind === 'pip' ? [source.main, source.inset] : [source]) {
    checkSource(one, platform, probe)
  }
}

/** A camera that is plugged in, a file that exists. */
function checkSource(source: SingleSource, platform: Platform, probe: EnvironmentProbe): void {
  if (source.kind === 'camera' && platform === 'linux' && !probe.exists(source.video)) {
    throw streamError(
      'STREAM_DEVICE_UNAVAILABLE',
      `Camera ${source.video} is not connected. Plug it in or pick another camera (ls /dev/video*).`,
      { device: source.video },
    )
  }
  if ((source.kind === 'file' || source.kind === 'image') && !probe.exists(source.path)) {
    throw streamError(
      'STREAM_INVALID_SETTINGS',
      `The ${source.kind} ${source.path} does not exist.`,
      { reason: 'sourceMissing', path: source.path },
    )
  }
}

/** A push target must be an RTMP URL (rtmp://host/app/stream). */
export function checkPushUrl(url: string): void {
  if (!/^rtmps?:\/\/[^/\s]+\/\S+/.test(url)) {
    throw streamError(
      'STREAM_INVALID_SETTINGS',
      `Push target "${redactUrl(url)}" is not an RTMP URL (rtmp://host/app/stream).`,
      { reason: 'pushUrl', url: redactUrl(url) },
    )
  }
}

/**
 * A recording needs a writable folder, a name that is not taken (a recording is never
 * overwritten) and free space above the floor. Checked at the start and when a recording starts
 * while live.
 */
export async function checkRecordTarget(
  record: NonNullable<StreamSettings['record']>,
  minFreeDiskMb: number,
  probe: EnvironmentProbe = nodeProbe,
): Promise<void> {
  const file = path.resolve(record.path)
  const dir = path.dirname(file)
  if (!probe.isDirectory(dir) || !probe.isWritableDir(dir)) {
    throw streamError(
      'STREAM_RECORD_UNWRITABLE',
      `Cannot record into ${dir}: the folder does not exist or is not writable. Pick another folder.`,
      { reason: 'folder', dir },
    )
  }
  if (probe.exists(file)) {
    throw streamError(
      'STREAM_RECORD_UNWRITABLE',
      `${file} already exists; LiveDesk never overwrites a recording. Pick another name.`,
      { reason: 'exists', path: file },
    )
  }
  const disk = await checkDiskSpace(dir, minFreeDiskMb, probe.statfs)
  if (!disk.ok) {
    throw streamError('STREAM_DISK_FULL', disk.message, {
      reason: 'belowFloor',
      freeMb: disk.freeMb,
      floorMb: minFreeDiskMb,
      dir,
    })
  }
}
