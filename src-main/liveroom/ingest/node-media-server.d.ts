// The parts of node-media-server 4.x that the ingest uses; the package ships no types.
declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events'
  interface NmsSession {
    id: string
    ip: string
    streamApp: string
    streamName: string
    streamPath: string
    isPublisher: boolean
    close?: () => void
  }
  const Context: {
    config: Record<string, unknown>
    sessions: Map<string, NmsSession>
    broadcasts: Map<string, unknown>
    eventEmitter: EventEmitter
  }
  export = Context
}
declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string; log(message: string, level?: string): void }
  export = logger
}
declare module 'node-media-server/src/protocol/rtmp.js' {
  /** Set by our patch (patches/node-media-server+4.4.3.patch); undefined on an unpatched copy. */
  const Rtmp: {
    DEFAULT_LIMITS?: { maxMessageSize: number; maxChunkStreams: number }
  }
  export = Rtmp
}
declare module 'node-media-server/src/session/rtmp_session.js' {
  import type { Socket } from 'node:net'
  class RtmpSession {
    constructor(socket: Socket)
    id: string
    isPublisher: boolean
    streamPath: string
    run(): void
  }
  export = RtmpSession
}
declare module 'node-media-server/src/session/flv_session.js' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  class FlvSession {
    constructor(req: IncomingMessage, res: ServerResponse)
    id: string
    sendBuffer: (buffer: Buffer) => void
    run(): void
  }
  export = FlvSession
}
