import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../../../src-main/common/sqlite'
import { openBusinessStore } from '../../../../../src-main/liveroom/business/business-store'
import {
  readLevelRules,
  writeLevelRules,
} from '../../../../../src-main/liveroom/business/levels/level-rules-store'
import { defaultLevelRules } from '../../../../../src-shared/protocol/levels'

let db: Db | undefined
afterEach(() => db?.close())

describe('business database migration 0261 (level rules)', () => {
  it('keeps one room’s rules, replaced on save, and ignores a row that no longer passes the check', () => {
    db = openBusinessStore(':memory:')
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toContain(261)
    expect(readLevelRules(db, 'g')).toBeUndefined()
    writeLevelRules(db, 'g', defaultLevelRules, 1)
    const cheaper = { ...defaultLevelRules, thresholds: [1, 2] }
    writeLevelRules(db, 'g', cheaper, 2)
    expect(readLevelRules(db, 'g')).toEqual(cheaper)
    expect(readLevelRules(db, 'other')).toBeUndefined()
    db.prepare('UPDATE level_rules SET rules_json = \'{"thresholds":[]}\'').run()
    expect(readLevelRules(db, 'g')).toBeUndefined()
  })
})
