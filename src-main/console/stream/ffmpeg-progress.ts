import type { StreamErrorName, StreamErrorParams } from '../../../src-shared/contract/stream'

/**
 * Pure parsers of ffmpeg's output: `-progress` key=value blocks into typed progress, and stderr
 * lines into our error codes. Tested against real output of both builds in test/fixtures/ffmpeg.
 */

/** One `-progress` block (ffmpeg writes one every ~0.5 s, ending with `progress=continue|end`). */
export interface ProgressBlock {
  frame: number
  fps: number
  /** null while ffmpeg prints N/A (the tee muxer has no byte counter of its own). */
  bitrateKbps: number | null
  totalSize: number | null
  outTimeUs: number | null
  dupFrames: number
  dropFrames: number
  speed: number | null
  end: boolean
}

function num(value: string | undefined): number | null {
  if (value === undefined) return null
  const n = Number.parseFloat(value.trim())
  return Number.isFinite(n) ? n : null
}

function toBlock(fields: Map<string, string>): ProgressBlock {
  // ffmpeg prints the bitrate as "1590.6kbits/s" (and " 146.2kbits/s"); parseFloat drops the unit.
  const outTimeUs = num(fields.get('out_time_us')) ?? num(fields.get('out_time_ms'))
  return {
    frame: num(fields.get('frame')) ?? 0,
    fps: num(fields.get('fps')) ?? 0,
    bitrateKbps: num(fields.get('bitrate')),
    totalSize: num(fields.get('total_size')),
    // A negative out_time appears before the first packet with some inputs.
    outTimeUs: outTimeUs !== null && outTimeUs >= 0 ? outTimeUs : null,
    dupFrames: num(fields.get('dup_frames')) ?? 0,
    dropFrames: num(fields.get('drop_frames')) ?? 0,
    speed: num(fields.get('speed')),
    end: fields.get('progress') === 'end',
  }
}

/**
 * Feed stdout chunks as they arrive; get back the blocks they complete. Chunks may split lines
 * anywhere, so a partial line waits for the next chunk.
 */
export function createProgressParser(): { push(chunk: string): ProgressBlock[] } {
  let pending = ''
  let fields = new Map<string, string>()
  return {
    push(chunk) {
      pending += chunk
      const lines = pending.split(/\r?\n/)
      pending = lines.pop() ?? ''
      const blocks: ProgressBlock[] = []
      for (const line of lines) {
        const eq = line.indexOf('=')
        if (eq <= 0) continue
        const key = line.slice(0, eq).trim()
        const value = line.slice(eq + 1)
        fields.set(key, value)
        if (key === 'progress') {
          blocks.push(toBlock(fields))
          fields = new Map()
        }
      }
      return blocks
    },
  }
}

export function parseProgress(text: string): ProgressBlock[] {
  return createProgressParser().push(text.endsWith('\n') ? text : `${text}\n`)
}

/** One of our codes for a failed run, its facts for the renderer, and an English log line. */
export type ClassifiedFailure = {
  [K in StreamErrorName]: { key: K; message: string; params?: StreamErrorParams<K> }
}[StreamErrorName]

export interface FailureContext {
  /** Everything the process wrote to stderr (or its tail). */
  stderr: string
  exitCode: number | null
  signal: string | null
  /** Which process failed: the push (relay) or the encoder. */
  role: 'push' | 'encoder'
  /** The push had delivered media before it failed (tells "rejected" from "dropped"). */
  everConnected: boolean
  /** The push target as the user gave it, to name it in the message. */
  target?: string
  /** The recording file, to tell "cannot write the recording" from other file errors. */
  recordPath?: string
  /** The video encoder the encoder ran with (a hardware one fails differently). */
  encoder?: string
}

interface Rule {
  test: RegExp
  failure: (match: RegExpMatchArray, ctx: FailureContext) => ClassifiedFailure
}

const where = (ctx: FailureContext) => (ctx.target ? ` (${redactUrl(ctx.target)})` : '')

/** The push target's host[:port], which the renderer names (never its path or key). */
function targetHost(ctx: FailureContext): string | undefined {
  if (!ctx.target) return undefined
  try {
    return new URL(ctx.target).host || undefined
  } catch {
    return undefined
  }
}

/**
 * First match wins, so the specific lines come before the generic ones. Each pattern is a line
 * ffmpeg 5.1 or the 2018 static build really prints (see the fixtures); `Server error:` is
 * rtmpproto.c's line for an RTMP _error/onStatus error reply, which Tencent and nginx-rtmp send.
 */
