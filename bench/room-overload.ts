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
import { maxMessageCap } from '../src-shared/protocol/message-cap'

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
 * frequency control must hold the room to 40 a second (its bucket: at most 80 in any one second),
 * keep all High messages (16/s, under the cap), and not grow memory. Baseline: the same load with the frequency control effectively off.
 */
export async function benchRoomOverload(seconds = benchSeconds(30)): Promise<BenchResult> {
  const live = await overload(cap, seconds)
  // The highest cap a room takes: 62 times what is offered, so the control never engages.
  const open = await overload(maxMessageCap, seconds)
  const a = live.load
  const b = open.load
  return {
    name: `room overload: ${rate} msg/s offered (10% High, 40% Normal, 50% Low) to ${clients} clients for ${seconds}s, cap ${cap}/s (baseline: no cap)`,
    rows: [
      {
        metric: 'max admitted in a 1-s window (server time)',
        value: a.maxPerServerSecond,
        baseline: b.maxPerServerSecond,
        // A bucket of 40 refilled at 40/s (docs/protocol.md): any 1-s span admits at most 40 + 40,
        // and the long-run rate is the cap.
        goal: `≤ ${2 * cap}`,
      },
      {
        metric: 'admitted per second, over the run',
        value: Math.round((a.admitted / seconds) * 100) / 100,
        baseline: Math.round((b.admitted / seconds) * 100) / 100,
        goal: `≤ ${cap} (+ ${cap} / ${seconds} s)`,
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
