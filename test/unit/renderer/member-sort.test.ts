import { describe, expect, it } from 'vitest'
import type { RoomMember } from '../../../src-shared/contract'
import { sortMembers } from '../../../src-renderer/console/member-sort'

const member = (userId: string, nick: string, level?: number): RoomMember => ({
  userId,
  nick,
  role: 'Member',
  joinTime: 0,
  muteUntil: 0,
  banUntil: 0,
  online: true,
  ...(level !== undefined ? { level } : {}),
})

const list = [
  member('c', 'carol', 2),
  member('a', 'Ann', 5),
  member('x', 'xeno'),
  member('b', 'bob', 5),
]
const ids = (members: readonly RoomMember[]) => members.map((m) => m.userId)

describe('sortMembers', () => {
  it('keeps main’s order for Joined', () => {
    expect(sortMembers(list, 'joined')).toBe(list)
  })
  it('puts the highest level first, ties in main’s order, unknown levels last', () => {
    expect(ids(sortMembers(list, 'level'))).toEqual(['a', 'b', 'c', 'x'])
  })
  it('sorts by name without regard to case', () => {
    expect(ids(sortMembers(list, 'name'))).toEqual(['a', 'b', 'c', 'x'])
    expect(ids(sortMembers([member('1', 'bob'), member('2', 'Ann')], 'name'))).toEqual(['2', '1'])
  })
})
