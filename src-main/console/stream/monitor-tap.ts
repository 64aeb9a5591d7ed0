import { randomBytes } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The program as the encoder makes it, for the console's monitor (issue 14 §1: the monitor
 * previews the program even when only recording, when no stream reaches a server to play back).
 *
 * The encoder sends one more MPEG-TS copy of its output to a loopback UDP port (a tee slave, like
 * the relay's, and for the same reason: UDP never pushes back, so a slow or absent monitor cannot
 * stall the encode or the recording). This tap receives the datagrams and streams them as they
 * come to whoever plays `GET /monitor/<token>.ts` on the room's HTTP server. MPEG-TS needs no
 * header or keyframe cache: ffmpeg repeats PAT/PMT, and dump_extra repeats SPS/PPS before each
 * keyframe, so a player that joins starts at the next keyframe. With no player the datagrams are
 * dropped.
 *
 * The path carries a random token made at each start: the room's HTTP server may face the LAN,
 * and the program before it goes live is the anchor's alone.
 */
export interface MonitorTap {
  /** The UDP port the encoder sends to. */
  readonly port: number
  /** `/monitor/<token>.ts`, to append to the room's HTTP origin. */
  readonly path: string
  /** Serves the path; false for any other request. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean
  /** Players connected now (tests, diagnostics). */
  readonly players: number
  close(): Promise<void>
}

/** A player this far behind is cut off rather than buffered for without end. */
const MAX_PLAYER_BACKLOG_BYTES = 4 * 1024 * 1024
/** Room for a few frames of 64 KiB datagrams while the event loop is busy elsewhere. */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024

export async function openMonitorTap(options: { log?: (line: string) => void } = {}) {
  const socket: Socket = createSocket('udp4')
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject)
      resolve()
    })
  })
  try {
    socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES)
  } catch {
    // The OS may cap it (net.core.rmem_max); the default only costs the monitor a frame.
  }
  socket.on('error', (error) => options.log?.(`monitor: ${error.message}`))
  const players = new Set<ServerResponse>()
  socket.on('message', (datagram) => {
    for (const res of players) {
      if (res.writableLength > MAX_PLAYER_BACKLOG_BYTES) {
        options.log?.(`monitor: cut a player ${res.writableLength} bytes behind`)
        res.destroy()
        players.delete(res)
      } else res.write(datagram)
    }
  })
  const path = `/monitor/${randomBytes(16).toString('hex')}.ts`
  const tap: MonitorTap = {
    port: socket.address().port,
    path,
    get players() {
      return players.size
    },
    handleHttp(req, res) {
      if (new URL(req.url ?? '/', 'http://monitor').pathname !== path) return false
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end()
        return true
      }
      res.writeHead(200, {
        'content-type': 'video/mp2t',
        'cache-control': 'no-store',
        // The console's page may come from another origin (the desktop app's, the browser host's).
        'access-control-allow-origin': '*',
      })
      if (req.method === 'HEAD') {
        res.end()
        return true
      }
      players.add(res)
      res.on('close', () => players.delete(res))
      return true
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of players) res.destroy()
        players.clear()
        socket.close(() => resolve())
      }),
  }
  return tap
}
