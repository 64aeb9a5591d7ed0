import { version } from '../../package.json'
import { defaultDataDir } from '../console/data-dir'
import { privateUmask } from '../common/private-files'
import { findRendererDir } from '../common/renderer-dir'
import { findResourcesDir } from '../common/resources-dir'
import { parseHostArgs, UsageError } from './args'
import { startConsoleWithAddresses } from './start-console'

/** `node out/main/host.js [--port N] [--host H] [--data DIR] …`: the console in a browser. */
async function main(): Promise<void> {
  // Whatever this process and its ffmpeg write (databases, keys, recordings) is the user's alone.
  privateUmask()
  const args = parseHostArgs(process.argv.slice(2))
  const rendererDir = findRendererDir(__dirname)
  if (!rendererDir) throw new UsageError('The renderer is not built; run `npm run build` first')
  const dataDir = args.dataDir ?? defaultDataDir()
  const started = await startConsoleWithAddresses(args, {
    dataDir,
    host: 'browser',
    version,
    rendererDir,
    resourcesDir: findResourcesDir(__dirname),
    browser: true,
  })
  for (const line of started.lines) console.log(line)
  console.log(`Data: ${dataDir}`)
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    void started.close().finally(() => process.exit(0))
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
