import { describe, expect, it } from 'vitest'
import { CloseCode, ErrorCode, Limits } from '../../../src-shared/protocol/codes'
import { connect, login, startTestRoom } from './helpers'

describe('malformed input', () => {
  it('answers invalid JSON with an error frame 60002 and keeps the socket', async () => {
    const t = await startTestRoom()
    const client = await login(t.room, 'alice')
    client.sendRaw('{"type": "ping", ')
    const error = await client.waitFor((f) => f.type === 'error')
    expect(error).toMatchObject({
      code: ErrorCode.parseError,
      message: expect.stringMatching(/JSON/),
    })
    expect((await client.request({ type: 'ping' })).code).toBe(0)
  })

  it('answers an unknown frame type with 10003, as an error and as an ack', async () => {
    const t = await startTestRoom()
    const client = await login(t.room, 'alice')
    client.sendRaw(JSON.stringify({ type: 'dance', seq: 99 }))
    const error = await client.waitFor((f) => f.type === 'error')
    expect(error).toMatchObject({
      code: ErrorCode.invalidCommand,
      message: expect.stringContaining('dance'),
    })
    const ack = await client.waitFor((f) => f.type === 'ack' && f.seq === 99)
    expect(ack.type === 'ack' && ack.code).toBe(ErrorCode.invalidCommand)
    expect((await client.request({ type: 'ping' })).code).toBe(0)
  })

  it('answers a frame that breaks its schema with 10004 naming the field', async () => {
    const t = await startTestRoom()
    const client = await login(t.room, 'alice')
    client.sendRaw(JSON.stringify({ type: 'send', seq: 5, groupId: 'main', msgBody: [] }))
    const ack = await client.waitFor((f) => f.type === 'ack' && f.seq === 5)
    expect(ack).toMatchObject({
      code: ErrorCode.invalidParameter,
      message: expect.stringContaining('msgBody'),
    })
    client.sendRaw('[1,2,3]')
    await client.waitFor((f) => f.type === 'error' && f.code === ErrorCode.invalidParameter)
    expect((await client.request({ type: 'ping' })).code).toBe(0)
  })

  it('closes the socket with 1009 for a frame over 4 KB', async () => {
    const t = await startTestRoom()
    const client = await login(t.room, 'alice')
    client.sendRaw(JSON.stringify({ type: 'ping', seq: 1, pad: 'x'.repeat(5 * 1024) }))
    expect((await client.closed).code).toBe(CloseCode.tooBig)
    expect(Limits.maxFrameBytes).toBeLessThan(5 * 1024)
  })

  it('survives a burst of hostile frames', async () => {
    const t = await startTestRoom()
    const client = await connect(t.room.wsUrl)
    const junk = [
      '',
      'null',
      '42',
      '"x"',
      '{}',
      '{"type":null}',
      '{"type":"login","seq":1,"version":1}',
      '{"type":"send","seq":1e400}',
      '{"__proto__":{"type":"ping"}}',
    ]
    for (const frame of junk) client.sendRaw(frame)
    await client.waitFor(() => client.framesOf('error').length >= junk.length)
    const ok = await login(t.room, 'bob')
    expect((await ok.request({ type: 'ping' })).code).toBe(0)
  })
})
