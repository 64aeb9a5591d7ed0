import { version } from '../../package.json'
import { startConsole } from '../console/console-app'
import { defaultDataDir } from '../console/data-dir'
import { lanAddresses, withHost } from '../common/lan'
import { findRendererDir } from '../common/renderer-dir'
import { findResourcesDir } from '../common/resources-dir'
import { parseHostArgs, UsageError } from './args'
import { startBrowserHost } from './browser-host'

/** `node out/main/host.js [--port N] [--host H] [--data DIR]`: the console in a browser. */
async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2))
  const rendererDir = findRendererDir(__dirname)
  if (!rendererDir) throw new UsageError('The renderer is not built; run `npm run build` first')
  const dataDir = args.dataDir ?? defaultDataDir()
  const app = await startConsole({
    dataDir,
    host: 'browser',
    version,
    rendererDir,
    resourcesDir: findResourcesDir(__dirname),
    roomHost: args.host,
    roomPort: args.roomPort,
    rtmpPort: args.rtmpPort,
  })
  const host = await startBrowserHost({ app, rendererDir, host: args.host, port: args.port })
  console.log(`Console: ${host.consoleUrl}`)
  console.log(`Viewer: ${app.info.viewerUrl}`)
  if (args.host === '0.0.0.0') {
    // Moderators on other machines open the console, viewers the room, at this machine's address.
    for (const address of lanAddresses()) {
      console.log(`Console (LAN): ${withHost(host.consoleUrl, address)}`)
      console.log(`Viewer (LAN): ${withHost(app.info.viewerUrl, address)}`)
    }
  }
  if (app.room.ingest) console.log(`Ingest: ${app.room.ingest.publishUrl()}`)
  console.log(`Data: ${dataDir}`)
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    void Promise.all([host.close(), app.close()]).finally(() => process.exit(0))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((err: unknown) => {
  console.error(
    err instanceof UsageError ? err.message : `LiveDesk could not start: ${String(err)}`,
  )
  process.exit(err instanceof UsageError ? 2 : 1)
})
