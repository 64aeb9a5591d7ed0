import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { PROTOCOL_PATH } from '../../src-shared/protocol/frames'
import { createHttpHandler } from './http-server'
import { resolveIdentity } from './identity'
import { ImEngine } from './im-engine'
import { openStore, type Store } from './store'
import { defaultUserSigSeconds, signUserSig, verifyUserSig } from './usersig'
import { type ClientServer, createClientServer } from './ws-server'

export interface LiveRoomOptions {
  /** SQLite database and identity live here; created when missing. */
  dataDir: string
  /** Default '127.0.0.1'. */
  host?: string
  /** Default 0: an ephemeral port. */
  port?: number
  /** Else LIVEDESK_SDKAPPID, else generated on first run and kept in dataDir. */
  sdkAppId?: number
  /** Else LIVEDESK_SECRET_KEY, else generated on first run and kept in dataDir (mode 0600). */
  secretKey?: string
  /** The built renderer (out/renderer); without it /room/* answers 503. */
  rendererDir?: string
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build inside Electron). */
  sqliteNativeBinding?: string
  /** Clock in ms, injectable for tests. */
  now?: () => number
  log?: (line: string) => void
}

export interface LiveRoom {
  readonly httpUrl: string
  readonly wsUrl: string
  readonly port: number
  readonly sdkAppId: number
  readonly defaultRoomId: string
  readonly ownerId: string
  signUserSig(userId: string, expireSeconds?: number): string
  viewerUrl(roomId?: string): string
  close(): Promise<void>
}

const defaultRoomId = 'main'
const ownerId = 'anchor'
const dbFileName = 'liveroom.db'

function ensureDefaultRoom(store: Store, now: number): void {
  if (store.groups.get(defaultRoomId)) return
  store.groups.create({ groupId: defaultRoomId, name: 'LiveDesk room', ownerId, createdAt: now })
}

/** A URL host for the bound address; wildcard binds are reached through loopback locally. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use; choose another with --port (0 picks a free one)`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      )
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Starts the embedded live room: the IM engine, its WebSocket endpoint and the viewer HTTP side. */
export async function startLiveRoom(options: LiveRoomOptions): Promise<LiveRoom> {
  const now = options.now ?? Date.now
  const log = options.log ?? (() => {})
  const host = options.host ?? '127.0.0.1'

  fs.mkdirSync(options.dataDir, { recursive: true })
  const identity = resolveIdentity({
    dataDir: options.dataDir,
    sdkAppId: options.sdkAppId,
    secretKey: options.secretKey,
  })
  const { sdkAppId, secretKey } = identity
  const store = openStore(
    path.join(options.dataDir, dbFileName),
    options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {},
  )

  const sign = (userId: string, expireSeconds = defaultUserSigSeconds): string =>
    signUserSig({ sdkAppId, secretKey, userId, expireSeconds, nowSeconds: now() / 1000 })

  let server: http.Server | undefined
  let clients: ClientServer | undefined
  try {
    ensureDefaultRoom(store, now())
    const engine = new ImEngine({
      store,
      sdkAppId,
      now,
      log,
      verifyUserSig: (userSig, userId, nowSeconds) =>
        verifyUserSig({ userSig, userId, nowSeconds, sdkAppId, secretKey }),
    })
    const clientServer = createClientServer({ engine, log })
    clients = clientServer
    const httpServer = http.createServer(
      createHttpHandler({
        store,
        rendererDir: options.rendererDir,
        log,
        viewerSessions: { store, sdkAppId, now, signUserSig: sign },
      }),
    )
    server = httpServer
    httpServer.on('upgrade', (request, socket, head) => {
      const pathname = (request.url ?? '').split('?')[0]
      if (pathname === PROTOCOL_PATH) {
        clientServer.handleUpgrade(request, socket, head)
      } else {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      }
    })
    const port = await listen(httpServer, options.port ?? 0, host)
    const httpUrl = `http://${urlHost(host)}:${port}`
    log(`liveroom: listening on ${httpUrl} (SDKAppID ${sdkAppId})`)

    let closing: Promise<void> | undefined
    return {
      httpUrl,
      wsUrl: `ws://${urlHost(host)}:${port}${PROTOCOL_PATH}`,
      port,
      sdkAppId,
      defaultRoomId,
      ownerId,
      signUserSig: sign,
      viewerUrl: (roomId = defaultRoomId) => `${httpUrl}/room/${encodeURIComponent(roomId)}`,
      close() {
        closing ??= (async () => {
          await clientServer.close()
          await new Promise<void>((resolve) => {
            httpServer.close(() => resolve())
            httpServer.closeAllConnections()
          })
          store.close()
          log('liveroom: closed')
        })()
        return closing
      },
    }
  } catch (error) {
    await clients?.close()
    server?.close()
    store.close()
    throw error
  }
}
