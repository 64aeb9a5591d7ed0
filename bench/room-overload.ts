import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Priority } from '../src-shared/protocol/frames'
import { startLiveRoom } from '../src-main/liveroom'
import {
  benchSeconds,
  heapAfterGcMiB,
  type LoadResult,
  type Member,
  p,
  runLoad,
  type Sender,
} from './room-load'
import type { BenchResult } from './stats'

const clients = 40
const rate = 160
const cap = 40
/** 10% High, 40% Normal, 50% Low, interleaved. */
const mix: Priority[] = [
  'High',
  'Low',
  'Normal',
  'Low',
  'Normal',
  'Low',
  'Normal',
  'Low',
  'Normal',
  'Low',
]

interface Run {
  load: LoadResult
  heapStart: number
  heapEnd: number
}

async function overload(maxMessagesPerSecond: number, seconds: number): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-overload-'))
  const room = await startLiveRoom({ dataDir, maxMessagesPerSecond, maxConnectionsPerAddress: 0 })
  const groupId = room.defaultRoomId
  const members: Member[] = Array.from({ length: clients }, (_, i) => {
    const userId = `v_bench${String(i).padStart(5, '0')}`
    return { userId, userSig: room.signUserSig(userId), groupId }
  })
  const senders: Sender[] = [
    {
      userId: room.ownerId,
      userSig: room.signUserSig(room.ownerId),
      groupId,
      rate,
      priorities: mix,
    },
  ]
  let heapStart = 0
  let heapEnd = 0
  try {
    const load = await runLoad({
      mode: 'livedesk',
      url: room.wsUrl,
      sdkAppId: room.sdkAppId,
      members,
      senders,
      seconds,
      beforeLoad: () => (heapStart = heapAfterGcMiB()),
      afterLoad: () => (heapEnd = heapAfterGcMiB()),
    })
    return { load, heapStart, heapEnd }
  } finally {
    await room.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const percent = (load: LoadResult, priority: Priority) =>
  load.offeredByPriority[priority]
    ? (100 * load.admittedByPriority[priority]) / load.offeredByPriority[priority]
    : NaN
const refused = (load: LoadResult) => Object.values(load.failedAcks).reduce((a, b) => a + b, 0)

/**
 * A room offered four times its cap (160 messages/s, mixed priorities) by its owner: the group's
 * frequency control must hold every 1-s window to 40, keep all High messages (16/s, under the
 * cap), and not grow memory. Baseline: the same load with the frequency control effectively off.
 */
export async function benchRoomOverload(seconds = benchSeconds(30)): Promise<BenchResult> {
  const live = await overload(cap, seconds)
  const open = await overload(1_000_000, seconds)
  const a = live.load
  const b = open.load
  return {
    name: `room overload: ${rate} msg/s offered (10% High, 40% Normal, 50% Low) to ${clients} clients for ${seconds}s, cap ${cap}/s (baseline: no cap)`,
    rows: [
      {
        metric: 'max admitted in a 1-s window (server time)',
        value: a.maxPerServerSecond,
        baseline: b.maxPerServerSecond,
        goal: `≤ ${cap}`,
      },
      {
        metric: 'max delivered in a 1-s window (client clock)',
        value: a.maxPerReceivedSecond,
        baseline: b.maxPerReceivedSecond,
        goal: '—',
      },
      {
        metric: 'High delivered (%)',
        value: percent(a, 'High'),
        baseline: percent(b, 'High'),
        goal: '100',
      },
      {
        metric: 'Normal delivered (%)',
        value: percent(a, 'Normal'),
        baseline: percent(b, 'Normal'),
        goal: '—',
      },
      {
        metric: 'Low delivered (%)',
        value: percent(a, 'Low'),
        baseline: percent(b, 'Low'),
        goal: '—',
      },
      { metric: 'messages offered', value: a.offered, baseline: b.offered, goal: '—' },
      { metric: 'messages delivered', value: a.admitted, baseline: b.admitted, goal: '—' },
      {
        metric: 'deliveries lost (admitted, not received)',
        value: a.lost,
        baseline: b.lost,
        goal: '0',
      },
      {
        metric: 'sends refused (ack code ≠ 0)',
        value: refused(a),
        baseline: refused(b),
        goal: '0',
      },
      { metric: 'delivery latency p50 (ms)', value: p(a, 50), baseline: p(b, 50), goal: '—' },
      {
        metric: 'delivery latency p99 (ms)',
        value: p(a, 99),
        baseline: p(b, 99),
        goal: '—',
      },
      {
        metric: 'server heap after GC, start (MiB)',
        value: live.heapStart,
        baseline: open.heapStart,
        goal: '—',
      },
      {
        metric: 'server heap after GC, end (MiB)',
        value: live.heapEnd,
        baseline: open.heapEnd,
        goal: '—',
      },
      {
        metric: 'server heap growth (MiB)',
        value: live.heapEnd - live.heapStart,
        baseline: open.heapEnd - open.heapStart,
        goal: 'flat (≈ 0)',
      },
    ],
  }
}
