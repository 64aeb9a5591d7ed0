import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { CloseCode, ErrorCode, Limits } from '../../src-shared/protocol/codes'
import { AddressSeats, defaultMaxConnectionsPerAddress } from './address-seats'
import { type ClientPort, closeReason, sendFrame } from './client-port'
import { ClientWriter } from './client-writer'
import { parseClientFrame } from './frame-parser'
import type { ImEngine } from './im-engine'

export interface ClientServerOptions {
  engine: ImEngine
  log: (line: string) => void
  /** Tests shorten these; production uses Limits.loginTimeoutMs and 30 s. */
  heartbeatMs?: number
  loginTimeoutMs?: number
  /** Connections one address may hold at once; default 64, 0: no cap (LiveRoomOptions). */
  maxConnectionsPerAddress?: number
  /** The slow-consumer threshold; default Limits.maxBufferedBytes (1 MiB). */
  maxBufferedBytes?: number
}

export interface ClientServer {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  close(): Promise<void>
}

/**
 * The client protocol endpoint: one WebSocket per client, JSON text frames (docs/protocol.md).
 * Owns transport concerns only — frame size, parsing, login deadline, heartbeat — and hands each
 * valid frame to the IM engine.
 */
export function createClientServer(options: ClientServerOptions): ClientServer {
  const { engine, log } = options
  const loginTimeoutMs = options.loginTimeoutMs ?? Limits.loginTimeoutMs
  const maxBufferedBytes = options.maxBufferedBytes ?? Limits.maxBufferedBytes
  const slowReason = `Fell over ${bytesText(maxBufferedBytes)} behind; rejoin to catch up`
  // ws answers frames over maxPayload by closing with 1009 (message too big).
  const wss = new WebSocketServer({ noServer: true, maxPayload: Limits.maxFrameBytes })
  const alive = new WeakMap<WebSocket, boolean>()

  const timedOut = new WeakSet<WebSocket>()
  const seats = new AddressSeats(
    options.maxConnectionsPerAddress ?? defaultMaxConnectionsPerAddress,
  )

  wss.on('connection', (ws: WebSocket, request: IncomingMessage | undefined) => {
    const remoteAddress = request?.socket.remoteAddress ?? ''
    if (!seats.take(remoteAddress)) {
      // Refused before a session exists: no login, no callbacks, nothing to clean up but the socket.
      ws.on('error', () => {})
      ws.close(
        CloseCode.tooManyConnections,
        closeReason(
          `Too many connections from your address (${seats.max}); close one and try again`,
        ),
      )
      // A peer that never answers the close costs a socket for 1 s, not ws's 30 s.
      setTimeout(() => ws.terminate(), 1000).unref()
      return
    }
    ws.once('close', () => seats.release(remoteAddress))
    alive.set(ws, true)
    const writer = new ClientWriter(ws, {
      maxBufferedBytes,
      // A client that cannot keep up (a stalled tab during a chat storm) is closed instead of
      // letting its unsent frames grow without bound here; it may rejoin and take the history.
      onSlow: () => {
        log('liveroom: closing a client that stopped reading its frames (4007)')
        engine.kick(session, 'slowConsumer', CloseCode.slowConsumer, slowReason, {
          end: 'LinkClose',
        })
      },
    })
    const port: ClientPort = {
      remoteAddress,
      sendText: (text) => writer.sendText(text),
      sendShared: (frame) => writer.sendShared(frame),
      close(code, reason) {
        if (ws.readyState === WebSocket.OPEN) ws.close(code, closeReason(reason))
      },
    }
    const session = engine.openSession(port)
    const loginTimer = setTimeout(() => {
      if (session.userId === undefined) {
        engine.kick(
          session,
          'loginTimeout',
          CloseCode.loginTimeout,
          `Log in within ${loginTimeoutMs / 1000} s of connecting`,
        )
      }
    }, loginTimeoutMs)

    ws.on('pong', () => alive.set(ws, true))
    ws.on('message', (data: RawData, isBinary: boolean) => {
      let seq: number | undefined
      try {
        if (isBinary) {
          sendFrame(port, {
            type: 'error',
            code: ErrorCode.invalidParameter,
            message: 'Frames must be JSON text, not binary',
          })
          return
        }
        const parsed = parseClientFrame(rawText(data))
        if (!parsed.ok) {
          sendFrame(port, { type: 'error', code: parsed.code, message: parsed.message })
          if (parsed.seq !== undefined) {
            sendFrame(port, {
              type: 'ack',
              seq: parsed.seq,
              code: parsed.code,
              message: parsed.message,
            })
          }
          if (parsed.unsupportedVersion) {
            engine.kick(session, 'protocolVersion', CloseCode.protocolVersion, parsed.message)
          }
          return
        }
        seq = parsed.frame.seq
        engine.handle(session, parsed.frame)
        if (session.userId !== undefined) clearTimeout(loginTimer)
      } catch (error) {
        engine.internalError(session, seq, error)
      }
    })
    ws.on('close', (code: number) => {
      clearTimeout(loginTimer)
      try {
        // A closing handshake (1000, 1001, or 1005: no status given) is the client's logout;
        // anything else (1006: the link just went away) is a lost link (reference §5.3).
        const end = timedOut.has(ws)
          ? 'TimeOut'
          : code === CloseCode.normal || code === CloseCode.goingAway || code === 1005
            ? 'Logout'
            : 'LinkClose'
        engine.closeSession(session, end)
      } catch (error) {
        log(`liveroom: cleanup after a closed connection failed: ${(error as Error).message}`)
      }
    })
    // ws emits 'error' for protocol violations (oversized or malformed frames) and then closes the
    // socket itself; without a listener the error would crash the process.
    ws.on('error', (error) => log(`liveroom: client socket error: ${error.message}`))
  })

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        timedOut.add(ws)
        ws.terminate()
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, options.heartbeatMs ?? 30_000)
  heartbeat.unref()

  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
    },
    close() {
      clearInterval(heartbeat)
      engine.closeAll(CloseCode.goingAway, 'Room server is shutting down')
      for (const ws of wss.clients) ws.close(CloseCode.goingAway, 'Room server is shutting down')
      return new Promise((resolve) => {
        // Sockets that do not finish the closing handshake promptly are cut off.
        const force = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate()
        }, 1000)
        wss.close(() => {
          clearTimeout(force)
          resolve()
        })
      })
    },
  }
}

function bytesText(bytes: number): string {
  const mib = bytes / 2 ** 20
  return Number.isInteger(mib) ? `${mib} MiB` : `${Math.round(bytes / 1024)} KiB`
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}