const rules: Rule[] = [
  {
    test: /No space left on device/i,
    failure: () => ({
      key: 'STREAM_DISK_FULL',
      message: 'The disk is full: the recording stopped. Free some space or record elsewhere.',
      params: { reason: 'full' },
    }),
  },
  {
    test: /Failed to resolve hostname (\S+?):|Name or service not known|nodename nor servname|No such host is known/i,
    failure: (m, ctx) => ({
      key: 'STREAM_HOST_NOT_FOUND',
      message: `The push server's name${m[1] ? ` ${m[1]}` : ''} does not resolve${where(ctx)}. Check the push domain and the network.`,
      params: { host: m[1] ?? targetHost(ctx) },
    }),
  },
  {
    test: /Connection to tcp:\/\/([^\s?]+)\S* failed: Connection refused|: Connection refused/i,
    failure: (m, ctx) => ({
      key: 'STREAM_CONNECTION_REFUSED',
      message: `The push server${m[1] ? ` ${m[1]}` : ''} refused the connection${where(ctx)}. Is the ingest running, and is the port right?`,
      params: { host: m[1] ?? targetHost(ctx) },
    }),
  },
  {
    test: /Server error: (.*)/,
    failure: (m, ctx) => ({
      key: 'STREAM_AUTH_REJECTED',
      message: `The push server rejected the stream${where(ctx)}: ${m[1]?.trim() ?? ''}. Check the stream key or the signed URL's expiry.`,
      params: { host: targetHost(ctx), detail: m[1]?.trim() || undefined },
    }),
  },
  {
    test: /Cannot open (?:video|audio) device (.+?):|Could not find (?:video|audio) device with name \[?([^\]\n]+)|Video device not found|Audio device not found|Cannot open display (\S+)|pa_context_connect\(\) failed|cannot open audio device (\S+)|Could not open video device/i,
    failure: (m) => {
      const device = (m[1] ?? m[2] ?? m[3] ?? m[4])?.trim()
      return {
        key: 'STREAM_DEVICE_UNAVAILABLE',
        message: `The capture device${device ? ` ${device}` : ''} is not available. Plug it in, close apps that hold it, or pick another.`,
        params: { device: device || undefined },
      }
    },
  },
  {
    test: /x264 \[error\]: (.*)|Error while opening encoder for output stream|Error initializing output stream [\d:]+ -- Error while opening encoder/i,
    failure: (m, ctx) =>
      ctx.encoder && ctx.encoder !== 'libx264'
        ? {
            key: 'STREAM_ENCODER_FAILED',
            message: `The ${ctx.encoder} encoder could not start on this computer. Choose libx264.`,
            params: { reason: 'hardware', encoder: ctx.encoder },
          }
        : {
            key: 'STREAM_ENCODER_FAILED',
            message: `The video encoder could not start${m[1] ? ` (${m[1].trim()})` : ''}. Try another x264 preset or a lower resolution.`,
            params: { detail: m[1]?.trim() || undefined },
          },
  },
]

