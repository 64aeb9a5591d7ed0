import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { realTimer } from '../../common/clock'
import {
  flvRoomOf,
  INGEST_APP,
  reachableHost,
  sendNotLive,
  type Ingest,
  type IngestEvents,
  type IngestOptions,
} from './ingest'
import { nodeForkIngest, type ForkIngest, type IngestChild } from './ingest-fork'
import type { IngestChildMessage, IngestStart } from './ingest-ipc'
import { signedPublishUrl } from './publish-sign'

/**
 * The RTMP ingest in a child process of its own (ingest-child.ts), supervised from here
 * (docs/ingest.md, issue 9). node-media-server parses bytes from anyone who can reach the RTMP
 * port; in the room server's process — which is the console's — a fault there stalled everything.
 *
 * - The child gets a V8 heap limit, and a watchdog here kills it (by pid) when its RSS, which
 *   counts the Buffers the heap limit does not, passes `maxRssBytes`, or when its heartbeat stops
 *   for `stallTimeoutMs` (a blocked event loop). It is restarted with backoff on the same RTMP
 *   port, so the publish URL stays valid and the Stage's relay, which reconnects on its own,
 *   publishes again.
 * - HTTP-FLV stays on the room server's port: requests are proxied to the child's loopback HTTP
 *   port, without their bodies. The proxy pipes, so a slow viewer holds back the child's socket,
 *   where the child's own limit cuts it, not this process's memory.
 * - Publish events come over IPC. When the child dies, every live room is interrupted; one not
 *   published again within `publishGraceMs` (node-media-server's grace) is stopped.
 */

export interface SupervisionEvents {
  /** A child is listening (restarts: how many came before it). */
  'ingest-ready': [{ pid: number; restarts: number }]
  /** Each heartbeat: the child's memory, bytes. */
  'ingest-heartbeat': [{ pid: number; rss: number; heapUsed: number; arrayBuffers: number }]
  /** A child exited; `reason` says why when the watchdog killed it. */
  'ingest-exited': [{ pid: number; code: number | null; signal: string | null; reason: string }]
}

export interface IngestProcessOptions extends IngestOptions {
  /** The child's V8 heap limit, MB (--max-old-space-size). */
  maxOldSpaceMb?: number
  /** The child's resident memory above which it is killed and restarted, bytes. */
  maxRssBytes?: number
  heartbeatMs?: number
  /** No heartbeat for this long: the child is stalled; it is killed and restarted. */
  stallTimeoutMs?: number
  /** Restart delays: the first, doubled on each failure in a row, up to the max. */
  restartDelayMs?: { first: number; max: number }
  /** An interrupted publish that does not resume within this is stopped (node-media-server's 30 s). */
  publishGraceMs?: number
  /** How the child is started: Node's fork unless the host gives another (ingest-fork.ts). */
  fork?: ForkIngest
}

export interface IngestProcess extends Ingest {
  /** The running child's pid; null between a child's exit and its restart. */
  readonly pid: number | null
  readonly supervision: EventEmitter<SupervisionEvents>
}

export const defaultIngestProcess = {
  maxOldSpaceMb: 128,
  maxRssBytes: 512 * 1024 * 1024,
  heartbeatMs: 1000,
  stallTimeoutMs: 10_000,
  restartDelayMs: { first: 250, max: 10_000 },
  publishGraceMs: 30_000,
} as const

/** A child that has been up this long has recovered: the next failure starts the backoff anew. */
const healthyAfterMs = 60_000
const startTimeoutMs = 30_000

/**
 * The child's script: the built bundle's entry when there is one (electron-vite's `ingest-child`,
 * next to the bundle's chunks), else the source beside this file, run through tsx (tests,
 * `npm run server`).
 */
function childScript(): { file: string; execArgv: string[] } {
  const built = [__dirname, path.dirname(__dirname)]
    .map((dir) => path.join(dir, 'ingest-child.js'))
    .find((file) => fs.existsSync(file))
  if (built) return { file: built, execArgv: [] }
  const tsx = createRequire(path.join(__dirname, 'ingest-process.ts')).resolve('tsx')
  return {
    file: path.join(__dirname, 'ingest-child.ts'),
    execArgv: ['--import', pathToFileURL(tsx).href],
  }
}

