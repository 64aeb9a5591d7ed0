import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLiveRoom } from '../src-main/liveroom'
import { benchSeconds, type Member, runLoad, type Sender, loadRows, runBaseline } from './room-load'
import type { BenchResult } from './stats'

const clients = 1000
const rate = 40

/**
 * One room at its cap: 1,000 viewers, the owner sending 40 messages/s (Tencent's default group
 * frequency limit, so nothing should be shed and every viewer should get every message).
 */
export async function benchRoomFanout(seconds = benchSeconds(60)): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-bench-fanout-'))
  // Every client is 127.0.0.1: the per-address connection cap would refuse all but 64.
  const room = await startLiveRoom({ dataDir, maxConnectionsPerAddress: 0 })
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

  const bare = await runBaseline(members, senders, seconds)

  return {
    name: `room fan-out: ${clients} clients in one room, ${rate} msg/s offered for ${seconds}s (baseline: bare ws broadcast)`,
    rows: loadRows(live, bare, { clients, admittedGoal: '= offered (at the cap)' }),
  }
}
