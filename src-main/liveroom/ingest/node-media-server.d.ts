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
    run(): void
  }
  export = FlvSession
}
