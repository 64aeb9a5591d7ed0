import type { ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LiveRoom } from '../../../src-main/liveroom'
import { RoomStateCode } from '../../../src-shared/protocol/room-state'
import { startTestRoom } from '../liveroom/helpers'
import { until } from '../stream/helpers'
import { ffmpeg, pushTestPattern } from './push'

/**
 * The room server's own recording of a show (issue 12 §1): what its ingest receives becomes one
 * part per stretch on air, the parts are joined when the show ends, and the joined MP4 is served
 * with byte ranges once — and only once — the anchor published it.
 */

const publishers: ChildProcess[] = []
afterEach(() => {
  for (const publisher of publishers.splice(0)) {
    if (publisher.exitCode === null && publisher.pid !== undefined)
      process.kill(publisher.pid, 'SIGKILL')
  }
})

async function act(room: LiveRoom, body: Record<string, unknown>) {
  const response = await fetch(`${room.httpUrl}/business/room-state/action`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `UserSig ${room.ownerId} ${room.signUserSig(room.ownerId)}`,
    },
    body: JSON.stringify({ groupId: room.defaultRoomId, ...body }),
  })
  return {
    status: response.status,
    answer: (await response.json()) as {
      roomState?: { state: string; showId: string; replayUrl: string | null }
      code?: number
      data?: { reason?: string }
    },
  }
}

async function stateOf(room: LiveRoom): Promise<{ state: string; showId: string } | null> {
  const response = await fetch(`${room.httpUrl}/business/room-state?groupId=${room.defaultRoomId}`)
  return ((await response.json()) as { roomState: { state: string; showId: string } | null })
    .roomState
}

/** A raw request, so the path reaches the server as written (fetch would normalise `..`). */
function rawGet(
  room: LiveRoom,
  requestPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: room.port, path: requestPath, method, headers },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        )
      },
    )
    request.on('error', reject)
    request.end()
  })
}

const sizeOf = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0)

