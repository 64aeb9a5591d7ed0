import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { asarUnpackedPath } from '../../common/asar-path'
import { streamError } from './stream-error'

/** Where an ffmpeg came from, in the order we look. */
export type FfmpegSource = 'settings' | 'env' | 'path' | 'installer'

export interface FfmpegInfo {
  path: string
  source: FfmpegSource
  /** What `ffmpeg -version` calls itself: "5.1.9-0+deb12u1", "N-47683-g0e8eb07980-static". */
  version: string
}

export interface LocateOptions {
  /** The path the user set in LiveDesk's settings, if any. */
  settingsPath?: string | null
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  /** Runs `<file> -version` and resolves its stdout; rejects when it cannot run. */
  runVersion?: (file: string) => Promise<string>
  /** The bundled @ffmpeg-installer binary, or null when the package is missing. */
  installerPath?: () => string | null
  isExecutable?: (file: string) => boolean
}

/** Parses the first line of `ffmpeg -version`. */
export function parseFfmpegVersion(stdout: string): string | null {
  return /^ffmpeg version (\S+)/m.exec(stdout)?.[1] ?? null
}

function defaultRunVersion(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) => {
      if (error) reject(error)
      else resolve(stdout)
    })
  })
}

function defaultInstallerPath(): string | null {
  try {
    const load = createRequire(__filename)
    // In the packaged app the package sits in app.asar; its binary is in app.asar.unpacked.
    return asarUnpackedPath((load('@ffmpeg-installer/ffmpeg') as { path: string }).path)
  } catch {
    // The installer package throws when it has no binary for this platform.
    return null
  }
}

function defaultIsExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/** Every `ffmpeg` on PATH, in PATH order. */
export function findOnPath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  isExecutable: (file: string) => boolean,
): string[] {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean)
  const name = platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg'
  const join = platform === 'win32' ? path.win32.join : path.posix.join
  return dirs.map((dir) => join(dir, name)).filter((file) => isExecutable(file))
}

/**
 * Finds a working ffmpeg: the settings path, then FFMPEG_PATH, then `ffmpeg` on PATH, then the
 * @ffmpeg-installer binary. A candidate counts only when `-version` runs, so a stale settings
 * path falls through to the next one instead of failing the stream later.
 */
export async function locateFfmpeg(options: LocateOptions = {}): Promise<FfmpegInfo> {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const runVersion = options.runVersion ?? defaultRunVersion
  const isExecutable = options.isExecutable ?? defaultIsExecutable
  const candidates: Array<{ path: string; source: FfmpegSource }> = []
  if (options.settingsPath) candidates.push({ path: options.settingsPath, source: 'settings' })
  if (env.FFMPEG_PATH) candidates.push({ path: env.FFMPEG_PATH, source: 'env' })
  for (const file of findOnPath(env, platform, isExecutable))
    candidates.push({ path: file, source: 'path' })
  const installer = (options.installerPath ?? defaultInstallerPath)()
  if (installer) candidates.push({ path: installer, source: 'installer' })

  const tried: string[] = []
  for (const candidate of candidates) {
    try {
      const version = parseFfmpegVersion(await runVersion(candidate.path))
      if (version) return { ...candidate, version }
      tried.push(`${candidate.path} (not ffmpeg)`)
    } catch (error) {
      tried.push(`${candidate.path} (${(error as NodeJS.ErrnoException).code ?? 'did not run'})`)
    }
  }
  if (tried.length) {
    throw streamError(
      'FFMPEG_NOT_FOUND',
      `No working ffmpeg: tried ${tried.join(', ')}. Install ffmpeg or set its path in Settings.`,
      { reason: 'noneWorks', tried: candidates.map((candidate) => candidate.path).join(', ') },
    )
  }
  throw streamError(
    'FFMPEG_NOT_FOUND',
    'ffmpeg is not installed. Install it (apt install ffmpeg, brew install ffmpeg, or ffmpeg.org) or set its path in Settings.',
    { reason: 'notInstalled' },
  )
}

/**
 * Fonts that come with each OS (or its usual packages); the first that exists draws every text
 * overlay. Fonts with Hangul and Han come first: room titles and the danmaku are often Korean or
 * Chinese, and a Latin-only font draws them as boxes. (drawtext opens a .ttc's first face: Noto
 * Sans CJK JP, Apple SD Gothic Neo, Microsoft YaHei cover both scripts.)
 */
export const fontCandidates: Record<'linux' | 'win32' | 'darwin', string[]> = {
  linux: [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  ],
  win32: [
    'C:/Windows/Fonts/malgun.ttf',
    'C:/Windows/Fonts/msyh.ttc',
    'C:/Windows/Fonts/arial.ttf',
    'C:/Windows/Fonts/segoeui.ttf',
  ],
  darwin: [
    '/System/Library/Fonts/AppleSDGothicNeo.ttc',
    '/System/Library/Fonts/PingFang.ttc',
    '/System/Library/Fonts/Supplemental/Arial.ttf',
    '/Library/Fonts/Arial.ttf',
  ],
}

/**
 * A font file for drawtext, or null. drawtext without `fontfile` relies on fontconfig, which the
 * static build carries without a configuration, so we always pass a file — or draw no text.
 */
export function findFontFile(
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = fs.existsSync,
): string | null {
  const list = fontCandidates[platform as keyof typeof fontCandidates] ?? []
  return list.find((file) => exists(file)) ?? null
}
