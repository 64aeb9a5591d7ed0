import { describe, expect, it } from 'vitest'
import { OnlineCountMessage } from '../../../../src-shared/protocol/business-messages'
import { ErrorCode } from '../../../../src-shared/protocol/codes'
import type { CallbackBodies } from '../../../../src-main/common/im-callbacks'
import {
  OnlineCountPush,
  type OnlineCountOptions,
} from '../../../../src-main/liveroom/business/online-count/online-count-push'
import { manualClock } from '../../../support/manual-clock'
import { fakeRest, type FakeRest, type RestCall } from './fake-rest'

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function setup(options: OnlineCountOptions = {}, rest: FakeRest = fakeRest()) {
  const clock = manualClock()
  const log: string[] = []
  const push = new OnlineCountPush({ ...options, rest, clock, log: (line) => log.push(line) })
  const join = (groupId: string, ...users: string[]) =>
    push.after['Group.CallbackAfterNewMemberJoin']?.(
      {
        GroupId: groupId,
        Type: 'AVChatRoom',
        JoinType: 'Apply',
        Operator_Account: users[0] ?? '',
        NewMemberList: users.map((Member_Account) => ({ Member_Account })),
      },
      undefined,
    )
  const exit = (groupId: string, ...users: string[]) =>
    push.after['Group.CallbackAfterMemberExit']?.(
      {
        GroupId: groupId,
        Type: 'AVChatRoom',
        ExitType: 'Quit',
        Operator_Account: users[0] ?? '',
        ExitMemberList: users.map((Member_Account) => ({ Member_Account })),
      },
      undefined,
    )
  /** The counts pushed so far, from the messages' Data. */
  const pushed = (groupId?: string) =>
    rest
      .of('group_open_http_svc/send_group_msg')
      .filter((call) => groupId === undefined || call.body.GroupId === groupId)
      .map((call) => countIn(call))
  return { clock, log, push, join, exit, pushed, rest }
}

function countIn(call: RestCall): number {
  const [elem] = call.body.MsgBody as { MsgType: string; MsgContent: { Data: string } }[]
  return OnlineCountMessage.parse(JSON.parse(elem?.MsgContent.Data ?? '')).count
}

