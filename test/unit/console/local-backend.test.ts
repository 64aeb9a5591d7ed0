import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import type { ImRestClient } from '../../../src-main/common/im-rest-client'
import { LocalRoomBackend } from '../../../src-main/console/room/local-backend'
import type { RoomEvent } from '../../../src-main/console/room/room-backend'
import { RoomSession } from '../../../src-main/console/room/room-session'
import { type ContractEvent, events as contractEvents } from '../../../src-shared/contract'

/** A stand-in room server: acks login and join, then lets the test push frames. */
async function stubRoom(): Promise<{
  url: string
  logins: unknown[]
  push(frame: ServerFrame): void
  close(): Promise<void>
}> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const logins: unknown[] = []
  let socket: WebSocket | undefined
  wss.on('connection', (ws) => {
    socket = ws
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; seq: number }
      if (frame.type === 'login') logins.push(frame)
      const ackData =
        frame.type === 'login'
          ? { userId: 'anchor', nick: 'anchor', serverTime: 1 }
          : {
              group: { groupId: 'main', name: 'Main', ownerId: 'anchor', onlineCount: 3 },
              self: { role: 'Owner', muteUntil: 0 },
              history: [],
            }
      ws.send(JSON.stringify({ type: 'ack', seq: frame.seq, code: 0, data: ackData }))
    })
  })
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/im/v1`,
    logins,
    push: (frame) => socket?.send(JSON.stringify(frame)),
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      }),
  }
}

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

describe('LocalRoomBackend', () => {
  it('turns a membership notice and a role change into the console’s member events', async () => {
    const room = await stubRoom()
    cleanup.push(room.close)
    const backend = new LocalRoomBackend({
      wsUrl: room.url,
      sdkAppId: 1,
      roomId: 'main',
      userId: 'anchor',
      userSig: () => 'sig',
      rest: {} as ImRestClient,
    })
    cleanup.push(() => backend.stop())
    const events: RoomEvent[] = []
    backend.onEvent((event) => events.push(event))
    expect(await backend.start()).toMatchObject({ onlineCount: 3 })
    expect(room.logins).toEqual([expect.objectContaining({ version: 3 })])

    const seen = new Promise<void>((resolve) =>
      backend.onEvent((event) => event.type === 'online-count' && resolve()),
    )
    room.push({
      type: 'members-changed',
      groupId: 'main',
      joined: [
        { userId: 'v_a', nick: 'A', role: 'Member', joinTime: 10 },
        { userId: 'v_b', nick: 'B', role: 'Admin', joinTime: 11 },
      ],
      left: ['v_gone'],
      joinedCount: 2,
      leftCount: 1,
    })
    room.push({
      type: 'member-role-changed',
      groupId: 'main',
      userIds: ['v_a'],
      role: 'Admin',
      operatorId: 'administrator',
    })
    room.push({ type: 'online-count', groupId: 'main', count: 4 })
    await seen

    expect(events.filter((e) => e.type !== 'connection')).toEqual([
      { type: 'online-count', count: 3 },
      { type: 'member-left', userId: 'v_gone' },
      { type: 'member-joined', userId: 'v_a', nick: 'A', role: 'Member', joinTime: 10 },
      { type: 'member-joined', userId: 'v_b', nick: 'B', role: 'Admin', joinTime: 11 },
      {
        type: 'member-role-changed',
        userIds: ['v_a'],
        role: 'Admin',
        operatorId: 'administrator',
      },
      { type: 'online-count', count: 4 },
    ])
  })

  it('carries the room’s room-load frame to the contract as room:delivery-changed', async () => {
    const room = await stubRoom()
    cleanup.push(room.close)
    const backend = new LocalRoomBackend({
      wsUrl: room.url,
      sdkAppId: 1,
      roomId: 'main',
      userId: 'anchor',
      userSig: () => 'sig',
      // The member list is not under test: the session lives without it.
      rest: { call: () => Promise.reject(new Error('no REST here')) } as unknown as ImRestClient,
    })
    const emitted: ContractEvent[] = []
    let loadSeen: () => void = () => {}
    const seen = new Promise<void>((resolve) => (loadSeen = resolve))
    const session = new RoomSession({
      backend,
      roomId: 'main',
      viewerUrl: 'http://viewer',
      emit: (name, payload) => {
        emitted.push({ name, payload } as ContractEvent)
        if (name === 'room:delivery-changed') loadSeen()
      },
    })
    cleanup.push(() => session.stop())
    await session.start()

    const load = {
      windowMs: 1000,
      cap: 40,
      offered: { High: 30, Normal: 0, Low: 40, Lowest: 30 },
      shed: { High: 0, Normal: 0, Low: 0, Lowest: 20 },
    }
    room.push({ type: 'room-load', groupId: 'main', ...load })
    await seen

    const loads = emitted.filter((e) => e.name === 'room:delivery-changed')
    expect(loads).toEqual([
      { name: 'room:delivery-changed', payload: { load, shedRecent: load.shed, tightRecent: 1 } },
    ])
    // What the renderer receives passes the contract's schema (no groupId, nothing extra lost).
    expect(contractEvents['room:delivery-changed'].parse(loads[0]?.payload)).toEqual({
      load,
      shedRecent: load.shed,
      tightRecent: 1,
    })
  })
})
