import type { StreamStatus } from '../../../src-shared/contract/stream'
import { parseStreamCli, usage } from './cli-args'
import { cssPlayUrls, cssPushUrl } from './css-url'
import { findFontFile, locateFfmpeg } from './ffmpeg-locate'
import { StreamEngineError } from './stream-error'
import { StreamSupervisor } from './stream-supervisor'

/**
 * `livedesk stream …`: signed CSS URLs, and a headless push for smoke tests and servers without
 * a screen. Bad arguments: one line on stderr, exit 2. A failed stream: its coded error, exit 1.
 */

function healthLine(s: StreamStatus): string {
  const h = s.health
  const parts = [`state=${s.state}`]
  if (h) {
    parts.push(
      `fps=${h.fps.toFixed(1)}`,
      `bitrate=${h.bitrateKbps === null ? '-' : `${Math.round(h.bitrateKbps)}kbps`}`,
      `dropped=${h.droppedFrames}`,
      `speed=${h.speed === null ? '-' : `${h.speed.toFixed(2)}x`}`,
      `cpu=${h.cpuPercent === null ? '-' : `${Math.round(h.cpuPercent)}%`}`,
      `time=${(h.durationMs / 1000).toFixed(1)}s`,
    )
  }
  if (s.recording) parts.push(`rec=${(s.recording.bytes / 1e6).toFixed(1)}MB`)
  if (s.attempt > 0) parts.push(`attempt=${s.attempt}`)
  if (s.lastError) parts.push(`lastError=${s.lastError.code}`)
  return parts.join(' ')
}

async function main(): Promise<number> {
  const parsed = parseStreamCli(process.argv.slice(2))
  if (!parsed.ok) {
    process.stderr.write(`livedesk stream: ${parsed.error}. Try --help.\n`)
    return 2
  }
  const command = parsed.command
  switch (command.kind) {
    case 'help':
      process.stdout.write(usage)
      return 0
    case 'push-url':
      process.stdout.write(`${cssPushUrl(command)}\n`)
      return 0
    case 'play-urls': {
      const urls = cssPlayUrls(command)
      for (const [name, url] of Object.entries(urls)) process.stdout.write(`${name}: ${url}\n`)
      return 0
    }
    case 'push':
      break
  }

  const ffmpeg = await locateFfmpeg({ settingsPath: command.ffmpeg })
  process.stderr.write(`ffmpeg ${ffmpeg.version} (${ffmpeg.source}: ${ffmpeg.path})\n`)
  const supervisor = new StreamSupervisor({
    ffmpeg,
    fontFile: findFontFile(),
    log: process.env.LIVEDESK_DEBUG ? (line) => process.stderr.write(`${line}\n`) : undefined,
  })
  let lastState = ''
  supervisor.onStatus((status) => {
    if (
      status.state === 'started' ||
      status.state === 'reconnecting' ||
      status.state !== lastState
    ) {
      if (status.health || status.state !== lastState)
        process.stdout.write(`${healthLine(status)}\n`)
    }
    if (status.lastError && status.state !== lastState && status.state === 'reconnecting') {
      process.stderr.write(`${status.lastError.message}\n`)
    }
    lastState = status.state
  })

  let stopRequested = false
  const stop = () => {
    if (stopRequested) return
    stopRequested = true
    void supervisor.stop()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  await supervisor.start({
    source: command.source,
    profile: { preset: command.profile },
    push: command.to ? { url: command.to } : undefined,
    record: command.record ? { path: command.record, split: command.split } : undefined,
  })
  const finished = new Promise<StreamStatus>((resolve) => {
    const off = supervisor.onStatus((status) => {
      if (status.state === 'stopped') {
        off()
        resolve(status)
      }
    })
  })
  const timer = command.durationSec ? setTimeout(stop, command.durationSec * 1000) : undefined
  const final = await finished
  if (timer) clearTimeout(timer)
  if (final.recording) {
    const { path, bytes, parts, totalBytes } = final.recording
    process.stdout.write(
      parts > 1
        ? `recording: ${parts} parts, the last ${path} (${totalBytes} bytes in all)\n`
        : `recording: ${path} (${bytes} bytes)\n`,
    )
  }
  if (!stopRequested && final.lastError) {
    process.stderr.write(`livedesk stream: ${final.lastError.message}\n`)
    return 1
  }
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StreamEngineError) {
      process.stderr.write(`livedesk stream: ${error.key}: ${error.message}\n`)
      process.exit(1)
    }
    if (error instanceof RangeError) {
      process.stderr.write(`livedesk stream: ${error.message}.\n`)
      process.exit(2)
    }
    process.stderr.write(`livedesk stream: ${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  },
)
