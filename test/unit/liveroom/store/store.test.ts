import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WireMessage } from '../../../../src-shared/protocol/frames'
import { openStore, type Store } from '../../../../src-main/liveroom/store'

let dir: string
let store: Store | undefined
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-store-'))
})
afterEach(() => {
  store?.close()
  store = undefined
  fs.rmSync(dir, { recursive: true, force: true })
})

function message(seq: number, time: number, text = `m${seq}`): WireMessage {
  return {
    ID: `g-${seq}`,
    to: 'g',
    sequence: seq,
    from: 'alice',
    nick: 'Alice',
    time,
    priority: 'Normal',
    msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
  }
}

describe('room store', () => {
  it('uses WAL and keeps data when the file is reopened', () => {
    const file = path.join(dir, 'room.db')
    store = openStore(file)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    store.groups.create({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    store.profiles.setNick('alice', 'Alice', 1)
    store.messages.insert(message(1, 10), 77)
    store.mutes.set('g', 'bob', 5000, 'o')
    store.close()

    store = openStore(file)
    expect(store.groups.get('g')).toEqual({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    expect(store.profiles.nick('alice')).toBe('Alice')
    expect(store.messages.recent('g', 0, 20)).toEqual([message(1, 10)])
    expect(store.messages.lastSeq('g')).toBe(1)
    expect(store.mutes.muteUntil('g', 'bob')).toBe(5000)
  })

  it('answers recent history newest-limited, oldest first, within the window', () => {
    store = openStore(':memory:')
    store.groups.create({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    for (let seq = 1; seq <= 5; seq++) store.messages.insert(message(seq, seq * 100), undefined)
    expect(store.messages.recent('g', 200, 2).map((m) => m.sequence)).toEqual([4, 5])
    expect(store.messages.recent('g', 350, 20).map((m) => m.sequence)).toEqual([4, 5])
    expect(store.messages.lastSeq('other')).toBe(0)
  })

  it('finds a message by its sender and random within the window', () => {
    store = openStore(':memory:')
    store.groups.create({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    store.messages.insert(message(1, 1000), 9)
    expect(store.messages.findByRandom('g', 'alice', 9, 500)?.sequence).toBe(1)
    expect(store.messages.findByRandom('g', 'alice', 9, 1001)).toBeUndefined()
    expect(store.messages.findByRandom('g', 'bob', 9, 0)).toBeUndefined()
  })

  it('unmutes by removing the row and updates profiles in place', () => {
    store = openStore(':memory:')
    store.groups.create({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    store.mutes.set('g', 'bob', 5000, 'o')
    store.mutes.set('g', 'bob', 0, 'o')
    expect(store.mutes.muteUntil('g', 'bob')).toBe(0)
    store.profiles.setNick('bob', 'B1', 1)
    store.profiles.setNick('bob', 'B2', 2)
    expect(store.profiles.nick('bob')).toBe('B2')
    expect(store.groups.roleOf(store.groups.get('g')!, 'o')).toBe('Owner')
    store.groups.setAdmin('g', 'bob', true)
    expect(store.groups.roleOf(store.groups.get('g')!, 'bob')).toBe('Admin')
    store.groups.setAdmin('g', 'bob', false)
    expect(store.groups.roleOf(store.groups.get('g')!, 'bob')).toBe('Member')
  })

  it('lists bans that have not ended, a page at a time, and lifts them', () => {
    store = openStore(':memory:')
    store.groups.create({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    store.bans.setMany('g', ['c', 'a', 'b'], 5000, 'o', 'raid')
    store.bans.setMany('g', ['old'], 1000, 'o', '')
    expect(store.bans.active('g', 2000, 2, 0).map((b) => b.userId)).toEqual(['a', 'b'])
    expect(store.bans.active('g', 2000, 2, 2)).toEqual([{ userId: 'c', bannedUntil: 5000 }])
    store.bans.removeMany('g', ['a'])
    expect(store.bans.bannedUntil('g', 'a')).toBe(0)
    expect(store.bans.bannedUntil('g', 'b')).toBe(5000)
  })

  it('recalls a message once, keeping its sequence out of recent history', () => {
    store = openStore(':memory:')
    store.groups.create({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    for (let seq = 1; seq <= 3; seq++) store.messages.insert(message(seq, seq), undefined)
    expect(store.messages.recall('g', 2)).toBe('recalled')
    expect(store.messages.recall('g', 2)).toBe('already-recalled')
    expect(store.messages.recall('g', 9)).toBe('not-found')
    expect(store.messages.recent('g', 0, 20).map((m) => m.sequence)).toEqual([1, 3])
    expect(store.messages.upTo('g', 99, 20, true).map((m) => m.recalled)).toEqual([
      false,
      true,
      false,
    ])
    expect(store.messages.lastSeq('g')).toBe(3)
  })

  it('replaces group attributes as a whole', () => {
    store = openStore(':memory:')
    store.groups.create({ groupId: 'g', name: 'G', ownerId: 'o', createdAt: 1 })
    store.attributes.replace('g', { b: '2', a: '1' })
    expect(store.attributes.all('g')).toEqual({ a: '1', b: '2' })
    store.attributes.replace('g', { c: '' })
    expect(store.attributes.all('g')).toEqual({ c: '' })
  })
})
