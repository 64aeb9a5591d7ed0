import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { startLiveRoom, type LiveRoom } from '../src-main/liveroom'
import type { BusinessOptions } from '../src-main/liveroom/business'
import { PROTOCOL_VERSION } from '../src-shared/protocol/frames'
import { percentile, type BenchResult } from './stats'

/**
 * The before-send rewrite's added latency (issue 12 §3): viewers send 40 messages a second (the
 * room's cap) for `seconds`, each timed from send to its ack. LiveDesk: the business host writes
 * each sender's level into CloudCustomData in the before-send callback; baseline: the same room
 * with no before-send rule. Goal: p99 added < 5 ms.
 */

const RATE = 40
const SENDERS = 40

interface Sender {
  ws: WebSocket
  send(text: string): Promise<number>
}

async function sender(room: LiveRoom, userId: string): Promise<Sender> {
  const ws = new WebSocket(room.wsUrl)
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  let seq = 0
  const waiting = new Map<number, (at: number) => void>()
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; seq?: number }
    if (frame.type === 'ack' && frame.seq !== undefined) waiting.get(frame.seq)?.(performance.now())
  })
  const request = (frame: Record<string, unknown>) =>
    new Promise<number>((resolve) => {
      const id = ++seq
      waiting.set(id, resolve)
      ws.send(JSON.stringify({ ...frame, seq: id }))
    })
  await request({
    type: 'login',
    version: PROTOCOL_VERSION,
    sdkAppId: room.sdkAppId,
    userId,
    userSig: room.signUserSig(userId),
  })
  await request({ type: 'join', groupId: room.defaultRoomId })
  return {
    ws,
    async send(text) {
      const start = performance.now()
      const done = await request({
        type: 'send',
        groupId: room.defaultRoomId,
        msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
      })
      return done - start
    },
  }
}

async function run(business: BusinessOptions | false, seconds: number): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-levels-'))
  const room = await startLiveRoom({ dataDir, host: '127.0.0.1', port: 0, business })
  try {
    const senders = await Promise.all(
      Array.from({ length: SENDERS }, (_, i) => sender(room, `bench${i}`)),
    )
    const latencies: Promise<number>[] = []
    const total = RATE * seconds
    const start = performance.now()
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      latencies.push(senders[i % SENDERS]!.send(`bench line ${i}`))
    }
    const all = (await Promise.all(latencies)).sort((a, b) => a - b)
    for (const s of senders) s.ws.close()
    return all
  } finally {
    await room.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function benchLevelRewrite(seconds: number): Promise<BenchResult> {
  const off = { onlineCount: false as const, roomState: false as const, lottery: false as const }
  const baseline = await run({ ...off, levels: false }, seconds)
  const levels = await run(off, seconds)
  const p = (list: number[], q: number) => percentile(list, q)
  return {
    name: `before-send level rewrite, ${RATE} msg/s for ${seconds} s (send → ack, ms)`,
    rows: [
      { metric: 'p50', value: p(levels, 50), baseline: p(baseline, 50), goal: '' },
      { metric: 'p99', value: p(levels, 99), baseline: p(baseline, 99), goal: '' },
      {
        metric: 'p99 added',
        value: p(levels, 99) - p(baseline, 99),
        baseline: 0,
        goal: '< 5 ms',
      },
    ],
  }
}
