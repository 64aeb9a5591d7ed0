import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Ingest, IngestEvents } from '../../../src-main/liveroom/ingest/ingest'
import {
  startIngestProcess,
  type IngestProcess,
} from '../../../src-main/liveroom/ingest/ingest-process'
import { ffmpeg, pushTestPattern } from './push'

const children: ChildProcess[] = []

function push(url: string): ChildProcess {
  const child = pushTestPattern(url)
  children.push(child)
  return child
}

function run(
  cmd: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
}

function nextEvent<K extends keyof IngestEvents>(
  ingest: Ingest,
  name: K,
): Promise<IngestEvents[K][0]> {
  return new Promise((resolve) => {
    const emitter = ingest as unknown as NodeJS.EventEmitter
    emitter.once(name, (payload: IngestEvents[K][0]) => resolve(payload))
  })
}

describe('embedded ingest (node-media-server sessions on our listeners, in their own process)', () => {
  let ingest: IngestProcess
  let http: Server
  let httpUrl: string

  beforeAll(async () => {
    ingest = await startIngestProcess({
      host: '127.0.0.1',
      rtmpPort: 0,
      secret: 'test-secret',
      now: Date.now,
      log: () => {},
    })
    http = createServer((req, res) => {
      if (!ingest.handleHttp(req, res)) res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  })
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  })
  afterAll(async () => {
    const pid = ingest?.pid
    await ingest?.close()
    await new Promise((resolve) => http?.close(resolve))
    if (pid) expect(() => process.kill(pid, 0)).toThrow()
  })

  it('signs publish URLs per room', () => {
    const url = new URL(ingest.publishUrl('main'))
    expect(url.protocol).toBe('rtmp:')
    expect(url.pathname).toBe('/live/main')
    expect(url.searchParams.get('sign')).toMatch(/^\d+-[0-9a-f]{32}$/)
  })

  it('refuses a publish without a valid signature', async () => {
    const url = new URL(ingest.publishUrl('main'))
    const expires = url.searchParams.get('sign')!.split('-')[0]
    const forged = push(`rtmp://127.0.0.1:${url.port}/live/main?sign=${expires}-${'0'.repeat(32)}`)
    const otherRoom = push(`rtmp://127.0.0.1:${url.port}/live/other${url.search}`)
    // The ingest ends a refused publisher's connection; give ffmpeg a moment to notice, then judge
    // by what matters: neither room went live.
    await Promise.all(
      [forged, otherRoom].map(
        (c) => new Promise((resolve) => (c.once('exit', resolve), setTimeout(resolve, 8_000))),
      ),
    )
    expect(ingest.isLive('main')).toBe(false)
    expect(ingest.isLive('other')).toBe(false)
  })

  it('turns a signed publish into a live room, played over HTTP-FLV, and reports the drop', async () => {
    const started = nextEvent(ingest, 'publish-started')
    const publisher = push(ingest.publishUrl('main'))
    expect(await started).toEqual({ roomId: 'main', streamPath: '/live/main' })
    expect(ingest.isLive('main')).toBe(true)

    // Decode two seconds of what a viewer's player would get (async: the ingest shares our loop).
    const probe = await run(ffmpeg, [
      ...['-hide_banner', '-loglevel', 'error', '-progress', 'pipe:1'],
      ...['-i', `${httpUrl}/live/main.flv`, '-map', '0:v', '-t', '2', '-f', 'null', '-'],
    ])
    expect(probe.stderr).toBe('')
    expect(probe.code).toBe(0)
    const frames = [...probe.stdout.matchAll(/^frame=(\d+)$/gm)].map((m) => Number(m[1]))
    expect(Math.max(0, ...frames)).toBeGreaterThan(25)

    const notLive = await fetch(`${httpUrl}/live/nobody.flv`)
    expect(notLive.status).toBe(404)
    const head = await fetch(`${httpUrl}/live/main.flv`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('video/x-flv')

    const interrupted = nextEvent(ingest, 'publish-interrupted')
    publisher.kill('SIGKILL')
    expect(await interrupted).toEqual({ roomId: 'main', streamPath: '/live/main' })
  })
})
