import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src-main/common/sqlite'
import { openBusinessStore } from '../../../../../src-main/liveroom/business/business-store'
import {
  listRoomStates,
  readRoomState,
  writeDroppedAt,
  writeRoomState,
} from '../../../../../src-main/liveroom/business/room-state/room-state-store'
import type { RoomState } from '../../../../../src-shared/protocol/room-state'

let db: Db | undefined
afterEach(() => db?.close())

const live: RoomState = {
  state: 'live',
  showId: 'show1',
  since: 1000,
  scheduledAt: null,
  replayUrl: null,
  startedAt: 1000,
  endedAt: null,
  title: '',
  cause: null,
  endsAt: null,
}

describe('business database migration 0200 (room states)', () => {
  it('creates strict room_states and room_state_changes in the 200 range', () => {
    db = openBusinessStore(':memory:')
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(200)
    expect(() =>
      db!.prepare("INSERT INTO room_states VALUES ('g', '{}', 'soon', 1)").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
    expect(() =>
      db!
        .prepare(
          "INSERT INTO room_state_changes (group_id, state, show_id, at, operator) VALUES ('g', 'off', 's', 1, 'o')",
        )
        .run(),
    ).toThrow(/CHECK constraint/)
  })

  it('keeps the latest state per group, its drop time and every change', () => {
    db = openBusinessStore(':memory:')
    writeRoomState(db, 'main', live, null, 'owner')
    writeDroppedAt(db, 'main', 5000)
    writeRoomState(db, 'main', { ...live, state: 'paused', since: 15_000 }, 5000, 'stream')
    expect(readRoomState(db, 'main')).toEqual({
      groupId: 'main',
      state: { ...live, state: 'paused', since: 15_000 },
      droppedAt: 5000,
    })
    expect(listRoomStates(db)).toHaveLength(1)
    const changes = db.prepare('SELECT state, operator FROM room_state_changes ORDER BY id').all()
    expect(changes).toEqual([
      { state: 'live', operator: 'owner' },
      { state: 'paused', operator: 'stream' },
    ])
  })
})
