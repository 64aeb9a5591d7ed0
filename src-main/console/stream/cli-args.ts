import type { ProfilePreset, RecordSplit, StreamSource } from '../../../src-shared/contract/stream'

export const usage = `Usage: livedesk stream <command> [options]

  push-url   --domain D --key K --stream S --expires <ISO time> [--app live]
             print a signed Tencent CSS push URL
  play-urls  --domain D --stream S [--app live] [--key K --expires <ISO time>]
             print the RTMP, FLV, HLS and WebRTC play URLs
  push       --source test-pattern|screen[:DISPLAY]|camera[:DEVICE]|file:PATH|image:PATH
             --to <rtmp url> [--profile 720p30|1080p30|1080p60] [--record PATH]
             [--split 30min|500mb] [--duration SECONDS] [--ffmpeg PATH]
             stream headless, one health line per second; stops cleanly on Ctrl+C
`

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'push-url'; domain: string; key: string; app: string; stream: string; expires: Date }
  | { kind: 'play-urls'; domain: string; app: string; stream: string; key?: string; expires?: Date }
  | {
      kind: 'push'
      source: StreamSource
      profile: Exclude<ProfilePreset, 'custom'>
      to?: string
      record?: string
      split?: RecordSplit
      durationSec?: number
      ffmpeg?: string
    }

export type CliParse = { ok: true; command: CliCommand } | { ok: false; error: string }

const known: Record<string, string[]> = {
  'push-url': ['domain', 'key', 'app', 'stream', 'expires'],
  'play-urls': ['domain', 'key', 'app', 'stream', 'expires'],
  push: ['source', 'profile', 'to', 'record', 'split', 'duration', 'ffmpeg'],
}

function flags(args: string[], allowed: string[]): Map<string, string> | string {
  const out = new Map<string, string>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!m?.[1]) return `unexpected argument "${arg}"`
    const name = m[1]
    if (!allowed.includes(name)) return `unknown option --${name}`
    const value = m[2] ?? args[++i]
    if (value === undefined || (m[2] === undefined && value.startsWith('--')))
      return `--${name} needs a value`
    out.set(name, value)
  }
  return out
}

function date(value: string | undefined, name: string): Date | string {
  if (value === undefined) return `--${name} is required`
  const d = new Date(value)
  return Number.isNaN(d.getTime())
    ? `--${name} "${value}" is not an ISO time (e.g. 2026-12-31T23:59:59Z)`
    : d
}

function source(value: string): StreamSource | string {
  const [kind, ...rest] = value.split(':')
  const arg = rest.join(':')
  switch (kind) {
    case 'test-pattern':
      return { kind: 'test-pattern', clock: true }
    case 'screen':
      return { kind: 'screen', display: arg || undefined, withAudio: false }
    case 'camera':
      return { kind: 'camera', video: arg || '/dev/video0' }
    case 'file':
    case 'image':
      return arg ? { kind, path: arg } : `--source ${kind}: needs a path (${kind}:PATH)`
    default:
      return `--source "${value}" is not one of test-pattern, screen, camera, file:PATH, image:PATH`
  }
}

/** `30min` → split by time, `500mb` / `2gb` → by size (the settings form's limits). */
function split(value: string): RecordSplit | string {
  const m = /^(\d+)\s*(min|mb|gb)$/i.exec(value.trim())
  const n = Number(m?.[1])
  const unit = m?.[2]?.toLowerCase()
  if (unit === 'min' && n >= 1 && n <= 24 * 60) return { by: 'time', minutes: n }
  const mb = unit === 'gb' ? n * 1024 : n
  if ((unit === 'mb' || unit === 'gb') && mb >= 10 && mb <= 1024 * 1024) return { by: 'size', mb }
  return `--split "${value}" is not a time (1min–1440min) or a size (10mb–1024gb)`
}

/** Pure: argv (after `stream`) to a command, or one line saying what is wrong. */
export function parseStreamCli(argv: string[]): CliParse {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    return { ok: true, command: { kind: 'help' } }
  }
  const allowed = known[name]
  if (!allowed) return { ok: false, error: `unknown command "${name}"` }
  const f = flags(rest, allowed)
  if (typeof f === 'string') return { ok: false, error: f }
  const need = (key: string): string | undefined => f.get(key)
  if (name === 'push-url' || name === 'play-urls') {
    for (const key of name === 'push-url'
      ? ['domain', 'key', 'stream', 'expires']
      : ['domain', 'stream']) {
      if (!need(key)) return { ok: false, error: `--${key} is required` }
    }
    const domain = need('domain') ?? ''
    const stream = need('stream') ?? ''
    const app = need('app') ?? 'live'
    if (name === 'push-url') {
      const expires = date(need('expires'), 'expires')
      if (typeof expires === 'string') return { ok: false, error: expires }
      return {
        ok: true,
        command: { kind: 'push-url', domain, key: need('key') ?? '', app, stream, expires },
      }
    }
    const key = need('key')
    if (key === undefined) return { ok: true, command: { kind: 'play-urls', domain, app, stream } }
    const expires = date(need('expires'), 'expires')
    if (typeof expires === 'string') return { ok: false, error: `${expires} (with --key)` }
    return { ok: true, command: { kind: 'play-urls', domain, app, stream, key, expires } }
  }
  const src = source(need('source') ?? 'test-pattern')
  if (typeof src === 'string') return { ok: false, error: src }
  const profile = need('profile') ?? '720p30'
  if (profile !== '720p30' && profile !== '1080p30' && profile !== '1080p60') {
    return { ok: false, error: `--profile "${profile}" is not one of 720p30, 1080p30, 1080p60` }
  }
  const to = need('to')
  const record = need('record')
  if (!to && !record) return { ok: false, error: '--to <rtmp url> or --record PATH is required' }
  const splitValue = need('split')
  const recordSplit = splitValue === undefined ? undefined : split(splitValue)
  if (typeof recordSplit === 'string') return { ok: false, error: recordSplit }
  if (recordSplit && !record) return { ok: false, error: '--split needs --record PATH' }
  let durationSec: number | undefined
  const duration = need('duration')
  if (duration !== undefined) {
    durationSec = Number(duration)
    if (!Number.isFinite(durationSec) || durationSec <= 0) {
      return { ok: false, error: `--duration "${duration}" is not a positive number of seconds` }
    }
  }
  return {
    ok: true,
    command: {
      kind: 'push',
      source: src,
      profile,
      to,
      record,
      split: recordSplit,
      durationSec,
      ffmpeg: need('ffmpeg'),
    },
  }
}
