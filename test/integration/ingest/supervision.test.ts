import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { findFontFile, locateFfmpeg } from '../../../src-main/console/stream/ffmpeg-locate'
import { StreamSupervisor } from '../../../src-main/console/stream/stream-supervisor'
import type { IngestEvents } from '../../../src-main/liveroom/ingest/ingest'
import {
  startIngestProcess,
  type IngestProcess,
  type SupervisionEvents,
} from '../../../src-main/liveroom/ingest/ingest-process'
import { joinMain, startTestRoom, type TestRoom } from '../liveroom/helpers'
import { decodeFrames, until } from '../stream/helpers'
import { pushTestPattern } from './push'

/**
 * The ingest's process is supervised (ingest-process.ts): killed, stalled or over its memory
 * limit, it is restarted on the same RTMP port, and the Stage's push (the console's stream
 * supervisor, whose relay reconnects on its own) goes live again without anyone touching it.
 * Every process is stopped by its pid after each test, and must be gone.
 */

const pids: number[] = []
const stops: (() => Promise<unknown>)[] = []
const publishers: ChildProcess[] = []

afterEach(async () => {
  for (const child of publishers.splice(0)) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(child.pid, 'SIGKILL')
      await exited
    }
  }
  for (const stop of stops.splice(0).reverse()) await stop()
  for (const pid of pids.splice(0)) expect(() => process.kill(pid, 0)).toThrow()
})

function next<K extends keyof SupervisionEvents>(
  ingest: IngestProcess,
  name: K,
): Promise<SupervisionEvents[K][0]> {
  return new Promise((resolve) => {
    const emitter = ingest.supervision as unknown as NodeJS.EventEmitter
    emitter.once(name, resolve)
  })
}

/** The next `name` event of an ingest, or of the room's view of it (which has on/off only). */
function nextEvent<K extends keyof IngestEvents>(
  source: object,
  name: K,
): Promise<IngestEvents[K][0]> {
  const emitter = source as NodeJS.EventEmitter
  return new Promise((resolve) => {
    const listener = (payload: IngestEvents[K][0]) => {
      emitter.off(name, listener)
      resolve(payload)
    }
    emitter.on(name, listener)
  })
}

async function room(supervision = {}): Promise<{ t: TestRoom; ingest: IngestProcess }> {
  let ingest: IngestProcess | undefined
  const t = await startTestRoom({
    ingest: { rtmpPort: 0, supervision, onStarted: (started) => (ingest = started) },
  })
  stops.push(() => t.cleanup())
  pids.push(ingest!.pid!)
  ingest!.supervision.on('ingest-ready', ({ pid }) => pids.push(pid))
  return { t, ingest: ingest! }
}

async function ingestAlone(options: Partial<Parameters<typeof startIngestProcess>[0]> = {}) {
  const lines: string[] = []
  const ingest = await startIngestProcess({
    host: '127.0.0.1',
    rtmpPort: 0,
    secret: 'test-secret',
    now: Date.now,
    log: (line) => lines.push(line),
    ...options,
  })
  stops.push(() => ingest.close())
  pids.push(ingest.pid!)
  ingest.supervision.on('ingest-ready', ({ pid }) => pids.push(pid))
  return { ingest, lines }
}

