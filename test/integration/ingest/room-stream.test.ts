import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinMain, startTestRoom, type TestRoom } from '../liveroom/helpers'
import { pushTestPattern } from './push'

describe('the room server with its ingest', () => {
  let t: TestRoom
  let publisher: ChildProcess | undefined

  beforeAll(async () => {
    t = await startTestRoom({ ingest: { rtmpPort: 0 } })
  })
  afterAll(async () => {
    if (publisher?.exitCode === null) publisher.kill('SIGKILL')
    await t?.cleanup()
  })

  it("tells members when the room's stream goes live and drops", async () => {
    const ingest = t.room.ingest!
    expect(ingest.playUrl()).toBe(`${t.room.httpUrl}/live/main.flv`)
    const { client, ack } = await joinMain(t.room, 'viewer1')
    expect(ack).toMatchObject({
      code: 0,
      data: { group: { stream: { live: false, flvPath: '/live/main.flv' } } },
    })

    publisher = pushTestPattern(ingest.publishUrl())
    const live = await client.waitFor((f) => f.type === 'stream-state-changed' && f.stream.live)
    expect(live).toEqual({
      type: 'stream-state-changed',
      groupId: 'main',
      stream: { live: true, flvPath: '/live/main.flv' },
    })
    expect(ingest.isLive()).toBe(true)
    const late = await joinMain(t.room, 'viewer2')
    expect(late.ack).toMatchObject({ data: { group: { stream: { live: true } } } })

    publisher.kill('SIGKILL')
    await client.waitFor((f) => f.type === 'stream-state-changed' && !f.stream.live)
    expect(ingest.isLive()).toBe(false)
  })
})
