import { describe, expect, it } from 'vitest'
import { RoomRoles } from '../../../../../src-main/liveroom/business/filters/room-roles'
import { manualClock } from '../../../../support/manual-clock'
import { fakeRest, type FakeRest } from '../fake-rest'

const info = 'group_open_http_svc/get_group_info'
const admins = 'group_open_avchatroom_http_svc/get_admin_list'

/** Answers the open reads: the room `main`, owned by anchor, with `adminList` as its admins. */
async function answer(rest: FakeRest, adminList: string[] = ['mod']) {
  for (let round = 0; round < 2; round++) {
    await new Promise((resolve) => setImmediate(resolve))
    for (const call of rest.open()) {
      if (call.command === info) call.answer({ GroupInfo: [{ Owner_Account: 'anchor' }] })
      if (call.command === admins) {
        call.answer({ Admin_List: adminList.map((Admin_Account) => ({ Admin_Account })) })
      }
    }
  }
}

describe('RoomRoles', () => {
  it('makes one read for many callers at once, as the chat asks on every line', async () => {
    const rest = fakeRest(false)
    const roles = new RoomRoles(rest, manualClock())
    for (let i = 0; i < 50; i++) expect(roles.knownModerator('main', 'mod')).toBe(false)
    const asked = Promise.all([roles.roleOf('main', 'anchor'), roles.roleOf('main', 'mod')])
    await answer(rest)
    expect(await asked).toEqual(['owner', 'admin'])
    expect(rest.of(info)).toHaveLength(1)
    expect(rest.of(admins)).toHaveLength(1)
    expect(roles.knownModerator('main', 'mod')).toBe(true)
  })

  it('checks a refusal against a read at most a second old, once for everyone refused', async () => {
    const rest = fakeRest(false)
    const clock = manualClock()
    const roles = new RoomRoles(rest, clock)
    const first = roles.roleOf('main', 'viewer')
    await answer(rest, [])
    expect(await first).toBe('member')
    expect(rest.of(info)).toHaveLength(1)
    clock.advance(1500)
    // Made an admin meanwhile: the three refused callers share one new read, and it lets them in.
    const again = Promise.all([1, 2, 3].map(() => roles.roleOf('main', 'viewer')))
    await answer(rest, ['viewer'])
    expect(await again).toEqual(['admin', 'admin', 'admin'])
    expect(rest.of(info)).toHaveLength(2)
  })

  it('does not keep a read begun before forget()', async () => {
    const rest = fakeRest(false)
    const roles = new RoomRoles(rest, manualClock())
    const stale = roles.roleOf('main', 'mod')
    roles.forget('main')
    const fresh = roles.roleOf('main', 'mod')
    await answer(rest)
    expect(await stale).toBe('admin')
    expect(await fresh).toBe('admin')
    // Two reads: the one forgotten, and the one begun after; only the second is kept.
    expect(rest.of(info)).toHaveLength(2)
    expect(roles.knownModerator('main', 'mod')).toBe(true)
  })
})
