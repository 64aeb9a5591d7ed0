import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import Context from 'node-media-server/src/core/context.js'
import logger from 'node-media-server/src/core/logger.js'
import Rtmp from 'node-media-server/src/protocol/rtmp.js'
import FlvSession from 'node-media-server/src/session/flv_session.js'
import RtmpSession from 'node-media-server/src/session/rtmp_session.js'
import { signedPublishUrl } from './publish-sign'

/** The RTMP application every room's stream is published under. */
export const INGEST_APP = 'live'

export interface IngestEvents {
  /** A publisher started, or resumed within the grace period (its signed URL was accepted). */
  'publish-started': [{ roomId: string; streamPath: string }]
  /** The publisher's connection dropped; it may resume within node-media-server's 30 s grace. */
  'publish-interrupted': [{ roomId: string; streamPath: string }]
  /** The publish ended for good (node-media-server's donePublish, after the grace period). */
  'publish-stopped': [{ roomId: string; streamPath: string }]
}

/**
 * What hostile or broken peers may cost (docs/ingest.md). The first four are enforced by our
 * patch of node-media-server (patches/node-media-server+4.4.3.patch), the others here.
 */
export interface IngestLimits {
  /** Largest RTMP message accepted, bytes (a 1080p60 keyframe is a few hundred KB). */
  maxMessageSize: number
  /** Distinct chunk stream ids per connection (real clients use 3 to 6). */
  maxChunkStreams: number
  /** Bytes a connection may send before its publish (or play) is accepted. */
  maxPreAuthBytes: number
  /** Time a connection has to get its publish (or play) accepted, ms. */
  preAuthTimeoutMs: number
  /** RTMP connections at once; more are refused at accept. */
  maxConnections: number
  /** Unsent FLV bytes a viewer may fall behind by before its response is cut. */
  maxViewerBacklogBytes: number
}

export const defaultIngestLimits: IngestLimits = {
  maxMessageSize: 8 * 1024 * 1024,
  maxChunkStreams: 32,
  maxPreAuthBytes: 64 * 1024,
  preAuthTimeoutMs: 10_000,
  maxConnections: 64,
  // ~10 s of a 6 Mbit/s stream.
  maxViewerBacklogBytes: 8 * 1024 * 1024,
}

export interface IngestOptions {
  host: string
  /** 0 picks a free port. */
  rtmpPort: number
  /** Signs publish URLs; publishing without a valid signature is refused. */
  secret: string
  now: () => number
  log: (line: string) => void
  limits?: Partial<IngestLimits>
}

export interface Ingest extends EventEmitter<IngestEvents> {
  readonly rtmpPort: number
  /** A signed RTMP publish URL for a room's stream, valid for `seconds`. */
  publishUrl(roomId: string, seconds?: number): string
  /** Serves `GET /live/<roomId>.flv`; returns false when the path is not an ingest path. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean
  isLive(roomId: string): boolean
  close(): Promise<void>
}

let running = false
const FLV_PATH = new RegExp(`^/${INGEST_APP}/([A-Za-z0-9_-]+)\\.flv$`)

/** The room of a `GET|HEAD /live/<roomId>.flv` request; null for any other request. */
export function flvRoomOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null
  const match = FLV_PATH.exec(new URL(req.url ?? '/', 'http://ingest').pathname)
  return match ? match[1]! : null
}

export function sendNotLive(res: ServerResponse, roomId: string): void {
  res.writeHead(404, {
    'content-type': 'text/plain; charset=utf-8',
    'access-control-allow-origin': '*',
  })
  res.end(`Room ${roomId} is not live`)
}

/** The host a publisher reaches a listener bound to `host` by. */
export function reachableHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
}

/**
 * RTMP in, HTTP-FLV out, built from node-media-server's sessions on our own listeners: RTMP on its
 * own port, FLV mounted on the room's HTTP server — so none of its admin API, express app or
 * `process.exit` on a busy port comes along. Its state is process-global, hence one per process.
 */