interface Running {
  child: IngestChild
  httpPort: number | null
  startedAt: number
  /** Why the watchdog killed it, if it did. */
  killedFor: string | null
  cancelStall: () => void
}

export async function startIngestProcess(options: IngestProcessOptions): Promise<IngestProcess> {
  const settings = { ...defaultIngestProcess, ...options }
  const { log } = options
  const emitter = new EventEmitter<IngestEvents>()
  const supervision = new EventEmitter<SupervisionEvents>()
  const live = new Set<string>()
  const graceTimers = new Map<string, () => void>()
  const script = childScript()
  let rtmpPort = options.rtmpPort
  let running: Running | null = null
  let restarts = 0
  let failuresInARow = 0
  let cancelRestart: (() => void) | null = null
  /** Restarts begin once a first child has listened; before that, failing is the caller's. */
  let started = false
  let closed = false

  const kill = (current: Running, reason: string): void => {
    if (current.killedFor !== null || current.child.pid === undefined) return
    current.killedFor = reason
    log(`ingest: killing its process ${current.child.pid}: ${reason}`)
    signal(current.child.pid, 'SIGKILL')
  }

  /** (Re)arms the stall watchdog: called when the child listens and at each heartbeat. */
  const expectHeartbeat = (current: Running): void => {
    current.cancelStall()
    current.cancelStall = realTimer(
      () => kill(current, `no heartbeat for ${settings.stallTimeoutMs} ms`),
      settings.stallTimeoutMs,
    )
  }

  const onMessage = (current: Running, message: IngestChildMessage): void => {
    switch (message.type) {
      case 'heartbeat':
        expectHeartbeat(current)
        supervision.emit('ingest-heartbeat', {
          pid: current.child.pid as number,
          rss: message.rss,
          heapUsed: message.heapUsed,
          arrayBuffers: message.arrayBuffers,
        })
        if (message.rss > settings.maxRssBytes) {
          kill(
            current,
            `resident memory ${mb(message.rss)} MB is over ${mb(settings.maxRssBytes)} MB`,
          )
        }
        break
      case 'event':
        if (message.name === 'publish-started') {
          graceTimers.get(message.roomId)?.()
          graceTimers.delete(message.roomId)
          live.add(message.roomId)
        } else {
          live.delete(message.roomId)
        }
        emitter.emit(message.name, { roomId: message.roomId, streamPath: message.streamPath })
        break
      case 'log':
        log(message.line)
        break
      case 'ready':
      case 'failed':
        break
    }
  }

  /** The child died: its rooms are off the air until a publisher comes back. */
  const interruptAll = (): void => {
    for (const roomId of live) {
      live.delete(roomId)
      const streamPath = `/${INGEST_APP}/${roomId}`
      emitter.emit('publish-interrupted', { roomId, streamPath })
      graceTimers.set(
        roomId,
        realTimer(() => {
          graceTimers.delete(roomId)
          if (!live.has(roomId)) emitter.emit('publish-stopped', { roomId, streamPath })
        }, settings.publishGraceMs),
      )
    }
  }

  /** Forks a child; resolves once it listens, rejects with its reason if it cannot. */
  const launch = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = (options.fork ?? nodeForkIngest)(script.file, [
        ...script.execArgv,
        `--max-old-space-size=${settings.maxOldSpaceMb}`,
      ])
      const current: Running = {
        child,
        httpPort: null,
        startedAt: options.now(),
        killedFor: null,
        cancelStall: () => {},
      }
      running = current
      let stderrTail = ''
      child.stderr?.on('data', (chunk: Buffer) => {
        stderrTail = (stderrTail + chunk.toString()).slice(-2000)
      })
      let failure: string | null = null
      const cancelStart = realTimer(
        () => kill(current, `not listening after ${startTimeoutMs} ms`),
        startTimeoutMs,
      )
      child.on('message', (message: IngestChildMessage) => {
        if (message.type === 'ready') {
          cancelStart()
          rtmpPort = message.rtmpPort
          current.httpPort = message.httpPort
          started = true
          expectHeartbeat(current)
          supervision.emit('ingest-ready', { pid: child.pid as number, restarts })
          resolve()
        } else if (message.type === 'failed') {
          failure = message.message
        } else {
          onMessage(current, message)
        }
      })
      child.once('error', (error) => {
        failure ??= error.message
        // Never spawned: no exit follows.
        if (child.pid === undefined) {
          cancelStart()
          if (running === current) running = null
          reject(error)
          if (started && !closed) scheduleRestart(current)
        }
      })
      child.once('exit', (code, signal) => {
        cancelStart()
        current.cancelStall()
        if (running === current) running = null
        const reason =
          current.killedFor ?? failure ?? (stderrTail.trim().split('\n').at(-1) || 'exited')
        supervision.emit('ingest-exited', { pid: child.pid ?? 0, code, signal, reason })
        reject(new Error(failure ?? `The ingest process exited (${signal ?? code}): ${reason}`))
        if (closed || !started) return
        interruptAll()
        log(`ingest: its process ${child.pid} exited (${signal ?? code}): ${reason}`)
        scheduleRestart(current)
      })
      const start: IngestStart = {
        type: 'start',
        host: options.host,
        rtmpPort,
        secret: options.secret,
        limits: options.limits ?? {},
        heartbeatMs: settings.heartbeatMs,
      }
      child.send(start)
    })

  const scheduleRestart = (previous: Running): void => {
    if (options.now() - previous.startedAt >= healthyAfterMs) failuresInARow = 0
    const { first, max } = settings.restartDelayMs
    const delay = Math.min(max, first * 2 ** failuresInARow)
    failuresInARow += 1
    log(`ingest: restarting in ${delay} ms`)
    cancelRestart = realTimer(() => {
      cancelRestart = null
      restarts += 1
      // A failed restart schedules the next one from its exit handler.
      launch().catch(() => {})
    }, delay)
  }

  const proxy = (req: IncomingMessage, res: ServerResponse, httpPort: number): void => {
    const upstream = http.request({
      host: '127.0.0.1',
      port: httpPort,
      method: req.method,
      path: req.url,
      headers: { host: req.headers.host ?? '127.0.0.1' },
      // One connection per viewer, closed with it: no pooled sockets to a child that may die.
      agent: false,
    })
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
      answer.on('error', () => res.destroy())
    })
    upstream.on('error', () => {
      if (res.headersSent) res.destroy()
      else
        res
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
          .end('The ingest is restarting')
    })
    res.on('close', () => upstream.destroy())
    upstream.end()
  }

  // The first start's failure (a taken port, say) is the caller's to see.
  await launch()

  const urlHost = reachableHost(options.host)
  return Object.assign(emitter, {
    supervision,
    get rtmpPort() {
      return rtmpPort
    },
    get pid() {
      return running?.child.pid ?? null
    },
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
      const httpPort = running?.httpPort ?? null
      if (!live.has(roomId) || httpPort === null) sendNotLive(res, roomId)
      else proxy(req, res, httpPort)
      return true
    },
    isLive: (roomId: string) => live.has(roomId),
    async close() {
      closed = true
      cancelRestart?.()
      for (const cancel of graceTimers.values()) cancel()
      graceTimers.clear()
      live.clear()
      const current = running
      const pid = current?.child.pid
      if (!current || pid === undefined || current.child.exitCode !== null) return
      const exited = new Promise((resolve) => current.child.once('exit', resolve))
      signal(pid, 'SIGTERM')
      const cancelKill = realTimer(() => signal(pid, 'SIGKILL'), 3000)
      await exited
      cancelKill()
    },
  }) as IngestProcess
}

/** process.kill that tolerates a process already gone. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / (1024 * 1024))
}
