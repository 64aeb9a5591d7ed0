import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src-main/common/sqlite'
import { openBusinessStore } from '../../../../../src-main/liveroom/business/business-store'
import {
  type AudienceRow,
  insertViewers,
  listShows,
  readShow,
  readViewers,
  writeShow,
} from '../../../../../src-main/liveroom/business/audience/audience-store'

let db: Db | undefined
afterEach(() => db?.close())

const applied = (d: Db) => d.prepare('SELECT version FROM schema_migrations').pluck().all()

const row = (fields: Partial<AudienceRow> = {}): AudienceRow => ({
  group_id: 'g',
  show_id: 's1',
  started_at: 1000,
  unique_count: 3,
  peak: 2,
  score: 12.5,
  score_at: 1500,
  messages: 4,
  likes: 7,
  gift_value: 520,
  updated_at: 1600,
  ...fields,
})

describe('business database migration 0260 (audience shows and viewers)', () => {
  it('creates strict tables in the 260 range', () => {
    db = openBusinessStore(':memory:')
    expect(applied(db)).toContain(260)
    expect(() =>
      db!.prepare("INSERT INTO audience_viewers VALUES ('g', 's', 'u', 'soon')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
  })

  it('keeps one row per show, updated in place, and each viewer of a show once', () => {
    db = openBusinessStore(':memory:')
    writeShow(db, row())
    writeShow(db, row({ unique_count: 5, peak: 4, score: 1, started_at: 9999 }))
    writeShow(db, row({ show_id: 's2', started_at: 2000 }))
    expect(readShow(db, 'g', 's1')).toMatchObject({ unique_count: 5, peak: 4, started_at: 1000 })
    expect(listShows(db, 'g').map((show) => show.show_id)).toEqual(['s2', 's1'])
    insertViewers(db, 'g', 's1', [
      { userId: 'ann', at: 1 },
      { userId: 'bob', at: 2 },
    ])
    insertViewers(db, 'g', 's1', [{ userId: 'ann', at: 3 }])
    insertViewers(db, 'g', 's2', [{ userId: 'ann', at: 4 }])
    expect(readViewers(db, 'g', 's1').sort()).toEqual(['ann', 'bob'])
    expect(readViewers(db, 'g', 's2')).toEqual(['ann'])
  })
})