export async function startIngest(options: IngestOptions): Promise<Ingest> {
  if (running)
    throw new Error('The ingest is already running in this process (node-media-server allows one)')
  // Without the patch a peer's declared lengths decide what the parser allocates: refuse to run.
  if (!Rtmp.DEFAULT_LIMITS) {
    throw new Error(
      'node-media-server is not patched (patches/node-media-server+4.4.3.patch): run npm install',
    )
  }
  const limits = { ...defaultIngestLimits, ...options.limits }
  running = true
  Context.config = {
    bind: options.host,
    auth: { publish: true, play: false, secret: options.secret },
    // Read by the patched RtmpSession for every connection.
    rtmp: {
      maxMessageSize: limits.maxMessageSize,
      maxChunkStreams: limits.maxChunkStreams,
      maxPreAuthBytes: limits.maxPreAuthBytes,
      preAuthTimeout: limits.preAuthTimeoutMs,
    },
  }
  // node-media-server logs to stdout at debug level; keep stdout for our own lines.
  logger.log = (message: string, level = 'info') => {
    if (level === 'warn' || level === 'error') options.log(`ingest: ${message}`)
  }

  const emitter = new EventEmitter<IngestEvents>()
  const live = new Set<string>()
  const roomOf = (streamPath: string): string | null => {
    const [, app, name] = streamPath.split('/')
    return app === INGEST_APP && name ? name : null
  }
  // postPublish fires before node-media-server refuses a second publisher; only the accepted one
  // counts, so look once it has settled. A publisher resuming within the grace period counts too.
  const onPostPublish = (session: RtmpSession) =>
    setImmediate(() => {
      const roomId = roomOf(session.streamPath)
      if (!session.isPublisher || !roomId || live.has(roomId)) return
      live.add(roomId)
      emitter.emit('publish-started', { roomId, streamPath: session.streamPath })
    })
  const onDone = (session: { streamPath: string }) => {
    const roomId = roomOf(session.streamPath)
    if (roomId && !live.has(roomId)) {
      emitter.emit('publish-stopped', { roomId, streamPath: session.streamPath })
    }
  }
  Context.eventEmitter.on('postPublish', onPostPublish)
  Context.eventEmitter.on('donePublish', onDone)

  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    const session = new RtmpSession(socket)
    socket.on('close', () => {
      sockets.delete(socket)
      const roomId = roomOf(session.streamPath ?? '')
      if (session.isPublisher && roomId && live.delete(roomId)) {
        emitter.emit('publish-interrupted', { roomId, streamPath: session.streamPath })
      }
    })
    socket.on('error', () => socket.destroy())
    session.run()
    Context.sessions.set(session.id, session as never)
  })
  server.maxConnections = limits.maxConnections
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.rtmpPort, options.host, () => resolve())
    })
  } catch (error) {
    running = false
    throw new Error(
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `RTMP port ${options.rtmpPort} is already in use; choose another with --rtmp-port (0 picks a free one)`
        : `Cannot listen for RTMP on ${options.host}:${options.rtmpPort}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  const rtmpPort = (server.address() as AddressInfo).port
  const urlHost = reachableHost(options.host)

  return Object.assign(emitter, {
    rtmpPort,
    publishUrl(roomId: string, seconds = 7 * 24 * 3600) {
      return signedPublishUrl({
        host: urlHost,
        port: rtmpPort,
        streamPath: `/${INGEST_APP}/${roomId}`,
        expiresAtSeconds: Math.floor(options.now() / 1000) + seconds,
        secret: options.secret,
      })
    },
    handleHttp(req: IncomingMessage, res: ServerResponse) {
      const roomId = flvRoomOf(req)
      if (roomId === null) return false
      if (!live.has(roomId)) {
        sendNotLive(res, roomId)
        return true
      }
      res.writeHead(200, {
        'content-type': 'video/x-flv',
        'cache-control': 'no-store',
        // The console (another origin) and viewers' players fetch it: the stream is public.
        'access-control-allow-origin': '*',
      })
      if (req.method === 'HEAD') {
        res.end()
        return true
      }
      // FlvSession reads express-style fields; give it those of a plain request.
      const url = new URL(req.url ?? '/', 'http://ingest')
      const expressLike = Object.assign(req, {
        params: { app: INGEST_APP, name: roomId },
        query: Object.fromEntries(url.searchParams),
        hostname: req.headers.host?.split(':')[0] ?? '',
      })
      const session = new FlvSession(expressLike, res)
      // FlvSession writes without heeding backpressure: a viewer that stops reading would make
      // this process hold the stream for it without end.
      const send = session.sendBuffer
      session.sendBuffer = (buffer) => {
        if (res.destroyed) return
        if (res.writableLength <= limits.maxViewerBacklogBytes) return send(buffer)
        options.log(`ingest: cut a viewer of ${roomId} ${res.writableLength} bytes behind`)
        res.destroy()
      }
      session.run()
      return true
    },
    isLive: (roomId: string) => live.has(roomId),
    async close() {
      Context.eventEmitter.off('postPublish', onPostPublish)
      Context.eventEmitter.off('donePublish', onDone)
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      Context.broadcasts.clear()
      Context.sessions.clear()
      live.clear()
      running = false
    },
  }) as Ingest
}
