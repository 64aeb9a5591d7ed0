import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLiveRoom } from '../src-main/liveroom'
import { startBareRoom } from './bare-room'
import { benchSeconds, type Member, p, runLoad, type Sender } from './room-load'
import type { BenchResult } from './stats'

const clients = 1000
const rate = 40

/**
 * One room at its cap: 1,000 viewers, the owner sending 40 messages/s (Tencent's default group
 * frequency limit, so nothing should be shed and every viewer should get every message).
 */
export async function benchRoomFanout(seconds = benchSeconds(60)): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-fanout-'))
  const room = await startLiveRoom({ dataDir })
  const groupId = room.defaultRoomId
  const members: Member[] = Array.from({ length: clients }, (_, i) => {
    const userId = `v_bench${String(i).padStart(5, '0')}`
    return { userId, userSig: room.signUserSig(userId), groupId }
  })
  const senders: Sender[] = [
    { userId: room.ownerId, userSig: room.signUserSig(room.ownerId), groupId, rate },
  ]
  let live
  try {
    live = await runLoad({
      mode: 'livedesk',
      url: room.wsUrl,
      sdkAppId: room.sdkAppId,
      members,
      senders,
      seconds,
    })
  } finally {
    await room.close()
    rmSync(dataDir, { recursive: true, force: true })
  }

  const bareRoom = await startBareRoom()
  let bare
  try {
    bare = await runLoad({ mode: 'bare', url: bareRoom.url, members, senders, seconds })
  } finally {
    await bareRoom.close()
  }

  return {
    name: `room fan-out: ${clients} clients in one room, ${rate} msg/s offered for ${seconds}s (baseline: bare ws broadcast)`,
    rows: [
      { metric: 'delivery latency p50 (ms)', value: p(live, 50), baseline: p(bare, 50), goal: '—' },
      {
        metric: 'delivery latency p95 (ms)',
        value: p(live, 95),
        baseline: p(bare, 95),
        goal: '< 100',
      },
      { metric: 'delivery latency p99 (ms)', value: p(live, 99), baseline: p(bare, 99), goal: '—' },
      { metric: 'deliveries lost', value: live.lost, baseline: bare.lost, goal: '0' },
      { metric: 'messages offered', value: live.offered, baseline: bare.offered, goal: '—' },
      {
        metric: 'messages admitted',
        value: live.admitted,
        baseline: bare.admitted,
        goal: '= offered (at the cap)',
      },
      {
        metric: 'connections dropped',
        value: live.unexpectedCloses,
        baseline: bare.unexpectedCloses,
        goal: '0',
      },
      {
        metric: `log in and join ${clients} clients (s)`,
        value: live.setupMs / 1000,
        baseline: bare.setupMs / 1000,
        goal: '—',
      },
      {
        metric: 'server event-loop delay p99 (ms)',
        value: live.loopDelayP99,
        baseline: bare.loopDelayP99,
        goal: '—',
      },
      {
        metric: 'server event loop busy (%)',
        value: live.serverBusy,
        baseline: bare.serverBusy,
        goal: '—',
      },
      {
        metric: 'client worker busy (%; near 100: the clients set the pace)',
        value: live.clientsBusy,
        baseline: bare.clientsBusy,
        goal: '—',
      },
    ],
  }
}