describe("the ingest's process, supervised", () => {
  it("kill -9 of the ingest: it restarts on the same port, and the Stage's push goes live again on its own", async () => {
    const { t, ingest } = await room()
    const { client } = await joinMain(t.room, 'viewer1')
    const s = new StreamSupervisor({
      ffmpeg: await locateFfmpeg({ env: { PATH: process.env.PATH } }),
      fontFile: findFontFile(),
    })
    stops.push(() => s.stop())
    const live = nextEvent(t.room.ingest!, 'publish-started')
    await s.start({
      source: { kind: 'test-pattern' },
      profile: { preset: 'custom', width: 320, height: 180, fps: 25, videoBitrateKbps: 400 },
      push: { url: t.room.ingest!.publishUrl() },
      reconnect: { initialDelayMs: 500 },
    })
    await live
    const port = t.room.ingest!.rtmpPort
    const firstPid = ingest.pid!
    const relay = s.pids().push
    expect(relay).not.toBeNull()

    const exited = next(ingest, 'ingest-exited')
    const restarted = next(ingest, 'ingest-ready')
    const interrupted = nextEvent(t.room.ingest!, 'publish-interrupted')
    const liveAgain = nextEvent(t.room.ingest!, 'publish-started')
    process.kill(firstPid, 'SIGKILL')
    expect(await exited).toMatchObject({ pid: firstPid, signal: 'SIGKILL' })
    expect(await interrupted).toEqual({ roomId: 'main', streamPath: '/live/main' })
    await client.waitFor((f) => f.type === 'stream-state-changed' && !f.stream.live)
    const { pid, restarts } = await restarted
    expect(pid).not.toBe(firstPid)
    expect(restarts).toBe(1)
    expect(t.room.ingest!.rtmpPort).toBe(port)

    expect(await liveAgain).toEqual({ roomId: 'main', streamPath: '/live/main' })
    await client.waitFor((f) => f.type === 'stream-state-changed' && f.stream.live)
    const pulled = await decodeFrames(t.room.ingest!.playUrl(), ['-t', '2'])
    expect(pulled.ok).toBe(true)
    expect(pulled.frames).toBeGreaterThanOrEqual(25)
    // The relay that lost its connection was replaced by the Stage's supervisor, not by us; it
    // calls the push started again once the new relay has kept sending for a while.
    expect(s.pids().push).not.toBe(relay)
    await until(() => s.status().state === 'started', 'the Stage calling its push started again')
    expect(s.status().reconnects).toBe(1)
  }, 90_000)

  it('kills and restarts an ingest whose heartbeat stops (its event loop blocked)', async () => {
    const { ingest } = await ingestAlone({ heartbeatMs: 100, stallTimeoutMs: 1000 })
    const stalled = ingest.pid!
    const exited = next(ingest, 'ingest-exited')
    const restarted = next(ingest, 'ingest-ready')
    process.kill(stalled, 'SIGSTOP')
    expect(await exited).toMatchObject({ pid: stalled, reason: 'no heartbeat for 1000 ms' })
    expect((await restarted).pid).not.toBe(stalled)
  })

  it('kills and restarts an ingest over its memory limit, backing off', async () => {
    const { ingest, lines } = await ingestAlone({
      maxRssBytes: 1024 * 1024,
      heartbeatMs: 100,
      restartDelayMs: { first: 100, max: 1000 },
    })
    const exited = next(ingest, 'ingest-exited')
    const restarted = next(ingest, 'ingest-ready')
    expect((await exited).reason).toMatch(/^resident memory \d+ MB is over 1 MB$/)
    await restarted
    await next(ingest, 'ingest-exited')
    expect(lines.filter((line) => line.startsWith('ingest: restarting in'))).toEqual([
      'ingest: restarting in 100 ms',
      'ingest: restarting in 200 ms',
    ])
  })

  it('stops a publish that does not come back within the grace after a restart', async () => {
    const { ingest } = await ingestAlone({ publishGraceMs: 500 })
    const started = nextEvent(ingest, 'publish-started')
    const publisher = pushTestPattern(ingest.publishUrl('main'))
    publishers.push(publisher)
    await started
    const gone = new Promise((resolve) => publisher.once('exit', resolve))
    const interrupted = nextEvent(ingest, 'publish-interrupted')
    const stopped = nextEvent(ingest, 'publish-stopped')
    process.kill(ingest.pid!, 'SIGKILL')
    expect(await interrupted).toEqual({ roomId: 'main', streamPath: '/live/main' })
    // ffmpeg without the Stage's relay does not reconnect.
    await gone
    expect(await stopped).toEqual({ roomId: 'main', streamPath: '/live/main' })
    expect(ingest.isLive('main')).toBe(false)
  })

  it('fails to start on a taken port, saying so, and does not retry', async () => {
    const taken = net.createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    stops.push(() => new Promise((resolve) => taken.close(resolve)))
    const port = (taken.address() as net.AddressInfo).port
    const lines: string[] = []
    await expect(
      startIngestProcess({
        host: '127.0.0.1',
        rtmpPort: port,
        secret: 's',
        now: Date.now,
        log: (l) => lines.push(l),
      }),
    ).rejects.toThrow(`RTMP port ${port} is already in use`)
    expect(lines.filter((line) => line.includes('restarting'))).toEqual([])
  })
})

describe('a viewer that stops reading', () => {
  it('is cut once it falls maxViewerBacklogBytes behind, in the ingest process, not held', async () => {
    let cut: (line: string) => void = () => {}
    const viewerCut = new Promise<string>((resolve) => (cut = resolve))
    const { ingest } = await ingestAlone({
      limits: { maxViewerBacklogBytes: 256 * 1024 },
      log: (line) => {
        if (line.includes('cut a viewer')) cut(line)
      },
    })
    const http = createServer((req, res) => {
      if (!ingest.handleHttp(req, res)) res.writeHead(404).end()
    })
    await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening))
    stops.push(() => new Promise((closed) => http.close(closed)))
    const started = nextEvent(ingest, 'publish-started')
    // Noise, lossless: ~2 MB/s, so the buffers between the viewer and the ingest fill in seconds.
    const noise = ['-vf', 'noise=alls=100:allf=t', '-qp', '0']
    publishers.push(pushTestPattern(ingest.publishUrl('main'), noise))
    await started
    // Asks for the stream, then never reads it.
    const port = (http.address() as net.AddressInfo).port
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write('GET /live/main.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
      socket.pause()
    })
    socket.on('error', () => {})
    stops.push(async () => void socket.destroy())
    expect(await viewerCut).toMatch(/^ingest: cut a viewer of main \d+ bytes behind$/)
    expect(ingest.isLive('main')).toBe(true)
  }, 60_000)
})
