import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, migrations } from '../../../../src-main/liveroom/store/migrations'

let db: Database.Database | undefined
afterEach(() => db?.close())

function open(upTo: number): Database.Database {
  db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, upTo)
  return db
}

function columns(d: Database.Database, table: string): string[] {
  return (d.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
}

describe('room database migrations', () => {
  it('are numbered in increasing order', () => {
    const versions = migrations.map((m) => m.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
  })

  it('0010 creates strict groups, group_admins and profiles', () => {
    const d = open(10)
    expect(d.pragma('user_version', { simple: true })).toBe(10)
    expect(columns(d, 'groups')).toEqual(['group_id', 'name', 'owner_id', 'created_at'])
    expect(columns(d, 'profiles')).toEqual(['user_id', 'nick', 'updated_at'])
    expect(() =>
      d.prepare("INSERT INTO groups VALUES ('g', 'n', 'o', 'not a number')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
    d.prepare("INSERT INTO groups VALUES ('g', 'n', 'o', 1)").run()
    d.prepare("INSERT INTO group_admins VALUES ('g', 'mod')").run()
    expect(() => d.prepare("INSERT INTO group_admins VALUES ('missing', 'mod')").run()).toThrow(
      /FOREIGN KEY/,
    )
  })

  it('0020 creates messages keyed by group and sequence, with a known priority', () => {
    const d = open(20)
    expect(d.pragma('user_version', { simple: true })).toBe(20)
    d.prepare("INSERT INTO groups VALUES ('g', 'n', 'o', 1)").run()
    const insert = d.prepare(
      'INSERT INTO messages (group_id, seq, msg_id, from_id, nick, time, priority, body_json, random) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    insert.run('g', 1, 'm1', 'a', 'A', 1, 'Normal', '[]', null)
    expect(() => insert.run('g', 1, 'm2', 'a', 'A', 1, 'Normal', '[]', null)).toThrow(/UNIQUE/)
    expect(() => insert.run('g', 2, 'm3', 'a', 'A', 1, 'Urgent', '[]', null)).toThrow(/CHECK/)
  })

  it('0030 creates mutes, one row per group member', () => {
    const d = open(30)
    expect(d.pragma('user_version', { simple: true })).toBe(30)
    d.prepare("INSERT INTO groups VALUES ('g', 'n', 'o', 1)").run()
    d.prepare("INSERT INTO mutes VALUES ('g', 'u', 100, 'o')").run()
    expect(() => d.prepare("INSERT INTO mutes VALUES ('g', 'u', 200, 'o')").run()).toThrow(/UNIQUE/)
  })

  it('0040 adds the group profile to existing groups with safe defaults', () => {
    const d = open(30)
    d.prepare("INSERT INTO groups VALUES ('g', 'n', 'o', 1234)").run()
    migrate(d, 40)
    expect(d.pragma('user_version', { simple: true })).toBe(40)
    expect(d.prepare("SELECT * FROM groups WHERE group_id = 'g'").get()).toEqual({
      group_id: 'g',
      name: 'n',
      owner_id: 'o',
      created_at: 1234,
      introduction: '',
      notification: '',
      face_url: '',
      mute_all: 0,
      app_defined_json: '[]',
      info_time: 1234,
    })
    expect(() => d.prepare("UPDATE groups SET mute_all = 2 WHERE group_id = 'g'").run()).toThrow(
      /CHECK/,
    )
  })

  it('0050 creates accounts, one row per user', () => {
    const d = open(50)
    d.prepare("INSERT INTO accounts VALUES ('u', '', 1)").run()
    expect(() => d.prepare("INSERT INTO accounts VALUES ('u', '', 2)").run()).toThrow(/UNIQUE/)
  })

  it('0060 keeps existing messages and adds CloudCustomData and isModified', () => {
    const d = open(50)
    d.prepare(
      "INSERT INTO groups (group_id, name, owner_id, created_at) VALUES ('g', 'n', 'o', 1)",
    ).run()
    d.prepare(
      "INSERT INTO messages (group_id, seq, msg_id, from_id, nick, time, priority, body_json, random) VALUES ('g', 1, 'm1', 'a', 'A', 1, 'Normal', '[]', NULL)",
    ).run()
    migrate(d, 60)
    expect(
      d.prepare("SELECT cloud_custom_data, is_modified FROM messages WHERE msg_id = 'm1'").get(),
    ).toEqual({
      cloud_custom_data: null,
      is_modified: 0,
    })
  })

  it('0070 creates bans, one row per group member, removed with the group', () => {
    const d = open(70)
    expect(d.pragma('user_version', { simple: true })).toBe(70)
    d.prepare(
      "INSERT INTO groups (group_id, name, owner_id, created_at) VALUES ('g', 'n', 'o', 1)",
    ).run()
    d.prepare("INSERT INTO bans VALUES ('g', 'u', 100, 'o', 'spam')").run()
    expect(() => d.prepare("INSERT INTO bans VALUES ('g', 'u', 200, 'o', '')").run()).toThrow(
      /UNIQUE/,
    )
    expect(() => d.prepare("INSERT INTO bans VALUES ('g', 'v', 'soon', 'o', '')").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
    d.prepare("DELETE FROM groups WHERE group_id = 'g'").run()
    expect(d.prepare('SELECT COUNT(*) AS n FROM bans').get()).toEqual({ n: 0 })
  })

  it('0080 keeps existing messages, not recalled', () => {
    const d = open(70)
    d.prepare(
      "INSERT INTO groups (group_id, name, owner_id, created_at) VALUES ('g', 'n', 'o', 1)",
    ).run()
    d.prepare(
      "INSERT INTO messages (group_id, seq, msg_id, from_id, nick, time, priority, body_json) VALUES ('g', 1, 'm1', 'a', 'A', 1, 'Normal', '[]')",
    ).run()
    migrate(d, 80)
    expect(d.prepare("SELECT recalled FROM messages WHERE msg_id = 'm1'").get()).toEqual({
      recalled: 0,
    })
    expect(() => d.prepare("UPDATE messages SET recalled = 2 WHERE msg_id = 'm1'").run()).toThrow(
      /CHECK/,
    )
  })

  it('0090 creates group attributes, one value per key, removed with the group', () => {
    const d = open(90)
    d.prepare(
      "INSERT INTO groups (group_id, name, owner_id, created_at) VALUES ('g', 'n', 'o', 1)",
    ).run()
    d.prepare("INSERT INTO group_attributes VALUES ('g', 'stage', 'live')").run()
    expect(() =>
      d.prepare("INSERT INTO group_attributes VALUES ('g', 'stage', 'off')").run(),
    ).toThrow(/UNIQUE/)
    expect(() =>
      d.prepare("INSERT INTO group_attributes VALUES ('missing', 'k', 'v')").run(),
    ).toThrow(/FOREIGN KEY/)
    d.prepare("DELETE FROM groups WHERE group_id = 'g'").run()
    expect(d.prepare('SELECT COUNT(*) AS n FROM group_attributes').get()).toEqual({ n: 0 })
  })

  it('0100 creates sign-outs, one time per user, keeping existing data', () => {
    const d = open(90)
    d.prepare("INSERT INTO accounts VALUES ('u', '', 1)").run()
    migrate(d, 100)
    expect(d.pragma('user_version', { simple: true })).toBe(100)
    expect(columns(d, 'sign_outs')).toEqual(['user_id', 'signed_out_at'])
    d.prepare("INSERT INTO sign_outs VALUES ('u', 1000)").run()
    expect(() => d.prepare("INSERT INTO sign_outs VALUES ('u', 2000)").run()).toThrow(/UNIQUE/)
    expect(() => d.prepare("INSERT INTO sign_outs VALUES ('v', 'now')").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
    expect(d.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 1 })
  })

  it('0110 creates viewer identities and address bans (removed with the group), keeping existing data', () => {
    const d = open(100)
    d.prepare(
      "INSERT INTO groups (group_id, name, owner_id, created_at) VALUES ('g', 'G', 'o', 1)",
    ).run()
    d.prepare("INSERT INTO profiles VALUES ('v_a', 'A', 1)").run()
    migrate(d, 110)
    expect(d.pragma('user_version', { simple: true })).toBe(110)
    expect(columns(d, 'viewer_identities')).toEqual([
      'user_id',
      'minted_at',
      'minted_address',
      'seen_at',
    ])
    expect(columns(d, 'address_bans')).toEqual(['group_id', 'address', 'banned_at', 'banned_until'])
    d.prepare("INSERT INTO viewer_identities VALUES ('v_a', 1, '127.0.0.1', 1)").run()
    expect(() =>
      d.prepare("INSERT INTO viewer_identities VALUES ('v_a', 2, '127.0.0.1', 2)").run(),
    ).toThrow(/UNIQUE/)
    d.prepare("INSERT INTO address_bans VALUES ('g', '127.0.0.1', 1, 2)").run()
    expect(() =>
      d.prepare("INSERT INTO address_bans VALUES ('missing', '127.0.0.1', 1, 2)").run(),
    ).toThrow(/FOREIGN KEY/)
    d.prepare("DELETE FROM groups WHERE group_id = 'g'").run()
    expect(d.prepare('SELECT COUNT(*) AS n FROM address_bans').get()).toEqual({ n: 0 })
    expect(d.prepare('SELECT COUNT(*) AS n FROM profiles').get()).toEqual({ n: 1 })
  })

  it('applies only the missing migrations and refuses a newer schema', () => {
    const d = open(10)
    expect(migrate(d)).toBe(migrations.at(-1)?.version)
    expect(migrate(d)).toBe(migrations.at(-1)?.version)
    d.pragma('user_version = 9999')
    expect(() => migrate(d)).toThrow(/newer than this build knows/)
  })
})
