import { readFileSync } from 'node:fs'
import type { PortChange } from '../../src-shared/contract'
import { startConsole, type ConsoleApp, type ConsoleOptions } from '../console/console-app'
import { lanAddresses, withHost } from '../common/lan'
import { privateDir } from '../common/private-files'
import {
  choosePort,
  portChange,
  readSavedAddresses,
  saveAddresses,
} from '../common/saved-addresses'
import { AccessLink, browserConsoleReach, desktopOnlyReach } from './access-link'
import { isLanHost, UsageError, type HostArgs } from './args'
import { startBrowserHost, type BrowserHost } from './browser-host'

export interface StartedConsole {
  app: ConsoleApp
  /** Null in the desktop app unless the person asked for a browser console. */
  browser: BrowserHost | null
  /** What to print at start-up: `Console:`, `Viewer:`, `Ingest:` and any warnings. */
  lines: string[]
  close(): Promise<void>
}

const portWords: Record<PortChange['service'], string> = {
  console: "the console's port, kept from the last start, is in use; the Console link changed",
  room: "the room server's port, kept from the last start, is in use; the viewer link changed — send the new one to your audience",
  ingest:
    "the RTMP ingest's port, kept from the last start, is in use; the Ingest server changed — update it in OBS",
}

/** What `--tls-cert`/`--tls-key` name, read now so a wrong path stops the start with one line. */
function readTls(args: HostArgs): { cert: Buffer; key: Buffer } | undefined {
  if (!args.tlsCert || !args.tlsKey) return undefined
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(file)
    } catch (error) {
      throw new UsageError(`Cannot read ${flag} "${file}": ${(error as Error).message}`)
    }
  }
  return { cert: read('--tls-cert', args.tlsCert), key: read('--tls-key', args.tlsKey) }
}

/**
 * The console as both hosts start it: the ports and the access token kept in the data folder
 * (saved-addresses.ts) used again, or others chosen and said so; the console's services; and,
 * when `browser` is true, the browser console with its access link.
 */
export async function startConsoleWithAddresses(
  args: HostArgs,
  options: Omit<ConsoleOptions, 'roomHost' | 'roomPort' | 'rtmpPort' | 'reach'> & {
    rendererDir: string
    browser: boolean
  },
): Promise<StartedConsole> {
  const { dataDir } = options
  const bind = args.host ?? '127.0.0.1'
  const tls = readTls(args)
  privateDir(dataDir)
  const saved = readSavedAddresses(dataDir)
  const consoleChoice = options.browser
    ? await choosePort(bind, args.port, saved.consolePort)
    : null
  const roomChoice = await choosePort(bind, args.roomPort, saved.roomPort)
  const rtmpChoice = await choosePort(bind, args.rtmpPort, saved.rtmpPort)
  const access = new AccessLink(saved.consoleToken, (token) =>
    saveAddresses(dataDir, { consoleToken: token }),
  )
  let browser: BrowserHost | null = null
  let changes: PortChange[] = []
  const lan = isLanHost(args.host)
  const reach = options.browser
    ? browserConsoleReach({
        access,
        lan,
        encrypted: tls !== undefined,
        consoleUrl: () => browser?.consoleUrl ?? null,
        portChanges: () => changes,
      })
    : desktopOnlyReach(() => changes)
  const app = await startConsole({
    ...options,
    roomHost: bind,
    roomPort: roomChoice.port,
    rtmpPort: rtmpChoice.port,
    ...(args.msgCap !== undefined ? { msgCap: args.msgCap } : {}),
    reach,
  })
  try {
    if (consoleChoice) {
      browser = await startBrowserHost({
        app,
        rendererDir: options.rendererDir,
        host: bind,
        port: consoleChoice.port,
        access,
        tls,
        allowedHosts: args.allowedHosts,
      })
    }
  } catch (error) {
    await app.close()
    throw error
  }
  const rtmpPort = app.room.ingest?.rtmpPort
  changes = [
    ...(consoleChoice ? portChange('console', consoleChoice, browser?.port) : []),
    ...portChange('room', roomChoice, app.room.port),
    ...portChange('ingest', rtmpChoice, rtmpPort),
  ]
  saveAddresses(dataDir, {
    ...(browser ? { consolePort: browser.port, consoleToken: access.current } : {}),
    roomPort: app.room.port,
    ...(rtmpPort ? { rtmpPort } : {}),
  })

  const lines: string[] = []
  for (const change of changes) {
    lines.push(`Port ${change.saved}: ${portWords[change.service]}; using ${change.chosen}.`)
  }
  if (browser) lines.push(`Console: ${browser.consoleUrl}`)
  // A room on Tencent Cloud: its viewers watch in the app's own client, not on a page here.
  if (app.info.viewerUrl) lines.push(`Viewer: ${app.info.viewerUrl}`)
  if (lan) {
    // Moderators on other machines open the console, viewers the room, at this machine's address.
    for (const address of lanAddresses()) {
      if (browser) lines.push(`Console (LAN): ${withHost(browser.consoleUrl, address)}`)
      if (app.info.viewerUrl) lines.push(`Viewer (LAN): ${withHost(app.info.viewerUrl, address)}`)
    }
    lines.push(
      tls
        ? 'The console is served over HTTPS; the viewer page and the room server stay HTTP (unencrypted).'
        : 'Warning: on the LAN nothing is encrypted (HTTP, WebSocket): anyone on this network can read the chat, the console and its access token. Give --tls-cert FILE --tls-key FILE for HTTPS.',
    )
  }
  if (app.room.ingest) lines.push(`Ingest: ${app.room.ingest.publishUrl()}`)
  return {
    app,
    browser,
    lines,
    async close() {
      await Promise.all([browser?.close(), app.close()])
    },
  }
}
