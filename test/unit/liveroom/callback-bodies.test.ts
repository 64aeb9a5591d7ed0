import { describe, expect, it } from 'vitest'
import { callbackSchemas, type CallbackCommand } from '../../../src-main/common/im-callbacks'
import {
  afterSendMsgBody,
  groupAttrChangedBody,
  groupDestroyedBody,
  groupInfoChangedBody,
  memberExitBody,
  newMemberJoinBody,
  sendMsgBody,
  sendMsgExceptionBody,
  stateChangeBody,
} from '../../../src-main/liveroom/callback-bodies'

const at = 1_700_000_000_000
const sent = sendMsgBody({
  groupId: 'main',
  from: 'v1',
  operator: 'v1',
  random: 7,
  msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
  cloudCustomData: '{"level":3}',
  msgId: 'main-1',
  eventTime: at,
})

/** What the room sends is what the business host parses: each built body passes its schema. */
const built: [CallbackCommand, unknown][] = [
  ['Group.CallbackBeforeSendMsg', sent],
  [
    'Group.CallbackAfterSendMsg',
    afterSendMsgBody(sent, {
      ID: 'main-1',
      to: 'main',
      sequence: 12,
      from: 'v1',
      nick: 'Vee',
      time: at + 1500,
      priority: 'Normal',
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi (rewritten)' } }],
    }),
  ],
  ['Group.CallbackSendMsgException', sendMsgExceptionBody(sent, 10023, 'shed')],
  ['Group.CallbackAfterNewMemberJoin', newMemberJoinBody('main', 'v1', at)],
  [
    'Group.CallbackAfterMemberExit',
    memberExitBody('main', 'v1', { type: 'Kicked', operatorId: 'anchor' }, at),
  ],
  [
    'Group.CallbackAfterGroupInfoChanged',
    groupInfoChangedBody('main', 'anchor', { name: 'N' }, at),
  ],
  [
    'Group.CallbackAfterGroupDestroyed',
    groupDestroyedBody({ groupId: 'main', ownerId: 'anchor', name: 'N' }, ['v1'], at),
  ],
  [
    'Group.CallbackAfterGroupAttrChanged',
    groupAttrChangedBody('main', 'anchor', 'modify', [{ key: 'k', value: 'v' }], at),
  ],
  ['State.StateChange', stateChangeBody('v1', 'Login', at, 'Web')],
]

describe('callback bodies', () => {
  it('covers every command the schemas name', () => {
    expect(new Set(built.map(([command]) => command))).toEqual(
      new Set(Object.keys(callbackSchemas)),
    )
  })

  for (const [command, body] of built) {
    it(`${command} is built in the shape its schema reads`, () => {
      expect(callbackSchemas[command].parse(body)).toEqual(body)
    })
  }

  it('after-send carries the delivered body, sequence and time in seconds', () => {
    const [, after] = built[1]!
    expect(after).toMatchObject({
      MsgSeq: 12,
      MsgTime: Math.floor((at + 1500) / 1000),
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi (rewritten)' } }],
      Random: 7,
      From_Account: 'v1',
    })
    expect(after).not.toHaveProperty('CloudCustomData')
  })

  it('a lost connection is a Disconnect with its reason; a logout is Unregister', () => {
    expect(stateChangeBody('v1', 'TimeOut', at).Info).toEqual({
      Action: 'Disconnect',
      To_Account: 'v1',
      Reason: 'TimeOut',
    })
    expect(stateChangeBody('v1', 'Logout', at).Info.Reason).toBe('Unregister')
  })
})
