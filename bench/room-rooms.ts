import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLiveRoom } from '../src-main/liveroom'
import { startBareRoom } from './bare-room'
import { benchSeconds, createRoom, type Member, p, runLoad, type Sender } from './room-load'
import type { BenchResult } from './stats'

const rooms = 10
const clientsPerRoom = 100
const rate = 10

/**
 * Ten rooms at once, 100 viewers each, every room's owner sending 10 messages/s: latency and loss
 * across all rooms. The nine extra rooms are created through the REST API, as an app would.
 */
export async function benchRoomRooms(seconds = benchSeconds(30)): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-rooms-'))
  const room = await startLiveRoom({ dataDir })
  const groups = [{ groupId: room.defaultRoomId, owner: room.ownerId }]
  for (let i = 1; i < rooms; i++) groups.push({ groupId: `bench_room_${i}`, owner: `host_${i}` })
  const members: Member[] = []
  const senders: Sender[] = []
  let live
  try {
    for (const { groupId, owner } of groups.slice(1)) await createRoom(room, groupId, owner)
    groups.forEach(({ groupId, owner }, g) => {
      for (let i = 0; i < clientsPerRoom; i++) {
        const userId = `v_bench${g}_${String(i).padStart(4, '0')}`
        members.push({ userId, userSig: room.signUserSig(userId), groupId })
      }
      senders.push({ userId: owner, userSig: room.signUserSig(owner), groupId, rate })
    })
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

  const total = rooms * clientsPerRoom
  return {
    name: `room rooms: ${rooms} rooms × ${clientsPerRoom} clients, ${rate} msg/s offered in each for ${seconds}s (baseline: bare ws broadcast, ${rooms} groups)`,
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
        goal: '= offered',
      },
      {
        metric: 'connections dropped',
        value: live.unexpectedCloses,
        baseline: bare.unexpectedCloses,
        goal: '0',
      },
      {
        metric: `log in and join ${total} clients (s)`,
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
