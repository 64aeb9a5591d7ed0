import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { startLiveRoom, type LiveRoom } from '../src-main/liveroom'
import { benchSeconds, type LoadResult, type Member, p, runLoad, type Sender } from './room-load'
import { type BenchResult, percentile } from './stats'

/**
 * Issue 11's gift storm: `viewers` viewers each ordering a gift `rate` times a second for
 * `seconds`, 2% of the orders retried with the same order id, against the embedded room's business
 * host — while a chat sender talks to the room. Reports double charges, the ledger against the
 * wallets, room messages per click, order latency, and the chat's delivery latency beside the same
 * chat without the storm (the baseline).
 */

interface StormReport {
  orders: number
  retries: number
  failures: number
  charged: number
  doubleCharged: number
  /** Refused or unanswered orders by code (or network error). */
  refusals: Record<string, number>
  latencies: Float64Array
  elapsedMs: number
}

interface Ledger {
  granted: number
  spent: number
  balances: number
  rows: number
  messages: number
  combos: number
}

function storm(
  room: LiveRoom,
  viewers: number,
  rate: number,
  seconds: number,
): Promise<StormReport> {
  const list = Array.from({ length: viewers }, (_, i) => {
    const userId = `v_storm${String(i).padStart(4, '0')}`
    return { userId, authorization: `UserSig ${userId} ${room.signUserSig(userId)}` }
  })
  const worker = new Worker(join(__dirname, 'gift-clients.mjs'), {
    workerData: {
      url: room.httpUrl,
      viewers: list,
      rate,
      seconds,
      retryShare: 0.02,
      gifts: ['rose', 'heart', 'lollipop'],
    },
  })
  return new Promise((resolve, reject) => {
    worker.once('message', (message: StormReport & { type: string }) => {
      void worker.terminate()
      resolve(message)
    })
    worker.once('error', reject)
  })
}

function readLedger(dataDir: string): Ledger {
  const db = new Database(join(dataDir, 'business.db'), { readonly: true })
  try {
    const wallets = db
      .prepare(
        'SELECT COALESCE(SUM(granted),0) AS granted, COALESCE(SUM(balance),0) AS balances FROM gift_wallets',
      )
      .get() as { granted: number; balances: number }
    const orders = db
      .prepare('SELECT COALESCE(SUM(amount),0) AS spent, COUNT(*) AS rows FROM gift_orders')
      .get() as { spent: number; rows: number }
    const combos = db
      .prepare('SELECT COALESCE(SUM(messages),0) AS messages, COUNT(*) AS combos FROM gift_combos')
      .get() as { messages: number; combos: number }
    return { ...wallets, ...orders, ...combos }
  } finally {
    db.close()
  }
}

async function run(
  withStorm: boolean,
  viewers: number,
  rate: number,
  seconds: number,
): Promise<{ chat: LoadResult; storm?: StormReport; ledger?: Ledger }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-gifts-'))
  const room = await startLiveRoom({ dataDir, business: { onlineCount: false } })
  const groupId = room.defaultRoomId
  const members: Member[] = Array.from({ length: 20 }, (_, i) => {
    const userId = `v_chat${String(i).padStart(3, '0')}`
    return { userId, userSig: room.signUserSig(userId), groupId }
  })
  // The anchor chatting at Normal: 10 messages a second, a quarter of the room's 40/s.
  const senders: Sender[] = [
    { userId: room.ownerId, userSig: room.signUserSig(room.ownerId), groupId, rate: 10 },
  ]
  try {
    const gifts = withStorm ? storm(room, viewers, rate, seconds) : undefined
    const chat = await runLoad({
      mode: 'livedesk',
      url: room.wsUrl,
      sdkAppId: room.sdkAppId,
      members,
      senders,
      seconds,
    })
    const report = await gifts
    // Combos end 3 s after their last click; let them, and the bookkeeping, finish.
    if (report) await new Promise((resolve) => setTimeout(resolve, 4000))
    await room.close()
    return { chat, ...(report ? { storm: report, ledger: readLedger(dataDir) } : {}) }
  } finally {
    await room.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function benchGiftStorm(
  seconds = benchSeconds(60),
  viewers = Number(process.env.BENCH_GIFT_VIEWERS) || 500,
  rate = 5,
): Promise<BenchResult> {
  const stormy = await run(true, viewers, rate, seconds)
  const calm = await run(false, viewers, rate, seconds)
  const s = stormy.storm as StormReport
  const l = stormy.ledger as Ledger
  const clicks = l.rows
  if (s.failures)
    console.log(`gift storm: refused or unanswered by code: ${JSON.stringify(s.refusals)}`)
  return {
    name: `gift storm: ${viewers} viewers × ${rate} gifts/s for ${seconds}s, 2% retried, beside 10 chat msg/s to 20 members (baseline: the chat alone)`,
    rows: [
      {
        metric: 'orders offered',
        value: s.orders,
        baseline: 0,
        goal: `${viewers * rate * seconds}`,
      },
      {
        metric: 'orders per second served',
        value: s.orders / (s.elapsedMs / 1000),
        baseline: 0,
        goal: `${viewers * rate}`,
      },
      { metric: 'retries (same order id)', value: s.retries, baseline: 0, goal: '≈ 2%' },
      { metric: 'orders refused or unanswered', value: s.failures, baseline: 0, goal: '0' },
      { metric: 'double charges', value: s.doubleCharged, baseline: 0, goal: '0' },
      {
        metric: 'ledger orders − orders answered charged',
        value: l.rows - s.charged,
        baseline: 0,
        goal: '0',
      },
      {
        metric: 'granted − spent − balances (coins)',
        value: l.granted - l.spent - l.balances,
        baseline: 0,
        goal: '0',
      },
      { metric: 'room messages', value: l.messages, baseline: 0, goal: '—' },
      { metric: 'combos', value: l.combos, baseline: 0, goal: '—' },
      {
        metric: 'room messages per click',
        value: l.messages / clicks,
        baseline: 1,
        goal: `≤ ${(1 / 20 + l.combos / clicks).toFixed(3)} (1/20 + combos/clicks)`,
      },
      {
        metric: 'order latency p50 (ms)',
        value: percentile(s.latencies, 50),
        baseline: 0,
        goal: '—',
      },
      {
        metric: 'order latency p99 (ms)',
        value: percentile(s.latencies, 99),
        baseline: 0,
        goal: '< 100',
      },
      {
        metric: 'chat delivered (of offered)',
        value: stormy.chat.admitted / stormy.chat.offered,
        baseline: calm.chat.admitted / calm.chat.offered,
        goal: '—',
      },
      {
        metric: 'chat delivery latency p50 (ms)',
        value: p(stormy.chat, 50),
        baseline: p(calm.chat, 50),
        goal: '—',
      },
      {
        metric: 'chat delivery latency p99 (ms)',
        value: p(stormy.chat, 99),
        baseline: p(calm.chat, 99),
        goal: '—',
      },
    ],
  }
}