describe('online-count push', () => {
  it('reads the count from REST when a group is first seen, then pushes it at the period', async () => {
    const { clock, join, pushed, rest } = setup()
    rest.online = 7
    join('main', 'alice')
    expect(rest.of('group_open_http_svc/get_online_member_num')).toHaveLength(1)
    expect(rest.calls[0]?.body).toEqual({ GroupId: 'main' })
    await settle()
    expect(pushed()).toEqual([])
    await clock.advanceAsync(4999)
    expect(pushed()).toEqual([])
    await clock.advanceAsync(1)
    expect(pushed()).toEqual([7])
  })

  it('sends one online-only High custom message that the viewer and console can parse', async () => {
    const { clock, join, rest } = setup()
    rest.online = 1
    join('main', 'alice')
    await settle()
    await clock.advanceAsync(5000)
    const [send] = rest.of('group_open_http_svc/send_group_msg')
    expect(send?.body).toMatchObject({
      GroupId: 'main',
      MsgPriority: 'High',
      OnlineOnlyFlag: 1,
      ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'],
    })
    expect(send?.body.Random).toEqual(expect.any(Number))
    const [elem] = send?.body.MsgBody as { MsgType: string; MsgContent: { Data: string } }[]
    expect(elem?.MsgType).toBe('TIMCustomElem')
    expect(JSON.parse(elem?.MsgContent.Data ?? '')).toEqual({
      businessID: 'LiveDeskOnlineCount',
      version: 1,
      count: 1,
      time: clock.now(),
    })
  })

  it('counts joins and exits between periods and pushes only when the count changed', async () => {
    const { clock, join, exit, pushed, rest } = setup()
    rest.online = 1
    join('main', 'alice')
    await settle()
    await clock.advanceAsync(5000)
    join('main', 'bob', 'carol')
    await clock.advanceAsync(5000)
    await settle()
    expect(pushed()).toEqual([1, 3])
    // Unchanged for three periods: nothing sent.
    await clock.advanceAsync(15_000)
    await settle()
    expect(pushed()).toEqual([1, 3])
    // A join and an exit in one period cancel out.
    join('main', 'dave')
    exit('main', 'bob')
    await clock.advanceAsync(5000)
    await settle()
    expect(pushed()).toEqual([1, 3])
    exit('main', 'carol')
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([1, 3, 2])
  })

  it('pushes only a move of at least the threshold, measured from the last count told', async () => {
    const { clock, join, pushed, rest } = setup({ threshold: 3 })
    rest.online = 10
    join('main', 'u0')
    await settle()
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([10])
    join('main', 'u1', 'u2')
    await clock.advanceAsync(5000)
    await settle()
    expect(pushed()).toEqual([10])
    join('main', 'u3')
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([10, 13])
  })

  it('takes the period from its options', async () => {
    const { clock, join, pushed, rest } = setup({ periodMs: 1000 })
    rest.online = 2
    join('main', 'alice')
    await settle()
    await clock.advanceAsync(1000)
    expect(pushed()).toEqual([2])
  })

  it('corrects a drifted count at the resync period', async () => {
    const { clock, join, pushed, rest } = setup({ resyncMs: 30_000 })
    rest.online = 5
    join('main', 'alice')
    await settle()
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([5])
    // Three members left, but their exit callbacks were lost on the way.
    rest.online = 2
    await clock.advanceAsync(20_000)
    expect(pushed()).toEqual([5])
    expect(rest.of('group_open_http_svc/get_online_member_num')).toHaveLength(1)
    await clock.advanceAsync(10_000)
    expect(rest.of('group_open_http_svc/get_online_member_num')).toHaveLength(2)
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([5, 2])
  })

  it('adds the callbacks that arrive while a REST read is in flight to its answer', async () => {
    const rest = fakeRest(false)
    const { clock, join, pushed, push } = setup({}, rest)
    join('main', 'alice')
    join('main', 'bob')
    const [read] = rest.open()
    read?.answer({ OnlineMemberNum: 10 })
    await settle()
    expect(push.countOf('main')).toBe(11)
    await clock.advanceAsync(5000)
    rest.open()[0]?.answer()
    expect(pushed()).toEqual([11])
  })

  it('pushes nothing for a group until a REST read succeeded, and retries the read each period', async () => {
    const rest = fakeRest(false)
    const { clock, join, pushed, log } = setup({}, rest)
    join('main', 'alice')
    rest.open()[0]?.fail(60007, 'REST rate exceeded')
    await settle()
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([])
    expect(rest.of('group_open_http_svc/get_online_member_num')).toHaveLength(2)
    rest.open()[0]?.fail(60007, 'REST rate exceeded')
    await settle()
    expect(log.filter((line) => line.includes('reading the count of main failed'))).toHaveLength(1)
    await clock.advanceAsync(5000)
    rest.open()[0]?.answer({ OnlineMemberNum: 4 })
    await settle()
    expect(log.at(-1)).toMatch(/resync of main works again/)
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([4])
  })

  it('tries a failed push again at the next period', async () => {
    const rest = fakeRest(false)
    const { clock, join, pushed } = setup({}, rest)
    join('main', 'alice')
    rest.open()[0]?.answer({ OnlineMemberNum: 1 })
    await settle()
    await clock.advanceAsync(5000)
    rest.open()[0]?.fail(ErrorCode.internal)
    await settle()
    await clock.advanceAsync(5000)
    rest.open()[0]?.answer()
    await settle()
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([1, 1])
  })

  it('tells an empty room nothing, and tells the next joiner', async () => {
    const { clock, join, exit, pushed, rest, push } = setup()
    rest.online = 1
    join('main', 'alice')
    await settle()
    await clock.advanceAsync(5000)
    exit('main', 'alice')
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([1])
    // Nobody left and nothing to track: the group is forgotten until someone joins.
    expect(push.countOf('main')).toBeUndefined()
    join('main', 'bob')
    await settle()
    await clock.advanceAsync(5000)
    expect(pushed()).toEqual([1, 1])
  })

  it('keeps groups apart and ignores groups that are not AVChatRooms', async () => {
    const { clock, join, pushed, rest, push } = setup()
    rest.online = 1
    join('a', 'alice')
    join('b', 'bob')
    push.after['Group.CallbackAfterNewMemberJoin']?.(
      {
        GroupId: 'work',
        Type: 'Public',
        JoinType: 'Apply',
        Operator_Account: 'x',
        NewMemberList: [{ Member_Account: 'x' }],
      } satisfies CallbackBodies['Group.CallbackAfterNewMemberJoin'],
      undefined,
    )
    await settle()
    join('a', 'carol')
    await clock.advanceAsync(5000)
    expect(pushed('a')).toEqual([2])
    expect(pushed('b')).toEqual([1])
    expect(push.countOf('work')).toBeUndefined()
  })

  it('forgets a destroyed group, and one REST says no longer exists', async () => {
    const rest = fakeRest(false)
    const { clock, join, push, log } = setup({}, rest)
    join('gone', 'alice')
    rest.open()[0]?.fail(ErrorCode.groupNotFound, 'Group "gone" does not exist')
    await settle()
    expect(push.countOf('gone')).toBeUndefined()
    expect(log.at(-1)).toMatch(/group gone no longer exists/)
    join('main', 'bob')
    rest.open()[0]?.answer({ OnlineMemberNum: 1 })
    await settle()
    push.after['Group.CallbackAfterGroupDestroyed']?.(
      { GroupId: 'main', Type: 'AVChatRoom', Owner_Account: 'anchor', Name: 'x', MemberList: [] },
      undefined,
    )
    await clock.advanceAsync(5000)
    expect(rest.open()).toEqual([])
    expect(push.countOf('main')).toBeUndefined()
  })

  it('counts a member named twice in one callback once, and never below zero', async () => {
    const { join, exit, push, rest } = setup()
    rest.online = 0
    join('main', 'alice', 'alice')
    expect(push.countOf('main')).toBe(1)
    await settle()
    exit('main', 'alice')
    exit('main', 'bob')
    expect(push.countOf('main')).toBe(0)
  })

  it('stops its timer on close', async () => {
    const { clock, join, push, rest } = setup()
    rest.online = 3
    join('main', 'alice')
    await settle()
    expect(clock.pending()).toBe(1)
    push.close()
    expect(clock.pending()).toBe(0)
    await clock.advanceAsync(10_000)
    expect(rest.of('group_open_http_svc/send_group_msg')).toEqual([])
  })

  it('refuses options that are not positive integers', () => {
    const rest = fakeRest()
    const base = { rest, clock: manualClock(), log: () => {} }
    expect(() => new OnlineCountPush({ ...base, periodMs: 0 })).toThrow(/periodMs/)
    expect(() => new OnlineCountPush({ ...base, threshold: 1.5 })).toThrow(/threshold/)
    expect(() => new OnlineCountPush({ ...base, resyncMs: -1 })).toThrow(/resyncMs/)
  })
})
