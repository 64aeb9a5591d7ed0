import { describe, expect, it } from 'vitest'
import { RoomClient, type PushFrame } from '../../../src-shared/protocol/room-client'
import { fakeSockets } from '../../support/fake-socket'

const wire = (n: number) => ({
  ID: `m${n}`,
  to: 'room-1',
  sequence: n,
  from: 'bob',
  nick: 'Bob',
  time: 1_700_000_000_000 + n,
  priority: 'Normal',
  msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `<img src=x onerror=alert(${n})>` } }],
})

async function openClient(timeoutMs?: number) {
  const { sockets, connect } = fakeSockets()
  const client = new RoomClient({ url: 'ws://host/im/v1', connect, timeoutMs })
  const opened = client.open()
  const socket = sockets[0]!
  socket.handlers.open()
  expect(await opened).toBe(true)
  return { client, socket }
}

describe('RoomClient', () => {
  it('numbers requests and resolves each with the ack of its seq, in any order', async () => {
    const { client, socket } = await openClient()
    const login = client.request({
      type: 'login',
      version: 1,
      sdkAppId: 1400000001,
      userId: 'v_1',
      userSig: 'sig',
      nick: 'Viewer',
    })
    const join = client.request({ type: 'join', groupId: 'room-1' })
    const [loginFrame, joinFrame] = socket.sent as { seq: number; type: string }[]
    expect(loginFrame).toMatchObject({ type: 'login', version: 1, userId: 'v_1', nick: 'Viewer' })
    expect(joinFrame).toMatchObject({ type: 'join', groupId: 'room-1' })
    expect(joinFrame!.seq).not.toBe(loginFrame!.seq)

    socket.push({
      type: 'ack',
      seq: joinFrame!.seq,
      code: 0,
      data: {
        group: { groupId: 'room-1', name: 'Show', ownerId: 'anchor', onlineCount: 4 },
        self: { role: 'Member', muteUntil: 0 },
        history: [wire(1)],
      },
    })
    socket.push({
      type: 'ack',
      seq: loginFrame!.seq,
      code: 0,
      data: { userId: 'v_1', nick: 'Viewer', serverTime: 5 },
    })
    const joined = await join
    expect(joined.ok && joined.data.group.onlineCount).toBe(4)
    expect(joined.ok && joined.data.history[0]?.ID).toBe('m1')
    expect((await login).ok).toBe(true)
  })

  it('passes error acks through with their code, message and data', async () => {
    const { client, socket } = await openClient()
    const send = client.request({
      type: 'send',
      groupId: 'room-1',
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
    })
    socket.push({
      type: 'ack',
      seq: socket.lastSent<{ seq: number }>().seq,
      code: 10017,
      message: 'muted',
      data: { muteUntil: 123 },
    })
    expect(await send).toEqual({
      ok: false,
      code: 10017,
      message: 'muted',
      data: { muteUntil: 123 },
    })
  })

  it('hands pushes to listeners and ignores frames it cannot read', async () => {
    const { client, socket } = await openClient()
    const pushes: PushFrame[] = []
    client.on((frame) => pushes.push(frame))
    socket.push('not json')
    socket.push({ type: 'mystery' })
    socket.push({ type: 'online-count', groupId: 'room-1', count: 7 })
    socket.push({ type: 'message', message: wire(2) })
    socket.push({
      type: 'member-muted',
      groupId: 'room-1',
      userId: 'v_1',
      operatorId: 'anchor',
      muteTime: 60,
      muteUntil: 99,
    })
    expect(pushes.map((frame) => frame.type)).toEqual(['online-count', 'message', 'member-muted'])
  })

  it('hands a version 3 batch to listeners as one message push per message, in order', async () => {
    const { client, socket } = await openClient()
    const pushes: PushFrame[] = []
    client.on((frame) => pushes.push(frame))
    socket.push({ type: 'message', message: wire(1) })
    socket.push({ type: 'messages', messages: [wire(2), wire(3), wire(4)] })
    socket.push({ type: 'messages', messages: [] })
    socket.push({ type: 'online-count', groupId: 'room-1', count: 7 })
    expect(pushes).toEqual([
      { type: 'message', message: wire(1) },
      { type: 'message', message: wire(2) },
      { type: 'message', message: wire(3) },
      { type: 'message', message: wire(4) },
      { type: 'online-count', groupId: 'room-1', count: 7 },
    ])
  })

  it('resolves pending requests as not connected when the socket closes, and reports why', async () => {
    const { client, socket } = await openClient()
    const closes: { code: number; reason: string }[] = []
    client.onClose((info) => closes.push(info))
    const ping = client.request({ type: 'ping' })
    socket.handlers.close(4004, 'Logged in elsewhere')
    expect(await ping).toMatchObject({ ok: false, code: 1005, message: 'Logged in elsewhere' })
    expect(closes).toEqual([{ code: 4004, reason: 'Logged in elsewhere' }])
    expect(await client.request({ type: 'ping' })).toMatchObject({ ok: false, code: 1005 })
  })

  it('resolves false from open() when the socket closes before opening', async () => {
    const { sockets, connect } = fakeSockets()
    const client = new RoomClient({ url: 'ws://host/im/v1', connect })
    const opened = client.open()
    sockets[0]!.handlers.close(1006, '')
    expect(await opened).toBe(false)
  })

  it('gives up on a request the room never answers', async () => {
    const { client } = await openClient(20)
    expect(await client.request({ type: 'ping' })).toMatchObject({ ok: false, code: 1005 })
  })
})
