import type { IngestEvents, IngestLimits } from './ingest'

/**
 * The messages between the room server and its ingest child (ingest-child.ts), over Node's IPC
 * channel. The secret travels here, not in argv, which other users of the machine can read.
 */

/** The room server's one message: what to listen on and how. */
export interface IngestStart {
  type: 'start'
  host: string
  /** 0 picks a free port (first start only; restarts reuse the port the first one got). */
  rtmpPort: number
  secret: string
  limits: Partial<IngestLimits>
  heartbeatMs: number
}

export type IngestChildMessage =
  /** Listening: RTMP for publishers, HTTP-FLV on loopback for the room server's proxy. */
  | { type: 'ready'; rtmpPort: number; httpPort: number }
  /** Could not start (the message says why, e.g. the port is taken); the child exits. */
  | { type: 'failed'; message: string }
  | { type: 'event'; name: keyof IngestEvents; roomId: string; streamPath: string }
  /** Every heartbeatMs while it runs: the room server's watchdog reads it. */
  | { type: 'heartbeat'; rss: number; heapUsed: number; arrayBuffers: number }
  | { type: 'log'; line: string }

export function isIngestStart(message: unknown): message is IngestStart {
  return (message as { type?: unknown } | null)?.type === 'start'
}
