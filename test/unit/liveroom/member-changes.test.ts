import { describe, expect, it } from 'vitest'
import type { Member } from '../../../src-shared/protocol/frames'
import { MemberChanges } from '../../../src-main/liveroom/member-changes'

const member = (userId: string, joinTime = 1): Member => ({
  userId,
  nick: userId,
  role: 'Member',
  joinTime,
})

describe('MemberChanges', () => {
  it('has nothing to tell before any change, or after a take', () => {
    const changes = new MemberChanges()
    expect(changes.take(40)).toBeUndefined()
    changes.joined(member('a'))
    expect(changes.take(40)).toBeDefined()
    expect(changes.take(40)).toBeUndefined()
  })

  it('lists joins and leaves in order, with their counts', () => {
    const changes = new MemberChanges()
    changes.joined(member('a'))
    changes.joined(member('b'))
    changes.left('x')
    changes.left('y')
    expect(changes.take(40)).toEqual({
      joined: [member('a'), member('b')],
      left: ['x', 'y'],
      joinedCount: 2,
      leftCount: 2,
    })
  })

  it('cancels a join and a leave of someone who was not there before', () => {
    const changes = new MemberChanges()
    changes.joined(member('visitor'))
    changes.left('visitor')
    expect(changes.take(40)).toBeUndefined()
  })

  it('reports a leave and a return as a join with the new membership', () => {
    const changes = new MemberChanges()
    changes.left('back')
    changes.joined(member('back', 2))
    expect(changes.take(40)).toEqual({
      joined: [member('back', 2)],
      left: [],
      joinedCount: 1,
      leftCount: 0,
    })
    changes.left('gone')
    changes.joined(member('gone', 3))
    changes.left('gone')
    expect(changes.take(40)).toEqual({ joined: [], left: ['gone'], joinedCount: 0, leftCount: 1 })
  })

  it('orders by each user’s latest change and keeps the latest when capped', () => {
    const changes = new MemberChanges()
    changes.left('a')
    for (const id of ['b', 'c', 'd']) changes.joined(member(id))
    changes.joined(member('a', 5))
    expect(changes.take(2)).toEqual({
      joined: [member('d'), member('a', 5)],
      left: [],
      joinedCount: 4,
      leftCount: 0,
    })
  })
})
