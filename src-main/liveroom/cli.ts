import path from 'node:path'
import { parseCliArgs, usage } from './cli-args'
import { startLiveRoom } from './index'
import { lanAddresses, withHost } from '../common/lan'
import { findRendererDir } from '../common/renderer-dir'

/**
 * `npm run server`: the embedded live room on its own, e.g. on a LAN machine or behind a public URL.
 * Runs until SIGINT/SIGTERM, then closes sockets and the database cleanly.
 */

function hereDir(): string {
  // tsx runs this file as CommonJS (the package has no "type": "module"), and electron-vite's
  // main build is CommonJS too, so __dirname is there; argv[1] covers anything else.
  return typeof __dirname === 'string'
    ? __dirname
    : path.dirname(path.resolve(process.argv[1] ?? '.'))
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2), process.env)
  if (!parsed.ok) {
    process.stderr.write(`livedesk server: ${parsed.error}. Try --help.\n`)
    process.exit(2)
  }
  if (parsed.options.help) {
    process.stdout.write(usage)
    return
  }
  const { port, rtmpPort, host, dataDir, sdkAppId, secretKey, callbackUrl, callbackToken } =
    parsed.options
  const rendererDir = findRendererDir(hereDir())
  const room = await startLiveRoom({
    dataDir: path.resolve(dataDir),
    host,
    port,
    sdkAppId,
    secretKey,
    rendererDir,
    callbackUrl,
    callbackToken,
    ingest: rtmpPort === null ? undefined : { rtmpPort },
    log: (line) => process.stderr.write(`${line}\n`),
  })
  process.stdout.write(`Room server: ${room.httpUrl}\n`)
  process.stdout.write(`Viewer: ${room.viewerUrl()}\n`)
  if (host === '0.0.0.0') {
    for (const address of lanAddresses()) {
      process.stdout.write(`Viewer (LAN): ${withHost(room.viewerUrl(), address)}\n`)
    }
  }
  if (room.ingest) {
    process.stdout.write(`Ingest: ${room.ingest.publishUrl()}\n`)
    process.stdout.write(`Play: ${room.ingest.playUrl()}\n`)
  }
  process.stdout.write(`SDKAppID: ${room.sdkAppId}\n`)
  if (!rendererDir) {
    process.stdout.write('Viewer page not built: run `npm run build` to serve it.\n')
  }

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`livedesk server: ${signal}, closing\n`)
    room.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`livedesk server: close failed: ${(error as Error).message}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  process.stderr.write(`livedesk server: ${(error as Error).message}\n`)
  process.exit(1)
})
