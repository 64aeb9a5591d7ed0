import path from 'node:path'
import { type BusinessCliOptions, parseCliArgs, type RoomCliOptions, usage } from './cli-args'
import { startBusinessServer } from './business'
import type { GiftsOptions } from './business/gifts/gifts-capability'
import { startLiveRoom } from './index'
import { lanAddresses, withHost } from '../common/lan'
import { privateDir, privateUmask } from '../common/private-files'
import { findRendererDir } from '../common/renderer-dir'

/**
 * `npm run server`: the embedded live room on its own, e.g. on a LAN machine or behind a public URL;
 * with `--business-only`, just the business host, for a room on Tencent Cloud. Runs until
 * SIGINT/SIGTERM, then closes sockets (and the room's database) cleanly.
 */

const log = (line: string): void => void process.stderr.write(`${line}\n`)
const say = (line: string): void => void process.stdout.write(`${line}\n`)

function hereDir(): string {
  // tsx runs this file as CommonJS (the package has no "type": "module"), and electron-vite's
  // main build is CommonJS too, so __dirname is there; argv[1] covers anything else.
  return typeof __dirname === 'string'
    ? __dirname
    : path.dirname(path.resolve(process.argv[1] ?? '.'))
}

/** The gifts' options from the flags: the starting balance, or the external billing system. */
function giftsOptions(options: RoomCliOptions | BusinessCliOptions): { gifts?: GiftsOptions } {
  if (options.billing) return { gifts: { billing: { webhook: options.billing } } }
  return options.startingBalance !== undefined
    ? { gifts: { startingBalance: options.startingBalance } }
    : {}
}

async function runRoom(options: RoomCliOptions): Promise<() => Promise<void>> {
  const { port, rtmpPort, host, dataDir, sdkAppId, secretKey, callbackUrl, callbackToken } = options
  const rendererDir = findRendererDir(hereDir())
  // The room's database and identity are the user's alone: the folder 0700, its files 0600.
  privateDir(path.resolve(dataDir))
  const room = await startLiveRoom({
    dataDir: path.resolve(dataDir),
    allowedHosts: options.allowedHosts,
    host,
    port,
    sdkAppId,
    secretKey,
    rendererDir,
    callbackUrl,
    callbackToken,
    ...(options.msgCap !== undefined ? { maxMessagesPerSecond: options.msgCap } : {}),
    ...(options.maxConnectionsPerAddress !== undefined
      ? { maxConnectionsPerAddress: options.maxConnectionsPerAddress }
      : {}),
    ...(options.onlineCount ||
    options.startingBalance !== undefined ||
    options.billing ||
    options.roomState ||
    options.media
      ? {
          business: {
            ...(options.onlineCount ? { onlineCount: options.onlineCount } : {}),
            ...giftsOptions(options),
            ...(options.roomState ? { roomState: options.roomState } : {}),
            ...(options.media ? { media: options.media } : {}),
          },
        }
      : {}),
    ingest: rtmpPort === null ? undefined : { rtmpPort },
    log,
  })
  say(`Room server: ${room.httpUrl}`)
  say(`Viewer: ${room.viewerUrl()}`)
  if (host === '0.0.0.0') {
    for (const address of lanAddresses())
      say(`Viewer (LAN): ${withHost(room.viewerUrl(), address)}`)
  }
  if (room.ingest) {
    say(`Ingest: ${room.ingest.publishUrl()}`)
    say(`Play: ${room.ingest.playUrl()}`)
  }
  say(`SDKAppID: ${room.sdkAppId}`)
  say(callbackUrl ? `Business: the host at ${callbackUrl}` : 'Business: built in')
  if (options.billing) say(`Billing: ${new URL(options.billing.url).host}`)
  if (!rendererDir) say('Viewer page not built: run `npm run build` to serve it.')
  return () => room.close()
}

async function runBusiness(options: BusinessCliOptions): Promise<() => Promise<void>> {
  const server = await startBusinessServer({
    dataDir: path.resolve(options.dataDir),
    imRestUrl: options.imRestUrl,
    sdkAppId: options.sdkAppId,
    secretKey: options.secretKey,
    callbackToken: options.callbackToken,
    admin: options.admin,
    host: options.host,
    port: options.port,
    ...(options.onlineCount ? { onlineCount: options.onlineCount } : {}),
    ...giftsOptions(options),
    ...(options.roomState ? { roomState: options.roomState } : {}),
    ...(options.media ? { media: options.media } : {}),
    log,
  })
  say(`Business host: ${server.url}`)
  say(`Callbacks: ${server.callbackUrl}`)
  if (options.host === '0.0.0.0') {
    for (const address of lanAddresses()) {
      say(`Callbacks (LAN): ${withHost(server.callbackUrl, address)}`)
    }
  }
  say(`IM REST: ${options.imRestUrl} as ${options.admin}`)
  if (options.billing) say(`Billing: ${new URL(options.billing.url).host}`)
  say(`SDKAppID: ${options.sdkAppId}`)
  return () => server.close()
}

async function main(): Promise<void> {
  privateUmask()
  const parsed = parseCliArgs(process.argv.slice(2), process.env)
  if (!parsed.ok) {
    process.stderr.write(`livedesk server: ${parsed.error}. Try --help.\n`)
    process.exit(2)
  }
  if (parsed.command === 'help') {
    process.stdout.write(usage)
    return
  }
  const close =
    parsed.command === 'business'
      ? await runBusiness(parsed.options)
      : await runRoom(parsed.options)

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`livedesk server: ${signal}, closing\n`)
    close().then(
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
