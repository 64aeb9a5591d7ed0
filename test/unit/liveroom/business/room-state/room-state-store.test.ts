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

/** The migrations the business database records as applied (migrateEach). */
const applied = (d: Db) => d.prepare('SELECT version FROM schema_migrations').pluck().all()

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
    expect(applied(db)).toContain(200)
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

describe('business database migrations 0210 (lotteries) and 0220 (level points)', () => {
  it('create strict tables for lotteries, their entries and the level days, one entry per user', () => {
    db = openBusinessStore(':memory:')
    expect(applied(db)).toEqual(expect.arrayContaining([210, 220]))
    db.prepare("INSERT INTO lotteries VALUES ('l1', 'main', '{}', 'seed', '[]', 1)").run()
    db.prepare("INSERT INTO lottery_entries VALUES ('l1', 'v1', 'v1', 1)").run()
    expect(() =>
      db!.prepare("INSERT INTO lottery_entries VALUES ('l1', 'v1', 'v1', 2)").run(),
    ).toThrow(/UNIQUE|PRIMARY KEY/)
    expect(() =>
      db!
        .prepare(
          "INSERT INTO level_days (group_id, user_id, day, messages) VALUES ('g', 'u', 'd', 'x')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
  })
})
