import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLiveRoom } from '../src-main/liveroom'
import {
  benchSeconds,
  createRoom,
  type Member,
  runLoad,
  type Sender,
  loadRows,
  runBaseline,
} from './room-load'
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
  // Every client is 127.0.0.1: the per-address connection cap would refuse all but 64.
  const room = await startLiveRoom({ dataDir, maxConnectionsPerAddress: 0 })
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

  const bare = await runBaseline(members, senders, seconds)
  const total = rooms * clientsPerRoom

  return {
    name: `room rooms: ${rooms} rooms × ${clientsPerRoom} clients, ${rate} msg/s offered in each for ${seconds}s (baseline: bare ws broadcast, ${rooms} groups)`,
    rows: loadRows(live, bare, { clients: total, admittedGoal: '= offered' }),
  }
}
