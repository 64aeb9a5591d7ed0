import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { startIngest, type IngestEvents } from './ingest'
import { isIngestStart, type IngestChildMessage, type IngestStart } from './ingest-ipc'

/**
 * The ingest's own process (docs/ingest.md). node-media-server parses whatever anyone who can
 * reach the RTMP port sends, so it runs here, with a memory limit, watched and restarted by the
 * room server (ingest-process.ts) — its failure costs the live push a reconnect, never the room
 * or the console. The room server forks this file, sends one `start` message, and proxies
 * HTTP-FLV to the loopback port this process reports.
 */

/**
 * The parent's end: Node's IPC channel when forked, Electron's `process.parentPort` when the
 * desktop app starts this as a utility process (src-main/shell/utility-fork.ts).
 */
interface ParentPort {
  postMessage(message: unknown): void
  once(event: 'message', listener: (event: { data: unknown }) => void): void
}
const parentPort = (process as { parentPort?: ParentPort }).parentPort

const send = (message: IngestChildMessage, then?: () => void): void => {
  if (parentPort) {
    parentPort.postMessage(message)
    if (then) setImmediate(then)
  } else if (process.connected) process.send?.(message, undefined, undefined, then)
}

async function run(start: IngestStart): Promise<void> {
  let ingest
  try {
    ingest = await startIngest({
      host: start.host,
      rtmpPort: start.rtmpPort,
      secret: start.secret,
      now: Date.now,
      log: (line) => send({ type: 'log', line }),
      limits: start.limits,
    })
  } catch (error) {
    send({ type: 'failed', message: (error as Error).message }, () => process.exit(1))
    return
  }
  const names: (keyof IngestEvents)[] = [
    'publish-started',
    'publish-interrupted',
    'publish-stopped',
  ]
  for (const name of names) {
    ingest.on(name, ({ roomId, streamPath }) => send({ type: 'event', name, roomId, streamPath }))
  }
  const flv = http.createServer((req, res) => {
    if (!ingest.handleHttp(req, res)) res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => flv.listen(0, '127.0.0.1', resolve))
  send({
    type: 'ready',
    rtmpPort: ingest.rtmpPort,
    httpPort: (flv.address() as AddressInfo).port,
  })
  // Not unref'd: the heartbeat is what keeps this process alive and the room server's watchdog fed.
  setInterval(() => {
    const { rss, heapUsed, arrayBuffers } = process.memoryUsage()
    send({ type: 'heartbeat', rss, heapUsed, arrayBuffers })
  }, start.heartbeatMs)
}

const onStart = (message: unknown): void => {
  if (isIngestStart(message)) void run(message)
  else process.exit(2)
}
if (parentPort) {
  // Electron ends its utility processes with the app.
  parentPort.once('message', (event) => onStart(event.data))
} else {
  // Without the room server there is no one to serve: go with it.
  process.on('disconnect', () => process.exit(0))
  process.once('message', onStart)
}
