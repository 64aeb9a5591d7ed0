import { describe, expect, it } from 'vitest'
import type {
  AfterCommand,
  BeforeSendAnswer,
  CallbackBodies,
  SendMsgBody,
} from '../../../../src-main/common/im-callbacks'
import { BusinessHost } from '../../../../src-main/liveroom/business'
import type { BusinessCapability } from '../../../../src-main/liveroom/business/callback-port'
import { manualClock } from '../../../support/manual-clock'

const message: SendMsgBody = {
  GroupId: 'main',
  Type: 'AVChatRoom',
  From_Account: 'alice',
  Random: 1,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
  MsgId: 'm1',
}

const joined: CallbackBodies['Group.CallbackAfterNewMemberJoin'] = {
  GroupId: 'main',
  Type: 'AVChatRoom',
  JoinType: 'Apply',
  Operator_Account: 'alice',
  NewMemberList: [{ Member_Account: 'alice' }],
}

function host(capabilities: BusinessCapability[], beforeSendBudgetMs?: number) {
  const clock = manualClock()
  const log: string[] = []
  const business = new BusinessHost({
    capabilities,
    clock,
    log: (line) => log.push(line),
    beforeSendBudgetMs,
    verifyUserSig: () => false,
  })
  return { business, clock, log }
}

const capability = (parts: Partial<BusinessCapability>): BusinessCapability => ({
  name: 'test',
  close: () => {},
  ...parts,
})

const before = (business: BusinessHost, body: SendMsgBody = message) =>
  business.receive({ command: 'Group.CallbackBeforeSendMsg', body })

describe('business host', () => {
  it('hands after-callbacks to the capabilities that handle them, with the HTTP context', async () => {
    const seen: unknown[] = []
    const { business } = host([
      capability({
        after: {
          'Group.CallbackAfterNewMemberJoin': (body, context) => seen.push([body, context]),
        },
      }),
      capability({ after: {} }),
    ])
    const context = { clientIp: '10.0.0.1', platform: 'Web' as const }
    expect(
      await business.receive({
        command: 'Group.CallbackAfterNewMemberJoin',
        body: joined,
        context,
      }),
    ).toBeUndefined()
    expect(seen).toEqual([[joined, context]])
    expect(business.afterCommands).toEqual(['Group.CallbackAfterNewMemberJoin'])
    expect(business.handlesBeforeSend).toBe(false)
  })

  it('logs a handler that throws and still runs the others', async () => {
    const seen: string[] = []
    const { business, log } = host([
      capability({
        name: 'broken',
        after: {
          'Group.CallbackAfterNewMemberJoin': () => {
            throw new Error('boom')
          },
        },
      }),
      capability({ after: { 'Group.CallbackAfterNewMemberJoin': () => seen.push('second') } }),
    ])
    await business.receive({ command: 'Group.CallbackAfterNewMemberJoin', body: joined })
    expect(seen).toEqual(['second'])
    expect(log).toEqual(['business: broken failed on Group.CallbackAfterNewMemberJoin: boom'])
  })

  it('allows a message when no capability has a before-send rule', async () => {
    const { business } = host([capability({})])
    expect(await before(business)).toBeUndefined()
  })

  it('lets the first refusal win and hands each rule the message as the ones before left it', async () => {
    const bodies: unknown[] = []
    const rewritten = [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: '**' } }]
    const { business } = host([
      capability({
        beforeSend: (body) => {
          bodies.push(body.MsgBody)
          return { ErrorCode: 0, MsgBody: rewritten }
        },
      }),
      capability({
        beforeSend: (body) => {
          bodies.push(body.MsgBody)
          return { ErrorCode: 0, CloudCustomData: '{"level":3}' }
        },
      }),
    ])
    expect(await before(business)).toEqual({
      ErrorCode: 0,
      MsgBody: rewritten,
      CloudCustomData: '{"level":3}',
    })
    expect(bodies).toEqual([message.MsgBody, rewritten])

    const refused: BeforeSendAnswer = { ErrorCode: 10101, ErrorInfo: 'no links' }
    const later: string[] = []
    const { business: strict } = host([
      capability({ beforeSend: async () => refused }),
      capability({ beforeSend: () => void later.push('asked') }),
    ])
    expect(await before(strict)).toEqual(refused)
    expect(later).toEqual([])
  })

  it('allows the message in time when the rules are too slow, and says so', async () => {
    const { business, clock, log } = host(
      [capability({ beforeSend: () => new Promise<BeforeSendAnswer>(() => {}) })],
      1500,
    )
    let answer: unknown = 'pending'
    void before(business).then((value) => (answer = value))
    await clock.advanceAsync(1499)
    expect(answer).toBe('pending')
    await clock.advanceAsync(1)
    expect(answer).toBeUndefined()
    expect(log).toEqual([
      'business: before-send handlers did not answer within 1500 ms; message m1 in main is allowed',
    ])
    expect(clock.pending()).toBe(0)
  })

  it('allows the message when a rule fails', async () => {
    const { business, log } = host([
      capability({
        name: 'filter',
        beforeSend: () => Promise.reject(new Error('db down')),
      }),
    ])
    expect(await before(business)).toBeUndefined()
    expect(log[0]).toMatch(/filter failed on a before-send callback \(db down\)/)
  })

  it('is fed in process through the port it is attached to, and detached from it', async () => {
    const listeners = new Map<AfterCommand, (body: never) => void>()
    const seen: unknown[] = []
    const { business } = host([
      capability({ after: { 'Group.CallbackAfterNewMemberJoin': (body) => seen.push(body) } }),
    ])
    const detach = business.attach({
      on(command, listener) {
        listeners.set(command, listener as (body: never) => void)
        return () => listeners.delete(command)
      },
    })
    expect([...listeners.keys()]).toEqual(['Group.CallbackAfterNewMemberJoin'])
    listeners.get('Group.CallbackAfterNewMemberJoin')?.(joined as never)
    expect(seen).toEqual([joined])
    detach()
    expect(listeners.size).toBe(0)
  })

  it('closes every capability once and ignores callbacks after', async () => {
    let closed = 0
    const seen: unknown[] = []
    const { business } = host([
      capability({
        close: () => void closed++,
        after: { 'Group.CallbackAfterNewMemberJoin': (body) => seen.push(body) },
      }),
    ])
    business.close()
    business.close()
    await business.receive({ command: 'Group.CallbackAfterNewMemberJoin', body: joined })
    expect(closed).toBe(1)
    expect(seen).toEqual([])
  })
})
