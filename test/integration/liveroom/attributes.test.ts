import { describe, expect, it } from 'vitest'
import { ErrorCode, Limits } from '../../../src-shared/protocol/codes'
import { joinMain, rest, startTestRoom, testClock, type TestRoom } from './helpers'

const G = 'group_open_http_svc'
const ATTR = 'group_open_attr_http_svc'

describe('group attributes', () => {
  it('sets, modifies, deletes and clears, pushing the whole map to members', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const changed: { OptionType: string; GroupAttr: unknown }[] = []
    t.room.onCallback('Group.CallbackAfterGroupAttrChanged', (body) => changed.push(body))
    const { client: viewer } = await joinMain(t.room, 'v_one')

    const set = await rest(t, `${G}/set_group_attr`, {
      GroupId: 'main',
      GroupAttr: [
        { key: 'stage', value: 'live' },
        { key: 'pk', value: 'off' },
      ],
    })
    expect(set).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 })
    expect(await viewer.waitFor((f) => f.type === 'group-attributes-changed')).toEqual({
      type: 'group-attributes-changed',
      groupId: 'main',
      operatorId: 'administrator',
      groupAttributes: { pk: 'off', stage: 'live' },
    })
    await rest(t, `${G}/modify_group_attr`, {
      GroupId: 'main',
      GroupAttr: [{ key: 'pk', value: 'on' }],
    })
    await viewer.waitFor(
      (f) => f.type === 'group-attributes-changed' && f.groupAttributes.pk === 'on',
    )
    await rest(t, `${G}/delete_group_attr`, { GroupId: 'main', GroupAttr: [{ key: 'stage' }] })
    expect(await rest(t, `${ATTR}/get_group_attr`, { GroupId: 'main' })).toMatchObject({
      ErrorCode: 0,
      GroupAttrAry: [{ key: 'pk', value: 'on' }],
    })

    // A joiner gets the map in its snapshot; it survives a restart.
    await t.restart()
    const { ack } = await joinMain(t.room, 'v_two')
    expect(ack).toMatchObject({ data: { group: { groupAttributes: { pk: 'on' } } } })

    clock.advance(1000)
    expect((await rest(t, `${G}/clear_group_attr`, { GroupId: 'main' })).ErrorCode).toBe(0)
    expect((await rest(t, `${ATTR}/get_group_attr`, { GroupId: 'main' })).GroupAttrAry).toEqual([])
    expect(changed.map((c) => c.OptionType)).toEqual(['set', 'modify', 'delete'])
  })

  it('enforces 16 keys, 32-byte keys, 4 KB values and 16 KB in all, changing nothing', async () => {
    const t = await startTestRoom()
    const write = (items: { key: string; value: string }[]) =>
      rest(t as TestRoom, `${G}/modify_group_attr`, { GroupId: 'main', GroupAttr: items })
    const seventeen = Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
    const tooMany = await write(seventeen)
    expect(tooMany.ErrorCode).toBe(ErrorCode.invalidParameter)
    expect(tooMany.ErrorInfo).toMatch(/at most 16/)
    const longKey = await write([{ key: 'k'.repeat(33), value: 'v' }])
    expect(longKey).toMatchObject({ ErrorCode: ErrorCode.invalidParameter })
    expect(longKey.ErrorInfo).toMatch(/at most 32/)
    // A CJK character is 3 bytes: 11 of them (33 bytes) are one byte too many.
    expect((await write([{ key: '방'.repeat(11), value: 'v' }])).ErrorCode).toBe(
      ErrorCode.invalidParameter,
    )
    const big = await write([{ key: 'k', value: 'x'.repeat(Limits.maxGroupAttrBytes + 1) }])
    expect(big.ErrorCode).toBe(ErrorCode.invalidParameter)
    expect(big.ErrorInfo).toMatch(/4096/)
    // The key does not count against the value's 4 KB (it did before reference §12).
    const full = [{ key: 'k'.repeat(32), value: 'x'.repeat(Limits.maxGroupAttrBytes) }]
    expect((await write(full)).ErrorCode).toBe(0)
    const ok = Array.from({ length: 3 }, (_, i) => ({ key: `k${i}`, value: 'x'.repeat(4000) }))
    expect((await write(ok)).ErrorCode).toBe(0)
    const total = await write([{ key: 'k9', value: 'x'.repeat(300) }])
    expect(total.ErrorCode).toBe(ErrorCode.invalidParameter)
    expect(total.ErrorInfo).toMatch(/16384/)
    const attrs = (await rest(t, `${ATTR}/get_group_attr`, { GroupId: 'main' })).GroupAttrAry
    expect((attrs as { key: string }[]).map((a) => a.key).sort()).toEqual(
      ['k'.repeat(32), 'k0', 'k1', 'k2'].sort(),
    )
    expect((await rest(t, `${ATTR}/get_group_attr`, { GroupId: 'nope' })).ErrorCode).toBe(
      ErrorCode.groupNotFound,
    )
  })

  it('limits writes to 5 per second per group with 10049', async () => {
    const clock = testClock()
    const t = await startTestRoom({ now: clock.now })
    const write = (value: string) =>
      rest(t as TestRoom, `${G}/modify_group_attr`, {
        GroupId: 'main',
        GroupAttr: [{ key: 'n', value }],
      })
    // A refused write changes nothing, its share of the budget included.
    const refused = await rest(t, `${G}/modify_group_attr`, {
      GroupId: 'main',
      GroupAttr: [{ key: 'k'.repeat(33), value: '' }],
    })
    expect(refused.ErrorCode).toBe(ErrorCode.invalidParameter)
    for (let i = 0; i < 5; i++) expect((await write(String(i))).ErrorCode).toBe(0)
    expect((await write('6')).ErrorCode).toBe(ErrorCode.groupAttrRateLimit)
    clock.advance(1000)
    expect((await write('7')).ErrorCode).toBe(0)
  })
})
