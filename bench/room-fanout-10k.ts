import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { startLiveRoom } from '../src-main/liveroom'
import { startBareRoom } from './bare-room'
import { benchSeconds, heapAfterGcMiB, type Member, type Sender } from './room-load'
import { type BenchResult, type BenchRow, percentile } from './stats'

const rate = 40
/** One in this many viewers parses every frame and records latency; the rest count. */
const fullEvery = 50

function viewerCount(): number {
  const value = Number(process.env.BENCH_VIEWERS)
  return value > 0 ? Math.floor(value) : 10_000
}

interface ChildMessage {
  type: string
  message?: string
}

/** A child process of clients (fanout-clients.mjs), spoken to over IPC. */
class ClientProcess {
  private readonly child: ChildProcess
  private readonly inbox: ChildMessage[] = []
  private readonly waiting: ((message: ChildMessage) => void)[] = []

  constructor() {
    this.child = fork(join(__dirname, 'fanout-clients.mjs'), [], {
      serialization: 'advanced',
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const deliver = (message: ChildMessage) => {
      const waiter = this.waiting.shift()
      if (waiter) waiter(message)
      else this.inbox.push(message)
    }
    this.child.on('message', deliver)
    this.child.on('exit', (code) => deliver({ type: 'failed', message: `exited with ${code}` }))
  }

  async next<T>(type: string): Promise<T> {
    const message =
      this.inbox.shift() ??
      (await new Promise<ChildMessage>((resolve) => this.waiting.push(resolve)))
    if (message.type !== type) throw new Error(`client process: ${JSON.stringify(message)}`)
    return message as T
  }

  post(command: object): void {
    this.child.send(command)
  }

  stop(): void {
    this.child.removeAllListeners('exit')
    this.child.kill()
  }
}

interface ViewerReport {
  latencies: Float64Array
  unique: Uint32Array
  union: Uint8Array
  duplicates: number
  utilization: number
  unexpectedCloses: number
  closeCodes: Record<string, number>
}
interface SenderReport {
  admittedAt: Float64Array
  echoedAt: Float64Array
  failedAcks: Record<string, number>
  unexpectedCloses: number
}

interface FanoutResult {
  setupMs: number
  /** Server memory for the seated, idle viewers, per viewer, KB. */
  rssPerViewerKb: number
  heapPerViewerKb: number
  offered: number
  admitted: number
  lost: number
  duplicates: number
  latencies: Float64Array
  loopDelayP99: number
  serverBusy: number
  clientsBusy: number
  unexpectedCloses: number
  closeCodes: Record<string, number>
}

/** The server's memory after a full collection: RSS and the JS heap with buffers, MiB. */
function memoryMiB(): { rss: number; heap: number } {
  const heap = heapAfterGcMiB()
  const usage = process.memoryUsage()
  return { rss: usage.rss / 2 ** 20, heap: heap + usage.external / 2 ** 20 }
}

const settle = async (
  processes: ClientProcess[],
  quietMs: number,
  maxMs: number,
  expected?: number,
) => {
  for (const p of processes) p.post({ type: 'settle', quietMs, maxMs, expected })
  for (const p of processes) await p.next('settled')
}

/**
 * Seats the viewers (split over `processes` child processes) and the sender, measures the
 * server's memory per idle viewer, offers the load for `seconds`, waits for the tail, and works
 * out what was admitted and what each viewer missed.
 */
export async function runFanout(plan: {
  mode: 'livedesk' | 'bare'
  url: string
  sdkAppId?: number
  members: Member[]
  sender: Sender
  seconds: number
  processes: number
}): Promise<FanoutResult> {
  const maxId = Math.ceil(plan.sender.rate * plan.seconds) + 1
  const common = { mode: plan.mode, url: plan.url, sdkAppId: plan.sdkAppId, maxId, fullEvery }
  const shares = Array.from({ length: plan.processes }, (_, p) =>
    plan.members.filter((_, i) => i % plan.processes === p),
  )
  const viewers = shares.map(() => new ClientProcess())
  const sender = new ClientProcess()
  const all = [...viewers, sender]
  try {
    const before = memoryMiB()
    const setupStart = performance.now()
    viewers.forEach((p, i) =>
      p.post({ type: 'connect', role: 'viewers', members: shares[i], ...common }),
    )
    for (const p of viewers) await p.next('ready')
    const setupMs = performance.now() - setupStart
    sender.post({ type: 'connect', role: 'sender', sender: plan.sender, ...common })
    await sender.next('ready')
    // The joins' membership notices drain before anything is measured.
    await settle(viewers, 1500, 60_000)
    const seated = memoryMiB()

    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    const busySince = performance.eventLoopUtilization()
    for (const p of viewers) p.post({ type: 'mark' })
    for (const p of viewers) await p.next('marked')
    sender.post({ type: 'start', seconds: plan.seconds })
    const { offered } = await sender.next<{ offered: number }>('offered')
    // The tail: until every viewer has every message offered (any the frequency control shed
    // never come: then 10 s without a frame ends it), or 5 minutes (what a baseline that far
    // behind has not delivered by then counts as lost).
    await settle(viewers, 10_000, 300_000, offered)
    loop.disable()
    const serverBusy = performance.eventLoopUtilization(busySince).utilization

    for (const p of all) p.post({ type: 'report' })
    const reports: ViewerReport[] = []
    for (const p of viewers) reports.push(await p.next<ViewerReport>('report'))
    const sent = await sender.next<SenderReport>('report')

    let admitted = 0
    const union = new Uint8Array(maxId + 1)
    for (const report of reports) report.union.forEach((b, id) => (union[id] ||= b))
    // Admitted: delivered to the sender or to anyone. Not the ack: a message the frequency
    // control sheds is acknowledged with code 0 all the same (Tencent's rule).
    for (let id = 1; id <= offered; id++) if (sent.echoedAt[id] || union[id]) admitted++
    let lost = 0
    for (const report of reports) for (const unique of report.unique) lost += admitted - unique
    const latencies = Float64Array.from(reports.flatMap((r) => [...r.latencies])).sort()
    const closeCodes: Record<string, number> = {}
    for (const report of reports) {
      for (const [code, n] of Object.entries(report.closeCodes)) {
        closeCodes[code] = (closeCodes[code] ?? 0) + n
      }
    }
    const viewersCount = plan.members.length
    return {
      setupMs,
      rssPerViewerKb: ((seated.rss - before.rss) * 1024) / viewersCount,
      heapPerViewerKb: ((seated.heap - before.heap) * 1024) / viewersCount,
      offered,
      admitted,
      lost,
      duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
      latencies,
      loopDelayP99: loop.percentile(99) / 1e6,
      serverBusy: serverBusy * 100,
      clientsBusy: (reports.reduce((n, r) => n + r.utilization, 0) / reports.length) * 100,
      unexpectedCloses: reports.reduce((n, r) => n + r.unexpectedCloses, 0) + sent.unexpectedCloses,
      closeCodes,
    }
  } finally {
    for (const p of all) p.stop()
  }
}

/**
 * 10,000 viewers in one room (BENCH_VIEWERS to change it), the owner sending 40 messages/s (the
 * cap), viewers in child processes (two, at most 20,000 descriptors each here), beside the bare
 * `ws` broadcast under the same clients. Issue 10's goal: p95 < 1 s, nothing lost, ≤ 20 KB of
 * server memory per idle viewer.
 */
export async function benchRoomFanout10k(seconds = benchSeconds(60)): Promise<BenchResult> {
  const viewers = viewerCount()
  const processes = Math.max(1, Math.ceil(viewers / 5000))
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-fanout10k-'))
  // What the room itself cut off, by cause: a client closes nothing here until the report, and
  // one that is far behind learns of its close too late to count it.
  const dropped = { slowConsumer: 0, TimeOut: 0 }
  const room = await startLiveRoom({
    dataDir,
    // Every client is 127.0.0.1: the per-address connection cap would refuse all but 64.
    maxConnectionsPerAddress: 0,
    log: (line) => {
      if (line.includes('(4007)')) dropped.slowConsumer++
    },
  })
  room.onCallback('State.StateChange', (body) => {
    if (body.Info.Reason === 'TimeOut') dropped.TimeOut++
  })
  const groupId = room.defaultRoomId
  const members: Member[] = Array.from({ length: viewers }, (_, i) => {
    const userId = `v_big${String(i).padStart(5, '0')}`
    return { userId, userSig: room.signUserSig(userId), groupId }
  })
  const sender: Sender = {
    userId: room.ownerId,
    userSig: room.signUserSig(room.ownerId),
    groupId,
    rate,
  }
  let live: FanoutResult
  try {
    live = await runFanout({
      mode: 'livedesk',
      url: room.wsUrl,
      sdkAppId: room.sdkAppId,
      members,
      sender,
      seconds,
      processes,
    })
  } finally {
    await room.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const serverDropped = { ...dropped }
  const summary = (label: string, r: FanoutResult) =>
    console.error(
      `${label}: p50 ${percentile(r.latencies, 50).toFixed(0)} ms, p95 ${percentile(r.latencies, 95).toFixed(0)} ms, lost ${r.lost}, seat ${(r.setupMs / 1000).toFixed(1)} s`,
    )
  summary('room-fanout-10k LiveDesk', live)
  console.error(
    `room-fanout-10k LiveDesk: the room dropped ${serverDropped.slowConsumer} slow consumers (4007), ${serverDropped.TimeOut} heartbeat timeouts`,
  )
  const bareRoom = await startBareRoom()
  let bare: FanoutResult
  try {
    bare = await runFanout({ mode: 'bare', url: bareRoom.url, members, sender, seconds, processes })
  } finally {
    await bareRoom.close()
  }
  summary('room-fanout-10k baseline', bare)

  const row = (metric: string, value: number, baseline: number, goal = '—'): BenchRow => ({
    metric,
    value,
    baseline,
    goal,
  })
  const p = (r: FanoutResult, q: number) => percentile(r.latencies, q)
  const codes = (r: FanoutResult) =>
    Object.entries(r.closeCodes)
      .map(([code, n]) => `${code}×${n}`)
      .join(' ')
  if (live.unexpectedCloses || bare.unexpectedCloses) {
    console.log(`close codes: LiveDesk ${codes(live) || '—'}; baseline ${codes(bare) || '—'}`)
  }
  return {
    name: `room fan-out, ${viewers} viewers in one room, ${rate} msg/s offered for ${seconds}s, clients in ${processes} processes, latency from 1 in ${fullEvery} (baseline: bare ws broadcast, a frame per message)`,
    rows: [
      row('delivery latency p50 (ms)', p(live, 50), p(bare, 50)),
      row('delivery latency p95 (ms)', p(live, 95), p(bare, 95), '< 1000'),
      row('delivery latency p99 (ms)', p(live, 99), p(bare, 99)),
      row('deliveries lost', live.lost, bare.lost, '0'),
      row('messages offered', live.offered, bare.offered),
      row('messages admitted', live.admitted, bare.admitted, '= offered (at the cap)'),
      row('duplicate deliveries', live.duplicates, bare.duplicates, '0'),
      row(
        'connections dropped (seen by the clients)',
        live.unexpectedCloses,
        bare.unexpectedCloses,
        '0',
      ),
      row('connections the room cut off: slow consumer (4007)', serverDropped.slowConsumer, 0, '0'),
      row('connections the room cut off: heartbeat timeout', serverDropped.TimeOut, 0, '0'),
      row(`seat ${viewers} viewers (s)`, live.setupMs / 1000, bare.setupMs / 1000),
      row(
        'server memory per idle viewer, RSS (KB)',
        live.rssPerViewerKb,
        bare.rssPerViewerKb,
        '≤ 20',
      ),
      row(
        'server memory per idle viewer, heap + buffers (KB)',
        live.heapPerViewerKb,
        bare.heapPerViewerKb,
      ),
      row('server event-loop delay p99 (ms)', live.loopDelayP99, bare.loopDelayP99),
      row('server event loop busy (%)', live.serverBusy, bare.serverBusy),
      row('client processes busy, mean (%)', live.clientsBusy, bare.clientsBusy),
    ],
  }
}
