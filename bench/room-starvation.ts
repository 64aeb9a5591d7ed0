import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { PROTOCOL_PATH } from '../src-shared/protocol/frames'
import { startLiveRoom, type LiveRoom } from '../src-main/liveroom'
import { benchSeconds } from './room-load'
import { type BenchResult, percentile } from './stats'

const spammers = 40
const people = 5
/** A spammer's gap: 1.5 lines a second, just under the flood limit's 3 in 2 s. */
const spamGapMs = 700
/** An ordinary viewer's gap: one line every 2 s. */
const personGapMs = 2000

interface Run {
  personSent: number
  personDelivered: number
  spamSent: number
  spamDelivered: number
  /** ms from a person's send to the observer seeing it, ascending. */
  personLatency: number[]
}

interface Client {
  ws: WebSocket
  request(frame: Record<string, unknown>): Promise<{ code: number }>
}

const now = () => performance.timeOrigin + performance.now()

async function client(room: LiveRoom, userId: string, localAddress: string): Promise<Client> {
  const ws = new WebSocket(room.wsUrl.replace(/\/im\/v1$/, PROTOCOL_PATH), {
    localAddress,
    perMessageDeflate: false,
  })
  const pending = new Map<number, (frame: { code: number }) => void>()
  let seq = 0
  ws.on('message', (data) => {
    const text = data.toString()
    if (!text.startsWith('{"type":"ack"')) return
    const ack = JSON.parse(text) as { seq: number; code: number }
    pending.get(ack.seq)?.(ack)
    pending.delete(ack.seq)
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const request = (frame: Record<string, unknown>) =>
    new Promise<{ code: number }>((resolve) => {
      seq += 1
      pending.set(seq, resolve)
      ws.send(JSON.stringify({ ...frame, seq }))
    })
  const login = await request({
    type: 'login',
    version: 2,
    sdkAppId: room.sdkAppId,
    userId,
    userSig: room.signUserSig(userId),
  })
  const join = await request({ type: 'join', groupId: room.defaultRoomId })
  if (login.code !== 0 || join.code !== 0) throw new Error(`${userId} could not join`)
  return { ws, request }
}

/**
 * Forty identities, each from its own address, send as fast as the flood limit lets them; five
 * ordinary viewers send a line every 2 s; an observer counts what the room delivers.
 */
async function flood(share: 'senders' | 'random', seconds: number): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-starvation-'))
  const room = await startLiveRoom({
    dataDir,
    frequencyShare: share,
    business: false,
    maxConnectionsPerAddress: 0,
  })
  const run: Run = {
    personSent: 0,
    personDelivered: 0,
    spamSent: 0,
    spamDelivered: 0,
    personLatency: [],
  }
  const timers: NodeJS.Timeout[] = []
  const clients: Client[] = []
  try {
    const observer = await client(room, room.ownerId, '127.0.0.1')
    clients.push(observer)
    const sentAt = new Map<string, number>()
    observer.ws.on('message', (data) => {
      const text = data.toString()
      if (!text.startsWith('{"type":"message"')) return
      const line = /"Text":"(spam|person) ([^"]+)"/.exec(text)
      if (!line) return
      if (line[1] === 'spam') run.spamDelivered++
      else {
        run.personDelivered++
        const at = sentAt.get(line[2]!)
        if (at !== undefined) run.personLatency.push(now() - at)
      }
    })
    for (let i = 0; i < spammers; i++) {
      clients.push(await client(room, `v_spam${i}`, `127.0.2.${10 + i}`))
    }
    for (let i = 0; i < people; i++) {
      clients.push(await client(room, `v_person${i}`, `127.0.3.${10 + i}`))
    }
    const send = (who: Client, kind: 'spam' | 'person', id: string) =>
      void who.request({
        type: 'send',
        groupId: room.defaultRoomId,
        msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `${kind} ${id}` } }],
      })
    clients.slice(1, 1 + spammers).forEach((spammer, i) => {
      let n = 0
      timers.push(
        setInterval(() => {
          run.spamSent++
          send(spammer, 'spam', `${i}.${n++}`)
        }, spamGapMs),
      )
    })
    clients.slice(1 + spammers).forEach((person, i) => {
      let n = 0
      // Staggered, as people are.
      const start = setTimeout(
        () => {
          timers.push(
            setInterval(() => {
              const id = `${i}.${n++}`
              run.personSent++
              sentAt.set(id, now())
              send(person, 'person', id)
            }, personGapMs),
          )
        },
        (i * personGapMs) / people,
      )
      timers.push(start)
    })
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
    for (const timer of timers) clearInterval(timer)
    // The last window's decisions.
    await new Promise((resolve) => setTimeout(resolve, 1500))
  } finally {
    for (const timer of timers) clearInterval(timer)
    for (const c of clients) c.ws.terminate()
    await room.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  run.personLatency.sort((a, b) => a - b)
  return run
}

/**
 * The starvation figures of issue 9 (§3): LiveDesk shares an overflowing window among senders;
 * the baseline, in the same run, is Tencent's rule as its docs state it (random among equals).
 */
export async function benchRoomStarvation(seconds = benchSeconds(60)): Promise<BenchResult> {
  const live = await flood('senders', seconds)
  const bare = await flood('random', seconds)
  const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0)
  return {
    name: `room starvation: ${spammers} spam identities (1.5 lines/s each, one address each) and ${people} ordinary viewers (a line every 2 s) for ${seconds}s (baseline: random among equals, Tencent's stated rule)`,
    rows: [
      {
        metric: "ordinary viewers' lines delivered (%)",
        value: pct(live.personDelivered, live.personSent),
        baseline: pct(bare.personDelivered, bare.personSent),
        goal: '≥ 90',
      },
      {
        metric: 'spam lines delivered (%)',
        value: pct(live.spamDelivered, live.spamSent),
        baseline: pct(bare.spamDelivered, bare.spamSent),
        goal: 'the rest of the cap',
      },
      {
        metric: "ordinary viewers' delivery latency p95 (ms)",
        value: Math.round(percentile(live.personLatency, 95)),
        baseline: Math.round(percentile(bare.personLatency, 95)),
        goal: '≤ 1 window (1000)',
      },
    ],
  }
}
