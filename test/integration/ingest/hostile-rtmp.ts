import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import net from 'node:net'

/**
 * Hostile RTMP peers for the ingest's tests: they complete the handshake (as anyone may) and then
 * send what a real client never would. Each resolves once the ingest has closed its connection,
 * with how many bytes it had sent by then.
 */

const amf = createRequire(__filename)('node-media-server/src/protocol/amf.js') as {
  encodeAmf0Cmd(command: Record<string, unknown>): Buffer
}

const C1_SIZE = 1536
const S0S1S2_SIZE = 1 + 2 * C1_SIZE

export const TYPE_SET_CHUNK_SIZE = 1
export const TYPE_ACK = 3
export const TYPE_VIDEO = 9
export const TYPE_INVOKE = 20

/** A peer connected past the handshake. */
export interface Peer {
  socket: net.Socket
  /** Bytes written so far. */
  sent(): number
  write(bytes: Buffer): void
  /** Resolves when the ingest closes the connection (or it fails). */
  closed: Promise<void>
}

export function handshake(port: number): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let sent = 0
    const write = (bytes: Buffer) => {
      if (socket.destroyed || socket.writableEnded) return
      sent += bytes.length
      socket.write(bytes)
    }
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    let received = 0
    let answered = false
    socket.on('error', () => {})
    socket.once('connect', () => write(Buffer.concat([Buffer.from([3]), randomBytes(C1_SIZE)])))
    socket.on('data', (data: Buffer) => {
      received += data.length
      if (answered || received < S0S1S2_SIZE) return
      answered = true
      write(randomBytes(C1_SIZE))
      resolve({ socket, sent: () => sent, write, closed })
    })
    void closed.then(() => {
      if (!answered) reject(new Error('closed during the handshake'))
    })
  })
}

/** One chunk: a type-0 header on chunk stream `cid` declaring `length`, then `payload`. */
export function chunk(options: {
  cid: number
  type: number
  length: number
  payload?: Buffer
  streamId?: number
}): Buffer {
  const { cid, type, length, payload = Buffer.alloc(0), streamId = 0 } = options
  let basic: Buffer
  if (cid < 64) basic = Buffer.from([cid])
  else if (cid < 64 + 256) basic = Buffer.from([0, cid - 64])
  else basic = Buffer.from([1, (cid - 64) & 0xff, (cid - 64) >> 8])
  const header = Buffer.alloc(11)
  header.writeUIntBE(0, 0, 3)
  header.writeUIntBE(length, 3, 3)
  header[6] = type
  header.writeUInt32LE(streamId, 7)
  return Buffer.concat([basic, header, payload])
}

/** A whole message that fits one chunk (≤ 128 bytes, the default chunk size). */
export function message(cid: number, type: number, payload: Buffer, streamId = 0): Buffer {
  if (payload.length > 128) throw new Error('message(): payload over one chunk')
  return chunk({ cid, type, length: payload.length, payload, streamId })
}

/** An AMF0 command message, split into 128-byte chunks as the default chunk size wants. */
export function command(fields: Record<string, unknown>, streamId = 0): Buffer {
  const payload = amf.encodeAmf0Cmd(fields)
  const parts = [chunk({ cid: 3, type: TYPE_INVOKE, length: payload.length, streamId })]
  for (let at = 0; at < payload.length; at += 128) {
    if (at > 0) parts.push(Buffer.from([0xc0 | 3]))
    parts.push(payload.subarray(at, at + 128))
  }
  return Buffer.concat(parts)
}

/** What each kind of hostile peer does after the handshake. */
export const attacks = {
  /** The reproduction: ~3 KB of random bytes. */
  random: (peer: Peer) => peer.write(randomBytes(3000)),
  /** Chunk headers declaring 16 MiB messages. */
  oversized: (peer: Peer) => {
    for (let cid = 3; cid < 40; cid++) {
      peer.write(chunk({ cid, type: TYPE_VIDEO, length: 0xffffff, payload: randomBytes(100) }))
    }
  },
  /** Lengths just under the cap on every chunk stream it may have, with few bytes behind them. */
  declaredLarge: (peer: Peer) => {
    for (let cid = 3; cid < 3 + 30; cid++) {
      peer.write(
        chunk({ cid, type: TYPE_VIDEO, length: 8 * 1024 * 1024 - 1, payload: randomBytes(100) }),
      )
    }
  },
  /** A new chunk stream id for every message. */
  manyChunkStreams: (peer: Peer) => {
    for (let cid = 3; cid < 3 + 2000; cid++) peer.write(message(cid, TYPE_ACK, randomBytes(4)))
  },
  /** Valid small messages, on and on, without ever publishing. */
  chatter: (peer: Peer) => {
    for (let i = 0; i < 5000; i++) peer.write(message(2, TYPE_ACK, randomBytes(4)))
    for (let i = 0; i < 100; i++) peer.write(message(2, TYPE_ACK, randomBytes(128)))
  },
  /** A command whose AMF is garbage, and a connect whose tcUrl is no URL (both used to throw). */
  malformed: (peer: Peer) => {
    peer.write(
      message(3, TYPE_INVOKE, Buffer.from([0x02, 0x00, 0x07, 0x63, 0x6f, 0x6e, 0x0a, 0xff])),
    )
    peer.write(command({ cmd: 'connect', transId: 1, cmdObj: { app: 'live', tcUrl: 'not a url' } }))
  },
  /** SetChunkSize 0, which stalled the parser. */
  zeroChunkSize: (peer: Peer) => {
    peer.write(message(2, TYPE_SET_CHUNK_SIZE, Buffer.alloc(4)))
    peer.write(randomBytes(500))
  },
} satisfies Record<string, (peer: Peer) => void>

export type AttackName = keyof typeof attacks

/**
 * A publish of `streamName` (e.g. `main?sign=forged`), then video for it: a refused publisher
 * must not feed the room's stream.
 */
export function forgedPublish(peer: Peer, streamName: string): void {
  peer.write(
    command({
      cmd: 'connect',
      transId: 1,
      cmdObj: { app: 'live', type: 'nonprivate', tcUrl: 'rtmp://127.0.0.1/live' },
    }),
  )
  peer.write(command({ cmd: 'createStream', transId: 2, cmdObj: null }))
  peer.write(command({ cmd: 'publish', transId: 3, cmdObj: null, streamName, type: 'live' }, 1))
  for (let i = 0; i < 50; i++) peer.write(message(6, TYPE_VIDEO, randomBytes(100), 1))
}

/** Sends one byte every `everyMs` until the ingest closes the connection. */
export function dribble(peer: Peer, everyMs: number): void {
  const timer = setInterval(() => peer.write(randomBytes(1)), everyMs)
  void peer.closed.then(() => clearInterval(timer))
}
