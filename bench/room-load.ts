import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Worker } from 'node:worker_threads'
import type { Priority } from '../src-shared/protocol/frames'
import type { LiveRoom } from '../src-main/liveroom'
import { startBareRoom } from './bare-room'
import { percentile, type BenchRow } from './stats'

/** A client of the room under test: a viewer who joins, or a sender who also offers messages. */
export interface Member {
  userId: string
  userSig: string
  groupId: string
}
export interface Sender extends Member {
  /** Messages per second offered. */
  rate: number
  /** Priorities used in turn (default: all Normal). */
  priorities?: Priority[]
}

export interface LoadPlan {
  mode: 'livedesk' | 'bare'
  url: string
  sdkAppId?: number
  members: Member[]
  senders: Sender[]
  seconds: number
  /** Runs in the server's thread just before the load starts and just after it has settled. */
  beforeLoad?: () => void
  afterLoad?: () => void
}

export interface LoadResult {
  /** Time to log in and join every member, ms. */
  setupMs: number
  offered: number
  admitted: number
  /** Deliveries a member should have received (admitted messages of its group) but did not. */
  lost: number
  duplicates: number
  /** Delivery latency, sender's send to the member's receipt, ms, ascending. */
  latencies: Float64Array
  /** Most admitted messages in one 1-s window of the server's message time. */
  maxPerServerSecond: number
  /** Most admitted messages reaching the sender in one 1-s window of its clock. */
  maxPerReceivedSecond: number
  offeredByPriority: Record<Priority, number>
  admittedByPriority: Record<Priority, number>
  /** Server event-loop delay during the load, ms. */
  loopDelayP99: number
  /** Share of the load's time the server's event loop and the members' worker were busy, %. */
  serverBusy: number
  clientsBusy: number
  /** Connections the server closed during the run, and acks with an error code. */
  unexpectedCloses: number
  failedAcks: Record<string, number>
}

const priorities: Priority[] = ['High', 'Normal', 'Low', 'Lowest']

interface ReceiverReport {
  latencies: Float64Array
  unique: Uint32Array
  union: Uint8Array
  duplicates: number
  utilization: number
  unexpectedCloses: number
}
interface SenderReport {
  senderOf: Int16Array
  priorityOf: Int8Array
  admittedAt: Float64Array
  echoedAt: Float64Array
  failedAcks: Record<string, number>
  unexpectedCloses: number
}

interface WorkerMessage {
  type: string
  message?: string
}

class ClientWorker {
  private readonly worker: Worker
  private readonly inbox: WorkerMessage[] = []
  private readonly waiting: ((message: WorkerMessage) => void)[] = []

  constructor(workerData: object) {
    this.worker = new Worker(join(__dirname, 'room-clients.mjs'), { workerData })
    const deliver = (message: WorkerMessage) => {
      const waiter = this.waiting.shift()
      if (waiter) waiter(message)
      else this.inbox.push(message)
    }
    this.worker.on('message', deliver)
    this.worker.on('error', (error) => deliver({ type: 'failed', message: error.message }))
  }

  /** The worker's next message; throws if it reports a failure. */
  async next<T>(type: string): Promise<T> {
    const message =
      this.inbox.shift() ??
      (await new Promise<WorkerMessage>((resolve) => this.waiting.push(resolve)))
    if (message.type !== type) throw new Error(`client worker: ${JSON.stringify(message)}`)
    return message as T
  }

  post(command: object): void {
    this.worker.postMessage(command)
  }

  terminate(): Promise<number> {
    return this.worker.terminate()
  }
}

function maxPerSecond(times: Iterable<number>): number {
  const counts = new Map<number, number>()
  for (const t of times)
    counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1)
  return Math.max(0, ...counts.values())
}