describe("the room server's replays", () => {
  it('records a part per stretch on air, joins them at the end and serves the published replay with ranges', async () => {
    const t = await startTestRoom({
      ingest: { rtmpPort: 0 },
      business: { onlineCount: false },
      log: (line) => process.env.DEBUG_REPLAYS && console.log(line),
    })
    const room = t.room
    const publisher = pushTestPattern(room.ingest!.publishUrl())
    publishers.push(publisher)
    await until(async () => (await stateOf(room))?.state === 'live', 'the show to go live')
    const showId = (await stateOf(room))!.showId
    const partsDir = path.join(t.dataDir, 'replays', 'main', showId)
    const part = (n: number) => path.join(partsDir, `part-00${n}.mp4`)
    await until(() => sizeOf(part(1)) > 20_000, 'the first part to hold some video')

    expect((await act(room, { action: 'pause' })).status).toBe(200)
    expect(fs.existsSync(part(2))).toBe(false)
    expect((await act(room, { action: 'resume' })).status).toBe(200)
    await until(() => sizeOf(part(2)) > 20_000, 'a second part after the resume')

    // Ended but not published: the recording exists and is not public.
    expect((await act(room, { action: 'end' })).status).toBe(200)
    const joined = path.join(t.dataDir, 'replays', 'main', `${showId}.mp4`)
    await until(() => fs.existsSync(joined), 'the parts to be joined')
    expect(fs.existsSync(partsDir)).toBe(false)
    const replayPath = `/replays/main/${showId}.mp4`
    const early = await rawGet(room, replayPath)
    expect(early.status).toBe(404)
    expect(early.body.toString()).toContain('no published replay')

    // The joined file plays: one video and one audio stream, its index before its data.
    const probe = JSON.parse(
      execFileSync(ffmpeg.replace(/ffmpeg$/, 'ffprobe'), [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type:format=duration',
        '-of',
        'json',
        joined,
      ]).toString(),
    ) as { streams: { codec_type: string }[]; format: { duration: string } }
    expect(probe.streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video'])
    expect(Number(probe.format.duration)).toBeGreaterThan(0)
    const head = fs
      .readFileSync(joined)
      .subarray(0, 64 * 1024)
      .toString('latin1')
    expect(head.indexOf('moov')).toBeGreaterThan(0)
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'))

    // "Publish replay" without a URL publishes the server's recording.
    const published = await act(room, { action: 'publish-replay' })
    expect(published.status).toBe(200)
    expect(published.answer.roomState).toMatchObject({ state: 'replay', replayUrl: replayPath })

    const size = fs.statSync(joined).size
    const ranged = await rawGet(room, replayPath, { Range: 'bytes=0-99' })
    expect(ranged.status).toBe(206)
    expect(ranged.body.length).toBe(100)
    expect(ranged.headers['content-range']).toBe(`bytes 0-99/${size}`)
    expect(ranged.headers['content-type']).toBe('video/mp4')
    expect(ranged.headers['accept-ranges']).toBe('bytes')
    expect(ranged.body.equals(fs.readFileSync(joined).subarray(0, 100))).toBe(true)

    const tail = await rawGet(room, replayPath, { Range: `bytes=${size - 10}-` })
    expect(tail.status).toBe(206)
    expect(tail.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`)

    const beyond = await rawGet(room, replayPath, { Range: `bytes=${size}-` })
    expect(beyond.status).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`)

    const whole = await rawGet(room, replayPath, {}, 'HEAD')
    expect(whole.status).toBe(200)
    expect(whole.headers['content-length']).toBe(String(size))
    const etag = whole.headers.etag as string
    expect(etag).toBeTruthy()
    // If-Range: the same file still answers the range; another version answers the whole file.
    const same = await rawGet(room, replayPath, { Range: 'bytes=0-9', 'If-Range': etag })
    expect(same.status).toBe(206)
    const stale = await rawGet(room, replayPath, { Range: 'bytes=0-9', 'If-Range': '"other"' })
    expect(stale.status).toBe(200)
    expect(stale.body.length).toBe(size)

    // Nothing but a published show's file: no other show, no path out of the replays folder.
    expect((await rawGet(room, '/replays/main/0000000000000000.mp4')).status).toBe(404)
    for (const attempt of [
      '/replays/main/..%2f..%2fliveroom.db',
      '/replays/main/..%2F..%2Fliveroom.mp4',
      '/replays/../liveroom.db',
      `/replays/main/${showId}/../../../liveroom.db`,
      '/replays/main%2f..%2f..%2fidentity.json',
    ]) {
      const answer = await rawGet(room, attempt)
      expect([400, 404], attempt).toContain(answer.status)
      expect(answer.body.toString()).not.toContain('SQLite')
    }
  }, 120_000)

  it('goes on without ffmpeg, and "Publish replay" says there is no recording', async () => {
    const t = await startTestRoom({
      ingest: { rtmpPort: 0 },
      business: { onlineCount: false },
      replays: { ffmpegPath: path.join(__dirname, 'no-such-ffmpeg') },
    })
    const room = t.room
    const publisher = pushTestPattern(room.ingest!.publishUrl())
    publishers.push(publisher)
    await until(async () => (await stateOf(room))?.state === 'live', 'the show to go live')
    expect((await act(room, { action: 'end' })).status).toBe(200)
    const refused = await act(room, { action: 'publish-replay' })
    expect(refused.status).toBe(409)
    expect(refused.answer).toMatchObject({
      code: RoomStateCode.noRecording,
      data: { reason: 'no-ffmpeg' },
    })
    expect(fs.existsSync(path.join(t.dataDir, 'replays'))).toBe(false)
    // An address of another host still publishes.
    const external = await act(room, {
      action: 'publish-replay',
      replayUrl: 'https://cdn.example.com/show.mp4',
    })
    expect(external.status).toBe(200)
    expect(external.answer.roomState?.replayUrl).toBe('https://cdn.example.com/show.mp4')
  })
})
