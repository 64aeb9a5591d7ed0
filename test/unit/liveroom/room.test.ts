import { describe, expect, it } from 'vitest'
import type { Member, ProtocolVersion, ServerFrame } from '../../../src-shared/protocol/frames'
import type { ClientPort } from '../../../src-main/liveroom/client-port'
import { Room } from '../../../src-main/liveroom/room'
import type { GroupProfile } from '../../../src-main/liveroom/store'

const profile = { groupId: 'main', name: 'Main', ownerId: 'anchor' } as GroupProfile

class FakePort implements ClientPort {
  readonly texts: string[] = []
  sendText(text: string): void {
    this.texts.push(text)
  }
  close(): void {}
  frames(): ServerFrame[] {
    return this.texts.splice(0).map((text) => JSON.parse(text) as ServerFrame)
  }
}

const member = (userId: string): Member => ({ userId, nick: userId, role: 'Member', joinTime: 1 })

function seat(room: Room, userId: string, version: ProtocolVersion = 2): FakePort {
  const port = new FakePort()
  room.add(port, member(userId), version)
  return port
}

describe('Room.announceChanges', () => {
  it('sends one notice per member for many joins, and the count only where it changed', () => {
    const room = new Room(profile)
    const first = seat(room, 'first')
    room.announceChanges(40)
    first.frames()
    const joiners = Array.from({ length: 100 }, (_, i) => seat(room, `v_${i}`))
    room.announceChanges(40)

    const seen = first.frames()
    expect(seen.map((f) => f.type)).toEqual(['members-changed', 'online-count'])
    expect(seen[0]).toMatchObject({ joinedCount: 100, leftCount: 0 })
    expect(seen[0]?.type === 'members-changed' && seen[0].joined).toHaveLength(40)
    expect(seen[1]).toEqual({ type: 'online-count', groupId: 'main', count: 101 })
    // The last joiner's ack already said 101.
    expect(joiners[99]!.frames().map((f) => f.type)).toEqual(['members-changed'])
    expect(joiners[0]!.frames().map((f) => f.type)).toEqual(['members-changed', 'online-count'])
  })

  it('sends nothing when nothing changed, and no count when joins and leaves balance', () => {
    const room = new Room(profile)
    const first = seat(room, 'first')
    seat(room, 'second')
    room.announceChanges(40)
    first.frames()

    room.announceChanges(40)
    expect(first.texts).toEqual([])

    seat(room, 'third')
    room.remove('second')
    room.announceChanges(40)
    expect(first.frames()).toEqual([
      {
        type: 'members-changed',
        groupId: 'main',
        joined: [member('third')],
        left: ['second'],
        joinedCount: 1,
        leftCount: 1,
      },
    ])
  })

  it('speaks version 1 as member-left and member-joined frames, then the count', () => {
    const room = new Room(profile)
    const legacy = seat(room, 'legacy', 1)
    seat(room, 'gone')
    room.announceChanges(40)
    legacy.frames()
    room.remove('gone')
    seat(room, 'new')
    seat(room, 'newer')
    room.announceChanges(40)
    expect(legacy.frames()).toEqual([
      { type: 'member-left', groupId: 'main', userId: 'gone' },
      { type: 'member-joined', groupId: 'main', member: member('new') },
      { type: 'member-joined', groupId: 'main', member: member('newer') },
      { type: 'online-count', groupId: 'main', count: 3 },
    ])
  })
})
