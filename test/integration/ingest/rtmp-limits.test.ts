import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { chunk, command, message, TYPE_ACK, TYPE_SET_CHUNK_SIZE, TYPE_VIDEO } from './hostile-rtmp'

/**
 * node-media-server's own chunk parser, as installed (patched by patches/node-media-server+4.4.3.patch
 * on npm install): what a peer's chunk headers can make it allocate, and what ends a connection.
 * These fail on an unpatched copy.
 */

interface Packet {
  capacity: number
  bytes: number
  header: { length: number; type: number }
}
interface AvPacket {
  codec_type: number
  size: number
  data: Buffer
}
interface RtmpParser {
  parserData(data: Buffer): string | null
  inPackets: Map<number, Packet>
  onOutputCallback: (data: Buffer) => void
  onPacketCallback: (packet: AvPacket) => void
}
interface RtmpClass {
  new (limits?: { maxMessageSize?: number; maxChunkStreams?: number }): RtmpParser
  DEFAULT_LIMITS?: { maxMessageSize: number; maxChunkStreams: number }
  createMessage(packet: { codec_type: number; size: number; dts: number; data: Buffer }): Buffer
}
const Rtmp = createRequire(__filename)('node-media-server/src/protocol/rtmp.js') as RtmpClass

/** A parser past the handshake, as the server side of a connection. */
function connected(limits?: ConstructorParameters<RtmpClass>[0]): RtmpParser {
  const rtmp = new Rtmp(limits)
  rtmp.onOutputCallback = () => {}
  expect(rtmp.parserData(Buffer.concat([Buffer.from([3]), randomBytes(1536)]))).toBeNull()
  expect(rtmp.parserData(randomBytes(1536))).toBeNull()
  return rtmp
}

describe("node-media-server's RTMP chunk parser, patched", () => {
  it('is patched, with limits that leave a 1080p60 keyframe room to spare', () => {
    expect(Rtmp.DEFAULT_LIMITS).toEqual({ maxMessageSize: 8 * 1024 * 1024, maxChunkStreams: 32 })
  })

  it("grows a message's buffer with the bytes that arrive, not with the length its header declares", () => {
    const rtmp = connected()
    expect(
      rtmp.parserData(
        chunk({ cid: 6, type: TYPE_VIDEO, length: 4 * 1024 * 1024, payload: randomBytes(100) }),
      ),
    ).toBeNull()
    const packet = rtmp.inPackets.get(6)!
    expect(packet.header.length).toBe(4 * 1024 * 1024)
    expect(packet.bytes).toBe(100)
    expect(packet.capacity).toBeLessThan(4096)
  })

  it('reassembles a large video message intact', () => {
    const rtmp = connected()
    const frame = randomBytes(300 * 1024)
    frame[0] = 0x17 // AVC keyframe
    frame[1] = 1 // NALU
    const received: AvPacket[] = []
    rtmp.onPacketCallback = (packet) =>
      received.push({ ...packet, data: Buffer.from(packet.data.subarray(0, packet.size)) })
    const chunkSize = Buffer.alloc(4)
    chunkSize.writeUInt32BE(0xffff) // what createMessage chunks at
    expect(rtmp.parserData(message(2, TYPE_SET_CHUNK_SIZE, chunkSize))).toBeNull()
    const wire = Rtmp.createMessage({
      codec_type: TYPE_VIDEO,
      size: frame.length,
      dts: 40,
      data: frame,
    })
    // In pieces, as TCP delivers them.
    for (let at = 0; at < wire.length; at += 1000) {
      expect(rtmp.parserData(wire.subarray(at, at + 1000))).toBeNull()
    }
    expect(received).toHaveLength(1)
    expect(received[0]!.size).toBe(frame.length)
    expect(received[0]!.data.equals(frame)).toBe(true)
  })

  it('refuses a message declared longer than maxMessageSize before allocating for it', () => {
    const rtmp = connected()
    const error = rtmp.parserData(chunk({ cid: 6, type: TYPE_VIDEO, length: 0xffffff }))
    expect(error).toMatch(/message of 16777215 bytes is over the 8388608 allowed/)
    expect(rtmp.inPackets.get(6)?.capacity ?? 0).toBe(0)
    expect(
      connected({ maxMessageSize: 1000 }).parserData(
        chunk({ cid: 6, type: TYPE_VIDEO, length: 1001 }),
      ),
    ).toMatch(/over the 1000 allowed/)
  })

  it('refuses a chunk stream beyond maxChunkStreams', () => {
    const rtmp = connected()
    for (let cid = 2; cid < 2 + 32; cid++) {
      expect(rtmp.parserData(message(cid, TYPE_ACK, randomBytes(4)))).toBeNull()
    }
    expect(rtmp.parserData(message(34, TYPE_ACK, randomBytes(4)))).toMatch(
      /chunk stream 34 is over the 32/,
    )
    // The ones it has may go on.
    expect(
      connected({ maxChunkStreams: 2 }).parserData(
        Buffer.concat([
          message(2, TYPE_ACK, randomBytes(4)),
          message(3, TYPE_ACK, randomBytes(4)),
          message(2, TYPE_ACK, randomBytes(4)),
        ]),
      ),
    ).toBeNull()
  })

  it('reads a 3-byte basic header as the spec says (64 + b1 + 256 * b2)', () => {
    const rtmp = connected()
    expect(rtmp.parserData(message(64 + 1 + 2 * 256, TYPE_ACK, randomBytes(4)))).toBeNull()
    expect([...rtmp.inPackets.keys()]).toEqual([577])
  })

  it("makes a message that throws in its handler that connection's error, not the process's", () => {
    const connect = command({
      cmd: 'connect',
      transId: 1,
      cmdObj: { app: 'live', tcUrl: 'not a url' },
    })
    expect(connected().parserData(connect)).toMatch(/bad message type 20: Invalid URL/)
    // A zero-length video tag (handled when the next chunk begins): the tag parser reads past it.
    const empty = Buffer.concat([message(6, TYPE_VIDEO, Buffer.alloc(0)), Buffer.from([0x02])])
    expect(connected().parserData(empty)).toMatch(/bad message type 9/)
  })

  it('refuses SetChunkSize 0', () => {
    expect(connected().parserData(message(2, TYPE_SET_CHUNK_SIZE, Buffer.alloc(4)))).toMatch(
      /chunk size 0 is out of range/,
    )
  })

  it('holds no megabyte per connection before anything arrives', () => {
    const before = process.memoryUsage().arrayBuffers
    const parsers = Array.from({ length: 100 }, () => new Rtmp())
    // Unpatched, each carried an unused 1 MiB FLV parser buffer: 100 MiB here.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * 1024 * 1024)
    expect(parsers).toHaveLength(100)
  })
})