const SECRET_QUERY =
  /([?&](?:txSecret|sign|secret|key|streamKey|token|auth|password|usersig)=)[^&\s'"]*/gi
/**
 * An RTMP URL anywhere in a text: rtmp, rtmps, rtmpt, rtmpe, rtmpte. A trailing `:` or `,` is
 * ffmpeg's punctuation (`rtmp://h/app/key: Input/output error`), not part of the URL.
 */
const RTMP_URL = /\brtmp(?:s|t|e|te)?:\/\/[^\s'"]*[^\s'":,]/gi
/** scheme, user:password@, host[:port], /app, the rest of the path, ?query. */
const RTMP_PARTS = /^([a-z]+:\/\/)([^@/?#]*@)?([^/?#]*)(\/[^/?#]*)?([^?#]*)(.*)$/is

/**
 * Hides a URL's secrets so it can go into logs, events and errors: query keys (txSecret, sign,
 * key, …), a user:password, and an RTMP URL's stream key — everything after the app in the path,
 * the YouTube/Twitch/Facebook style `rtmp://host/app/<key>`. Works on URLs inside a text as well
 * (an ffmpeg line, a tee argument).
 */
export function redactUrl(url: string): string {
  return url.replace(RTMP_URL, redactRtmp).replace(SECRET_QUERY, '$1…')
}

function redactRtmp(url: string): string {
  const parts = RTMP_PARTS.exec(url)
  if (!parts) return url
  const [, scheme, userInfo, host, app = '', key, rest] = parts
  return `${scheme}${userInfo ? '…@' : ''}${host}${app}${key ? '/…' : ''}${rest}`
}

/**
 * The secrets inside a push URL, to hide wherever they turn up on their own (a push server's
 * reply may quote the stream key): the RTMP stream key, the password, the query's secret values.
 */
export function urlSecrets(url: string): string[] {
  const found: string[] = []
  const parts = RTMP_PARTS.exec(url.trim())
  if (parts && /^rtmp/i.test(parts[1] ?? '')) {
    const key = parts[5]?.replace(/^\//, '')
    if (key) found.push(key, ...key.split('/'))
    const password = parts[2]?.slice(0, -1).split(':')[1]
    if (password) found.push(password)
  }
  for (const match of url.matchAll(SECRET_QUERY)) {
    const value = match[0].slice(match[1]?.length ?? 0)
    if (value) found.push(value)
  }
  // Short strings (a one-letter stream name) would hide ordinary words, not secrets.
  return [...new Set(found)].filter((secret) => secret.length >= 4)
}

/** `text` with its URLs redacted (redactUrl) and every one of `secrets` hidden. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = redactUrl(text)
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('…')
  }
  return out
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function lastErrorLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    // A component's chatter ("[h264 @ 0x55…] no frame!") says nothing a person can act on;
    // a component's error keeps its words, without the memory address.
    .filter((l) => l && !/^\[[\w:-]+ @ [^\]]+\] (?!.*error)/i.test(l))
    .filter(
      (l) =>
        !/^(?:frame=|video:|Conversion failed|Input #|Output #|Stream |Duration|Metadata|encoder|\w+\s*:)/.test(
          l,
        ),
    )
  return lines.at(-1)?.replace(/^\[([\w:-]+) @ 0x[0-9a-f]+\] /i, '$1: ')
}

/** Maps a failed ffmpeg run to one of our codes, its facts, and a message for the log. */
export function classifyFailure(ctx: FailureContext): ClassifiedFailure {
  if (ctx.recordPath) {
    const unwritable = new RegExp(
      `${escapeRegExp(ctx.recordPath)}: (No such file or directory|Permission denied|Read-only file system|Is a directory|Not a directory)`,
    ).exec(ctx.stderr)
    if (unwritable) {
      return {
        key: 'STREAM_RECORD_UNWRITABLE',
        message: `Cannot write the recording ${ctx.recordPath} (${unwritable[1]}). Pick a folder you can write to.`,
        params: { reason: 'write', path: ctx.recordPath, detail: unwritable[1] },
      }
    }
  }
  for (const rule of rules) {
    for (const line of ctx.stderr.split(/\r?\n/)) {
      const match = line.match(rule.test)
      if (match) return rule.failure(match, ctx)
    }
  }
  const host = targetHost(ctx)
  // The 2018 static build crashes inside getaddrinfo (static glibc without NSS) for any host
  // name; supervisors resolve names first, but a crash here still means "name lookup".
  if (ctx.role === 'push' && ctx.signal === 'SIGSEGV' && !ctx.everConnected) {
    return {
      key: 'STREAM_HOST_NOT_FOUND',
      message: `ffmpeg crashed while looking up the push server${where(ctx)}. Use an IP address or another ffmpeg build.`,
      params: { reason: 'ffmpegCrashed', host },
    }
  }
  const io =
    /(?:av_interleaved_write_frame\(\)|Error writing trailer of [^:]+|Error closing file [^:]+): (End of file|Broken pipe|Connection reset by peer|Input\/output error)/.exec(
      ctx.stderr,
    )
  if (ctx.role === 'push' && io) {
    if (!ctx.everConnected && io[1] === 'End of file') {
      // node-media-server (and SRS with auth hooks) reject a publish by closing the socket right
      // after the publish command, so the first write meets end-of-file.
      return {
        key: 'STREAM_AUTH_REJECTED',
        message: `The push server closed the connection as soon as we published${where(ctx)}. Check the stream key or the signed URL's expiry.`,
        params: { reason: 'closedOnPublish', host },
      }
    }
    return {
      key: 'STREAM_CONNECTION_LOST',
      message: `The connection to the push server dropped (${io[1]})${where(ctx)}. Reconnecting.`,
      params: { host, detail: io[1] },
    }
  }
  const tail = lastErrorLine(ctx.stderr)
  const how = ctx.signal
    ? `was stopped by ${ctx.signal}`
    : `exited with code ${ctx.exitCode ?? '?'}`
  const message = `ffmpeg (${ctx.role}) ${how}${tail ? `: ${tail}` : ''}`
  const exit = ctx.signal ?? ctx.exitCode ?? undefined
  return ctx.role === 'push'
    ? {
        key: 'STREAM_CONNECTION_LOST',
        message,
        params: { reason: 'pushExited', host, exit, detail: tail },
      }
    : { key: 'STREAM_FAILED', message, params: { exit, detail: tail } }
}
