import { createHash } from 'node:crypto'
import { z } from 'zod'
import { MsgElem } from '../../src-shared/protocol/frames'

/**
 * Tencent IM's callbacks (shared/reference/tencent-im-css.md §5): every command the embedded room
 * sends, with the body's fields under Tencent's names. The room builds its bodies from these types
 * (liveroom/callback-bodies.ts, the one builder) and the business host parses what arrives over
 * HTTP with these schemas — so a handler reads the same fields whether the room is embedded or on
 * Tencent Cloud. Unknown fields are stripped, not refused: Tencent adds fields over time.
 */

/**
 * An element as a callback carries it: ours, or one of Tencent's this room never sends
 * (TIMFileElem, TIMVideoFileElem, …) — a handler behind a real Tencent app still gets the message.
 */
export const CallbackMsgElem = z.union([
  MsgElem,
  z.object({ MsgType: z.string(), MsgContent: z.record(z.string(), z.unknown()) }),
])
export type CallbackMsgElem = z.infer<typeof CallbackMsgElem>

const Account = z.object({ Member_Account: z.string() })

const GroupEvent = z.object({
  GroupId: z.string(),
  /** The group type: `AVChatRoom` for every group of this room server. */
  Type: z.string(),
  /** Unix ms (older callbacks omit it). */
  EventTime: z.number().optional(),
})

/** Group.CallbackBeforeSendMsg (§5.2); also the base of after-send and send-exception. */
export const SendMsgBody = GroupEvent.extend({
  From_Account: z.string(),
  /** Who asked: the sender, or the App admin calling REST. */
  Operator_Account: z.string().optional(),
  Random: z.number(),
  OnlineOnlyFlag: z.number().optional(),
  MsgBody: z.array(CallbackMsgElem),
  CloudCustomData: z.string().optional(),
  MsgId: z.string().optional(),
  TopicId: z.string().optional(),
})
export type SendMsgBody = z.infer<typeof SendMsgBody>

export const AfterSendMsgBody = SendMsgBody.extend({
  MsgSeq: z.number(),
  /** Seconds, like Tencent's MsgTime. */
  MsgTime: z.number(),
})
export type AfterSendMsgBody = z.infer<typeof AfterSendMsgBody>

export const SendMsgExceptionBody = SendMsgBody.extend({
  ErrorCode: z.number(),
  ErrorInfo: z.string(),
})
export type SendMsgExceptionBody = z.infer<typeof SendMsgExceptionBody>

/** Every callback command this room sends, with its body's schema. */
export const callbackSchemas = {
  'Group.CallbackBeforeSendMsg': SendMsgBody,
  'Group.CallbackAfterSendMsg': AfterSendMsgBody,
  'Group.CallbackSendMsgException': SendMsgExceptionBody,
  'Group.CallbackAfterNewMemberJoin': GroupEvent.extend({
    JoinType: z.string(),
    Operator_Account: z.string(),
    NewMemberList: z.array(Account),
  }),
  'Group.CallbackAfterMemberExit': GroupEvent.extend({
    /** `Kicked` or `Quit`. */
    ExitType: z.string(),
    Operator_Account: z.string(),
    ExitMemberList: z.array(Account),
  }),
  'Group.CallbackAfterGroupInfoChanged': GroupEvent.extend({
    Operator_Account: z.string(),
    Name: z.string().optional(),
    Introduction: z.string().optional(),
    Notification: z.string().optional(),
    FaceUrl: z.string().optional(),
  }),
  'Group.CallbackAfterGroupDestroyed': GroupEvent.extend({
    Owner_Account: z.string(),
    Name: z.string(),
    MemberList: z.array(Account),
  }),
  'Group.CallbackAfterGroupAttrChanged': GroupEvent.extend({
    Operator_Account: z.string(),
    OptionType: z.enum(['set', 'modify', 'clear', 'delete']),
    GroupAttr: z.array(z.object({ key: z.string(), value: z.string().optional() })),
  }),
  'State.StateChange': z.object({
    Info: z.object({
      Action: z.enum(['Login', 'Logout', 'Disconnect']),
      To_Account: z.string(),
      Reason: z.string(),
    }),
    /** Only on a Login that signed another device out. */
    KickedDevice: z.array(z.object({ Platform: z.string() })).optional(),
    EventTime: z.number().optional(),
  }),
} as const

export type CallbackCommand = keyof typeof callbackSchemas
export type CallbackBodies = { [C in CallbackCommand]: z.infer<(typeof callbackSchemas)[C]> }
export type AfterCommand = Exclude<CallbackCommand, 'Group.CallbackBeforeSendMsg'>

export function isCallbackCommand(name: unknown): name is CallbackCommand {
  return typeof name === 'string' && Object.hasOwn(callbackSchemas, name)
}

/** Where the request came from (the URL's ClientIP and OptPlatform, §5.1). */
export type OptPlatform =
  'RESTAPI' | 'Web' | 'Android' | 'iOS' | 'Windows' | 'Mac' | 'iPad' | 'Unknown'

export interface CallbackContext {
  clientIp: string
  platform: OptPlatform
}

/**
 * A before-send handler's answer (§5.2): ErrorCode 0 allows (optionally with a rewritten MsgBody
 * and CloudCustomData), 1 rejects (the sender gets 10016), 2 drops silently, 10100–10200 rejects
 * with that code and ErrorInfo passed to the sender.
 */
export const BeforeSendAnswer = z.object({
  ErrorCode: z.number().int(),
  ErrorInfo: z.string().optional(),
  MsgBody: z.unknown().optional(),
  CloudCustomData: z.unknown().optional(),
})
export interface BeforeSendAnswer {
  ErrorCode: number
  ErrorInfo?: string
  MsgBody?: MsgElem[]
  CloudCustomData?: string
}

/** The answer every callback gets (§5.1); an after-callback's is ignored by IM. */
export interface CallbackAnswer {
  ActionStatus: 'OK' | 'FAIL'
  ErrorCode: number
  ErrorInfo: string
}

/**
 * The webhook signature (§5.1): lower-case hex sha256 of the callback token followed by
 * RequestTime (Unix seconds), appended to the callback URL as `Sign`.
 */
export function callbackSign(token: string, requestTime: number): string {
  return createHash('sha256').update(`${token}${requestTime}`, 'utf8').digest('hex')
}
