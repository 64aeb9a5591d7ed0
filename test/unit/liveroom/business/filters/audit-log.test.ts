import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { auditCsv, AUDIT_MERGE_MS } from '../../../../../src-shared/contract/audit'
import { migrate } from '../../../../../src-main/common/sqlite'
import { AuditLog } from '../../../../../src-main/liveroom/business/filters/audit-log'
import { filterMigrations } from '../../../../../src-main/liveroom/business/filters/filter-store'

let db: Database.Database | undefined
afterEach(() => db?.close())

function open(): AuditLog {
  db = new Database(':memory:')
  expect(migrate(db, filterMigrations, 'The business database', 302)).toBe(302)
  return new AuditLog(db)
}

const mute = { groupId: 'main', actor: 'mod1', target: 'v_troll', action: 'mute' as const }

describe('the audit log (migration 302)', () => {
  it('keeps an action with its duration, expiry and undo', () => {
    const log = open()
    log.record({ ...mute, reason: 'spam', durationSeconds: 60, message: 'buy now', at: 1000 })
    expect(log.entries('main')).toEqual([
      {
        id: 1,
        actor: 'mod1',
        target: 'v_troll',
        action: 'mute',
        reason: 'spam',
        durationSeconds: 60,
        expiresAt: 61_000,
        message: 'buy now',
        undo: 'unmute',
        count: 1,
        firstAt: 1000,
        lastAt: 1000,
      },
    ])
  })

  it('makes identical actions in a row one entry with a count', () => {
    const log = open()
    const entry = { ...mute, reason: '', durationSeconds: 60, message: '' }
    log.record({ ...entry, at: 1000 })
    log.record({ ...entry, at: 2000 })
    log.record({ ...entry, at: 2000 + AUDIT_MERGE_MS + 1 })
    log.record({ ...entry, target: 'v_other', at: 2000 + AUDIT_MERGE_MS + 2 })
    expect(log.entries('main').map((e) => [e.target, e.count])).toEqual([
      ['v_other', 1],
      ['v_troll', 1],
      ['v_troll', 2],
    ])
  })

  it('filters by actor, target and action, per room', () => {
    const log = open()
    const base = { reason: '', durationSeconds: 0, message: '', at: 1 }
    log.record({ ...base, ...mute })
    log.record({ ...base, ...mute, action: 'kick', actor: 'anchor' })
    log.record({ ...base, ...mute, groupId: 'other' })
    expect(log.entries('main', { action: 'kick' }).map((e) => e.actor)).toEqual(['anchor'])
    expect(log.entries('main', { actor: 'mod1' }).map((e) => e.action)).toEqual(['mute'])
    expect(log.entries('main', { target: 'nobody' })).toEqual([])
    expect(log.entries('other')).toHaveLength(1)
  })

  it('exports CSV a spreadsheet cannot mistake for formulas', () => {
    const log = open()
    log.record({ ...mute, reason: '=HYPERLINK("x")', durationSeconds: 0, message: 'a, "b"', at: 0 })
    const csv = auditCsv(log.entries('main'))
    expect(csv.split('\r\n')[0]).toBe(
      'id,firstAt,lastAt,count,actor,action,target,reason,durationSeconds,expiresAt,message',
    )
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
    expect(csv).toContain('"a, ""b"""')
  })
})
