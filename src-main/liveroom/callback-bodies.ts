import type { MsgElem, WireMessage } from '../../src-shared/protocol/frames'
import type {
  AfterSendMsgBody,
  CallbackBodies,
  SendMsgBody,
  SendMsgExceptionBody,
} from '../common/im-callbacks'

/**
 * The one place the room builds a callback body (the schemas and Tencent's field names are in
 * common/im-callbacks.ts). Every group of this server is an AVChatRoom.
 */

const Type = 'AVChatRoom'

type Body<C extends keyof CallbackBodies> = CallbackBodies[C]

/** A login (`Register`), a logout (`Unregister`) or a lost connection (`LinkClose`/`TimeOut`). */
export function stateChangeBody(
  userId: string,
  end: 'Login' | 'Logout' | 'LinkClose' | 'TimeOut',
  eventTime: number,
  kickedDevice?: string,
): Body<'State.StateChange'> {
  const Info =
    end === 'Login'
      ? { Action: 'Login' as const, To_Account: userId, Reason: 'Register' }
      : end === 'Logout'
        ? { Action: 'Logout' as const, To_Account: userId, Reason: 'Unregister' }
        : { Action: 'Disconnect' as const, To_Account: userId, Reason: end }
  return {
    Info,
    ...(kickedDevice !== undefined ? { KickedDevice: [{ Platform: kickedDevice }] } : {}),
    EventTime: eventTime,
  }
}

/** An AVChatRoom join is always by application, by the joiner. */
export function newMemberJoinBody(
  groupId: string,
  userId: string,
  eventTime: number,
): Body<'Group.CallbackAfterNewMemberJoin'> {
  return {
    GroupId: groupId,
    Type,
    JoinType: 'Apply',
    Operator_Account: userId,
    NewMemberList: [{ Member_Account: userId }],
    EventTime: eventTime,
  }
}

export function memberExitBody(
  groupId: string,
  userId: string,
  exit: { type: 'Quit' | 'Kicked'; operatorId: string },
  eventTime: number,
): Body<'Group.CallbackAfterMemberExit'> {
  return {
    GroupId: groupId,
    Type,
    ExitType: exit.type,
    Operator_Account: exit.operatorId,
    ExitMemberList: [{ Member_Account: userId }],
    EventTime: eventTime,
  }
}

/** Only the fields that changed are present (mute-all alone changes none of them). */
export function groupInfoChangedBody(
  groupId: string,
  operatorId: string,
  changes: { name?: string; introduction?: string; notification?: string; faceUrl?: string },
  eventTime: number,
): Body<'Group.CallbackAfterGroupInfoChanged'> {
  return {
    GroupId: groupId,
    Type,
    Operator_Account: operatorId,
    ...(changes.name !== undefined ? { Name: changes.name } : {}),
    ...(changes.introduction !== undefined ? { Introduction: changes.introduction } : {}),
    ...(changes.notification !== undefined ? { Notification: changes.notification } : {}),
    ...(changes.faceUrl !== undefined ? { FaceUrl: changes.faceUrl } : {}),
    EventTime: eventTime,
  }
}

export function groupDestroyedBody(
  group: { groupId: string; ownerId: string; name: string },
  memberIds: readonly string[],
  eventTime: number,
): Body<'Group.CallbackAfterGroupDestroyed'> {
  return {
    GroupId: group.groupId,
    Type,
    Owner_Account: group.ownerId,
    Name: group.name,
    MemberList: memberIds.map((Member_Account) => ({ Member_Account })),
    EventTime: eventTime,
  }
}

export function groupAttrChangedBody(
  groupId: string,
  operatorId: string,
  operation: 'set' | 'modify' | 'clear' | 'delete',
  changed: { key: string; value?: string }[],
  eventTime: number,
): Body<'Group.CallbackAfterGroupAttrChanged'> {
  return {
    GroupId: groupId,
    Type,
    Operator_Account: operatorId,
    OptionType: operation,
    GroupAttr: changed,
    EventTime: eventTime,
  }
}

/** The before-send body of a message offered to a group; after-send and exception extend it. */
export function sendMsgBody(message: {
  groupId: string
  from: string
  operator: string
  random: number | undefined
  msgBody: MsgElem[]
  cloudCustomData: string | undefined
  msgId: string
  eventTime: number
  /** REST OnlineOnlyFlag 1, which this room honours (docs/rest-api.md). */
  onlineOnly?: boolean
}): SendMsgBody & { MsgBody: MsgElem[] } {
  return {
    GroupId: message.groupId,
    Type,
    From_Account: message.from,
    Operator_Account: message.operator,
    Random: message.random ?? 0,
    OnlineOnlyFlag: message.onlineOnly ? 1 : 0,
    MsgBody: message.msgBody,
    ...(message.cloudCustomData !== undefined ? { CloudCustomData: message.cloudCustomData } : {}),
    MsgId: message.msgId,
    EventTime: message.eventTime,
  }
}

/** The message as delivered: its final body (a before-send rewrite included) and sequence. */
export function afterSendMsgBody(sent: SendMsgBody, message: WireMessage): AfterSendMsgBody {
  const { CloudCustomData: _original, ...rest } = sent
  return {
    ...rest,
    MsgBody: message.msgBody,
    ...(message.cloudCustomData !== undefined ? { CloudCustomData: message.cloudCustomData } : {}),
    MsgSeq: message.sequence,
    MsgTime: Math.floor(message.time / 1000),
  }
}

export function sendMsgExceptionBody(
  sent: SendMsgBody,
  code: number,
  info: string,
): SendMsgExceptionBody {
  return { ...sent, ErrorCode: code, ErrorInfo: info }
}
