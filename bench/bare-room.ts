import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'
import type { MsgElem, Priority, ServerFrame, WireMessage } from '../src-shared/protocol/frames'

export interface BareRoom {
  url: string
  close(): Promise<void>
}

interface BareFrame {
  type: string
  seq: number
  groupId: string
  priority?: Priority
  msgBody?: MsgElem[]
}

/**
 * The baseline for the room benchmarks: a bare `ws` server that answers `join` and rebroadcasts
 * each `send` to its group as the same `message` frame LiveDesk sends (same fields, same size), with
 * an ack to the sender first. No login, validation, storage, frequency control or callbacks: the
 * floor that a room server on this machine could reach.
 */
export async function startBareRoom(): Promise<BareRoom> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false })
  await new Promise((resolve) => wss.once('listening', resolve))
  const groups = new Map<string, Set<WebSocket>>()
  const lastSeq = new Map<string, number>()

  wss.on('connection', (ws) => {
    let group: Set<WebSocket> | undefined
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as BareFrame
      if (frame.type === 'join') {
        group = groups.get(frame.groupId) ?? new Set()
        groups.set(frame.groupId, group)
        group.add(ws)
        ws.send(JSON.stringify({ type: 'ack', seq: frame.seq, code: 0, data: {} }))
      } else if (frame.type === 'send' && group && frame.msgBody) {
        const sequence = (lastSeq.get(frame.groupId) ?? 0) + 1
        lastSeq.set(frame.groupId, sequence)
        const time = Date.now()
        const message: WireMessage = {
          ID: `${frame.groupId}-${time}-00000000`,
          to: frame.groupId,
          sequence,
          from: 'anchor',
          nick: 'anchor',
          time,
          priority: frame.priority ?? 'Normal',
          msgBody: frame.msgBody,
        }
        ws.send(JSON.stringify({ type: 'ack', seq: frame.seq, code: 0, data: { message } }))
        const text = JSON.stringify({ type: 'message', message } satisfies ServerFrame)
        for (const member of group) member.send(text)
      }
    })
    ws.on('close', () => group?.delete(ws))
  })

  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate()
        wss.close(() => resolve())
      }),
  }
}
