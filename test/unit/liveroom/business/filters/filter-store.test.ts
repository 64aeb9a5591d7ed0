import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../../src-main/common/sqlite'
import {
  filterMigrations,
  FilterStore,
} from '../../../../../src-main/liveroom/business/filters/filter-store'

let db: Database.Database | undefined
afterEach(() => db?.close())

function open(upTo: number): Database.Database {
  db = new Database(':memory:')
  migrate(db, filterMigrations, 'The business database', upTo)
  return db
}

describe('the filters migrations (business database, 300–399)', () => {
  it('stay in the moderation range, in order', () => {
    const versions = filterMigrations.map((m) => m.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(versions.every((v) => v >= 300 && v <= 399)).toBe(true)
  })

  it('300 keeps rules per room with their action and timeout policy', () => {
    expect(open(300).pragma('user_version', { simple: true })).toBe(300)
    expect(
      db!.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
    ).toEqual(['filter_rules'])
    db!.close()
    // The store's statements need the whole schema.
    const d = open(301)
    const store = new FilterStore(d)
    const rule = store.add({
      groupId: 'main',
      kind: 'term',
      pattern: 'spam',
      action: 'reject',
      onTimeout: 'allow',
      createdBy: 'anchor',
      createdAt: 5,
    })
    store.countHits(new Map([[rule.id, 3]]))
    expect(store.rules('main')).toEqual([{ ...rule, hits: 3 }])
    expect(store.rules('other')).toEqual([])
    expect(() =>
      d.prepare("UPDATE filter_rules SET action = 'explode' WHERE id = ?").run(rule.id),
    ).toThrow(/CHECK/)
    expect(store.remove('main', rule.id)).toBe(true)
    expect(store.remove('main', rule.id)).toBe(false)
  })

  it('301 keeps held messages whole, to deliver them late', () => {
    const d = open(301)
    const store = new FilterStore(d)
    const id = store.hold({
      groupId: 'main',
      fromAccount: 'v_ann',
      random: 7,
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'see evil.example.com' } }],
      cloudCustomData: undefined,
      ruleId: 1,
      heldAt: 9,
    })
    expect(d.prepare('SELECT * FROM held_messages WHERE id = ?').get(id)).toMatchObject({
      from_account: 'v_ann',
      msg_body: '[{"MsgType":"TIMTextElem","MsgContent":{"Text":"see evil.example.com"}}]',
      state: 'held',
    })
  })

  it('refuse a database newer than this build', () => {
    const d = open(301)
    d.pragma('user_version = 399')
    expect(() => migrate(d, filterMigrations, 'The business database')).toThrow(/newer/)
  })
})
