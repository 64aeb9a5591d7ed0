import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestProcess } from '../../../src-main/liveroom/ingest/ingest-process'
import { startTestRoom, type TestRoom } from '../liveroom/helpers'
import {
  attacks,
  dribble,
  forgedPublish,
  handshake,
  type AttackName,
  type Peer,
} from './hostile-rtmp'
import { ffmpeg, pushTestPattern } from './push'

/**
 * Hostile RTMP input while a real publish plays (issue 9): the room server with its ingest (a
 * supervised child process), ffmpeg pushing the test pattern, ffmpeg decoding the room's
 * HTTP-FLV as a viewer, and connections that complete the handshake and then misbehave.
 *
 * The bound, checked on every heartbeat of the ingest child (every 250 ms here) through all the
 * attacks below: its resident memory stays under 200 MB, and its ArrayBuffers (what Buffers hold,
 * resident or not) under 64 MB. Unpatched, the first attack alone made ~7 GB of Buffers. The
 * child is never restarted (the patch holds, not the watchdog), the publish is never
 * interrupted, the viewer keeps decoding without an error, and the room keeps answering /healthz.
 */

const MB = 1024 * 1024
const rssBound = 200 * MB
const arrayBuffersBound = 64 * MB

describe('the ingest under attack while a real publish plays', () => {
  let t: TestRoom
  let ingest: IngestProcess
  let firstPid: number | null
  let publisher: ChildProcess
  let viewer: ChildProcess
  let frames = 0
  /** What the viewer's decoder complained of: a refused publisher's packets would show here. */
  let viewerErrors = ''
  const frameWaiters: (() => void)[] = []
  const peak = { rss: 0, arrayBuffers: 0 }
  const exits: string[] = []
  const interruptions: string[] = []

  /** Resolves once the viewer has decoded `count` more frames. */
  function moreFrames(count: number): Promise<void> {
    const target = frames + count
    return new Promise((resolve) => {
      const check = () => {
        if (frames >= target) resolve()
        else frameWaiters.push(check)
      }
      check()
    })
  }

  async function healthz(): Promise<number> {
    return (await fetch(`${t.room.httpUrl}/healthz`)).status
  }

  /** `count` peers at once, each attacking as `kind`; resolves once the ingest has closed them all. */
  async function wave(kind: AttackName, count: number): Promise<Peer[]> {
    const port = t.room.ingest!.rtmpPort
    return Promise.all(
      Array.from({ length: count }, async () => {
        const peer = await handshake(port)
        attacks[kind](peer)
        await peer.closed
        return peer
      }),
    )
  }

  async function expectUnharmed(): Promise<void> {
    await moreFrames(25)
    expect(viewerErrors).toBe('')
    expect(viewer.exitCode).toBeNull()
    expect(publisher.exitCode).toBeNull()
    expect(exits).toEqual([])
    expect(ingest.pid).toBe(firstPid)
    expect(interruptions).toEqual([])
    expect(t.room.ingest!.isLive()).toBe(true)
    expect(await healthz()).toBe(200)
    expect(peak.rss).toBeLessThan(rssBound)
    expect(peak.arrayBuffers).toBeLessThan(arrayBuffersBound)
  }

  beforeAll(async () => {
    t = await startTestRoom({
      ingest: {
        rtmpPort: 0,
        limits: { preAuthTimeoutMs: 2000 },
        supervision: { heartbeatMs: 250 },
        onStarted: (started) => (ingest = started),
      },
    })
    firstPid = ingest.pid
    ingest.supervision.on('ingest-heartbeat', ({ rss, arrayBuffers }) => {
      peak.rss = Math.max(peak.rss, rss)
      peak.arrayBuffers = Math.max(peak.arrayBuffers, arrayBuffers)
    })
    ingest.supervision.on('ingest-exited', ({ reason }) => exits.push(reason))
    const room = t.room.ingest!
    const live = new Promise((resolve) => room.on('publish-started', resolve))
    room.on('publish-interrupted', ({ roomId }) => interruptions.push(roomId))
    publisher = pushTestPattern(room.publishUrl())
    await live
    viewer = spawn(
      ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error', '-progress', 'pipe:1'],
        ...['-i', room.playUrl(), '-map', '0:v', '-f', 'null', '-'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    viewer.stderr!.on('data', (data: Buffer) => (viewerErrors += data.toString()))
    viewer.stdout!.on('data', (data: Buffer) => {
      for (const match of data.toString().matchAll(/^frame=(\d+)$/gm)) frames = Number(match[1])
      for (const waiter of frameWaiters.splice(0)) waiter()
    })
    await moreFrames(25)
  }, 60_000)

  afterAll(async () => {
    for (const child of [viewer, publisher]) {
      if (child?.pid !== undefined && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        process.kill(child.pid, 'SIGKILL')
        await exited
      }
    }
    const pid = ingest?.pid
    await t?.cleanup()
    if (pid) expect(() => process.kill(pid, 0)).toThrow()
  })

  it("survives the issue's attack: three rounds of 50 connections, each the handshake and ~3 KB of random bytes", async () => {
    for (let round = 0; round < 3; round++) {
      const attack = wave('random', 50)
      // The room answers while the attack runs, not only after it.
      expect(await healthz()).toBe(200)
      await attack
    }
    await expectUnharmed()
  }, 60_000)

  it('closes connections that declare oversized messages, or many chunk streams, before they cost memory', async () => {
    await Promise.all([
      wave('oversized', 16),
      wave('declaredLarge', 16),
      wave('manyChunkStreams', 16),
    ])
    await expectUnharmed()
  }, 60_000)

  it('closes a connection whose message throws in its handler, or that sets chunk size 0, and goes on', async () => {
    await Promise.all([wave('malformed', 20), wave('zeroChunkSize', 20)])
    await expectUnharmed()
  }, 60_000)

  it('closes a publisher refused for its signature; the video it sends after never reaches viewers', async () => {
    const peers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const peer = await handshake(t.room.ingest!.rtmpPort)
        forgedPublish(peer, 'main?sign=4102444800-00000000000000000000000000000000')
        await peer.closed
        return peer
      }),
    )
    expect(peers).toHaveLength(10)
    await expectUnharmed()
  }, 60_000)

  it('closes a peer that chatters past 64 KiB without publishing, and a slow one when its time is up', async () => {
    const chatty = await wave('chatter', 10)
    for (const peer of chatty) expect(peer.sent()).toBeGreaterThan(64 * 1024)
    const slow = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const peer = await handshake(t.room.ingest!.rtmpPort)
        dribble(peer, 50)
        await peer.closed
        return peer
      }),
    )
    // Closed by the 2 s deadline, not by the byte budget.
    for (const peer of slow) expect(peer.sent()).toBeLessThan(64 * 1024)
    await expectUnharmed()
  }, 60_000)
})