/**
 * Connects the members (one worker thread), then the senders (another), offers the senders' load
 * for `seconds`, waits for the tail to arrive, and works out what was admitted and what was lost.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const maxId = Math.ceil(plan.senders.reduce((sum, s) => sum + s.rate, 0) * plan.seconds) + 1
  const common = { mode: plan.mode, url: plan.url, sdkAppId: plan.sdkAppId, maxId }
  const receivers = new ClientWorker({ ...common, role: 'receivers', members: plan.members })
  const senders = new ClientWorker({ ...common, role: 'senders', senders: plan.senders })
  try {
    const { setupMs } = await receivers.next<{ setupMs: number }>('ready')
    await senders.next('ready')
    // Let the joins' membership notices (members-changed, online-count) drain before measuring:
    // the last one comes up to a notice interval (1 s) after the last join.
    receivers.post({ type: 'settle', quietMs: 1500, maxMs: 60_000 })
    await receivers.next('settled')

    plan.beforeLoad?.()
    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    const busySince = performance.eventLoopUtilization()
    receivers.post({ type: 'mark' })
    senders.post({ type: 'start', seconds: plan.seconds })
    const { offered } = await senders.next<{ offered: number }>('offered')
    // Waiting messages are admitted at the end of their window: allow a full window and then some.
    receivers.post({ type: 'settle', quietMs: 1500, maxMs: 15_000 })
    await receivers.next('settled')
    loop.disable()
    const serverBusy = performance.eventLoopUtilization(busySince).utilization
    plan.afterLoad?.()

    receivers.post({ type: 'report' })
    const got = await receivers.next<ReceiverReport>('report')
    senders.post({ type: 'report' })
    const sent = await senders.next<SenderReport>('report')

    const groupOfSender = plan.senders.map((s) => s.groupId)
    const admittedInGroup = new Map<string, number>()
    const offeredByPriority = { High: 0, Normal: 0, Low: 0, Lowest: 0 }
    const admittedByPriority = { High: 0, Normal: 0, Low: 0, Lowest: 0 }
    const serverTimes: number[] = []
    const echoTimes: number[] = []
    let admitted = 0
    for (let id = 1; id <= offered; id++) {
      const sender = sent.senderOf[id]!
      const priority = priorities[sent.priorityOf[id]!]!
      offeredByPriority[priority]++
      if (!sent.echoedAt[id] && !got.union[id]) continue
      admitted++
      admittedByPriority[priority]++
      const group = groupOfSender[sender]!
      admittedInGroup.set(group, (admittedInGroup.get(group) ?? 0) + 1)
      if (sent.echoedAt[id]) {
        serverTimes.push(sent.admittedAt[id]!)
        echoTimes.push(sent.echoedAt[id]!)
      }
    }
    let lost = 0
    plan.members.forEach((member, index) => {
      lost += (admittedInGroup.get(member.groupId) ?? 0) - got.unique[index]!
    })
    return {
      setupMs,
      offered,
      admitted,
      lost,
      duplicates: got.duplicates,
      latencies: got.latencies.sort(),
      maxPerServerSecond: maxPerSecond(serverTimes),
      maxPerReceivedSecond: maxPerSecond(echoTimes),
      offeredByPriority,
      admittedByPriority,
      loopDelayP99: loop.percentile(99) / 1e6,
      serverBusy: serverBusy * 100,
      clientsBusy: got.utilization * 100,
      unexpectedCloses: got.unexpectedCloses + sent.unexpectedCloses,
      failedAcks: sent.failedAcks,
    }
  } finally {
    await receivers.terminate()
    await senders.terminate()
  }
}

export const p = (result: LoadResult, q: number): number => percentile(result.latencies, q)

/** Creates an AVChatRoom through the REST API, signed for the room's App admin. */
export async function createRoom(room: LiveRoom, groupId: string, owner: string): Promise<void> {
  const identifier = room.adminIdentifiers[0]!
  const query = new URLSearchParams({
    sdkappid: String(room.sdkAppId),
    identifier,
    usersig: room.signUserSig(identifier),
    random: String(Math.floor(Math.random() * 4294967295)),
    contenttype: 'json',
  })
  const response = await fetch(`${room.httpUrl}/v4/group_open_http_svc/create_group?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      Type: 'AVChatRoom',
      GroupId: groupId,
      Name: groupId,
      Owner_Account: owner,
    }),
  })
  const answer = (await response.json()) as { ErrorCode: number; ErrorInfo: string }
  if (answer.ErrorCode !== 0) throw new Error(`create_group ${groupId}: ${answer.ErrorInfo}`)
}

/** The server thread's heap after a full collection, MiB (flat across a run means no leak). */
export function heapAfterGcMiB(): number {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
  return process.memoryUsage().heapUsed / 2 ** 20
}

/** Seconds from BENCH_SECONDS, else the benchmark's own default. */
export function benchSeconds(fallback: number): number {
  const value = Number(process.env.BENCH_SECONDS)
  return value > 0 ? value : fallback
}

/** The bare ws broadcast server under the same members, senders and duration. */
export async function runBaseline(
  members: Member[],
  senders: Sender[],
  seconds: number,
): Promise<LoadResult> {
  const bareRoom = await startBareRoom()
  try {
    return await runLoad({ mode: 'bare', url: bareRoom.url, members, senders, seconds })
  } finally {
    await bareRoom.close()
  }
}

/** The rows every room load benchmark reports, LiveDesk beside the bare baseline. */
export function loadRows(
  live: LoadResult,
  bare: LoadResult,
  options: { clients: number; admittedGoal: string },
): BenchRow[] {
  const row = (metric: string, value: number, baseline: number, goal = '—'): BenchRow => ({
    metric,
    value,
    baseline,
    goal,
  })
  return [
    row('delivery latency p50 (ms)', p(live, 50), p(bare, 50)),
    row('delivery latency p95 (ms)', p(live, 95), p(bare, 95), '< 100'),
    row('delivery latency p99 (ms)', p(live, 99), p(bare, 99)),
    row('deliveries lost', live.lost, bare.lost, '0'),
    row('messages offered', live.offered, bare.offered),
    row('messages admitted', live.admitted, bare.admitted, options.admittedGoal),
    row('connections dropped', live.unexpectedCloses, bare.unexpectedCloses, '0'),
    row(`log in and join ${options.clients} clients (s)`, live.setupMs / 1000, bare.setupMs / 1000),
    row('server event-loop delay p99 (ms)', live.loopDelayP99, bare.loopDelayP99),
    row('server event loop busy (%)', live.serverBusy, bare.serverBusy),
    row(
      'client worker busy (%; near 100: the clients set the pace)',
      live.clientsBusy,
      bare.clientsBusy,
    ),
  ]
}
