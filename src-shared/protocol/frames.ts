import { z } from 'zod'
import { Limits } from './codes'

/**
 * Version 1 of the embedded live room's client protocol: JSON text frames over one WebSocket at
 * `/im/v1`. docs/protocol.md is the prose for this file; the two change together.
 */
export const PROTOCOL_VERSION = 1
export const PROTOCOL_PATH = '/im/v1'

export const UserId = z
  .string()
  .min(1)
  .max(Limits.maxUserIdBytes)
  .regex(/^[A-Za-z0-9_-]+$/, 'UserID may only contain A–Z, a–z, 0–9, _ and -')
export const GroupId = z
  .string()
  .min(1)
  .max(48)
  .regex(/^[A-Za-z0-9_@#.-]+$/, 'GroupId may only contain A–Z, a–z, 0–9 and _@#.-')
export const Priority = z.enum(['High', 'Normal', 'Low', 'Lowest'])
export type Priority = z.infer<typeof Priority>
export const Role = z.enum(['Owner', 'Admin', 'Member'])
export type Role = z.infer<typeof Role>

/** Tencent `MsgBody` element; this version carries text only. */
export const TextElem = z.object({
  MsgType: z.literal('TIMTextElem'),
  MsgContent: z.object({ Text: z.string() }),
})
export const MsgElem = TextElem
export type MsgElem = z.infer<typeof MsgElem>

/** A group message as clients see it (Web SDK message object fields, reference §4.2). */
export const WireMessage = z.object({
  ID: z.string(),
  to: GroupId,
  sequence: z.number().int(),
  from: z.string(),
  nick: z.string(),
  /** Unix time in ms (the Web SDK's `time` is seconds; ms keeps order within a second). */
  time: z.number(),
  priority: Priority,
  msgBody: z.array(MsgElem).min(1),
  isModified: z.boolean().optional(),
})
export type WireMessage = z.infer<typeof WireMessage>

export const Member = z.object({
  userId: z.string(),
  nick: z.string(),
  role: Role,
  joinTime: z.number(),
})
export type Member = z.infer<typeof Member>

// ---- client → server -------------------------------------------------------------------------

const seq = z.number().int().nonnegative()

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('login'),
    seq,
    version: z.literal(PROTOCOL_VERSION),
    sdkAppId: z.number().int().positive(),
    userId: UserId,
    userSig: z.string().min(1).max(2048),
    /** Optional profile nick (Tencent's updateMyProfile); trimmed, 1–32 characters. */
    nick: z
      .string()
      .max(Limits.maxNickChars * 4)
      .optional(),
  }),
  z.object({ type: z.literal('join'), seq, groupId: GroupId }),
  z.object({ type: z.literal('quit'), seq, groupId: GroupId }),
  z.object({
    type: z.literal('send'),
    seq,
    groupId: GroupId,
    /** Same Random from the same sender within 5 minutes is delivered once. */
    random: z.number().int().min(0).max(4_294_967_295).optional(),
    priority: Priority.optional(),
    msgBody: z.array(MsgElem).min(1).max(1),
  }),
  z.object({
    type: z.literal('mute'),
    seq,
    groupId: GroupId,
    userId: UserId,
    /** 0 unmutes; Tencent's ShutUpTime. */
    seconds: z.number().int().min(0).max(Limits.maxMuteSeconds),
  }),
  z.object({ type: z.literal('ping'), seq }),
])
export type ClientFrame = z.infer<typeof ClientFrame>
export type ClientFrameType = ClientFrame['type']

// ---- server → client -------------------------------------------------------------------------

export const GroupSnapshot = z.object({
  groupId: GroupId,
  name: z.string(),
  ownerId: z.string(),
  onlineCount: z.number().int(),
})
export type GroupSnapshot = z.infer<typeof GroupSnapshot>

export const AckData = {
  login: z.object({ userId: z.string(), nick: z.string(), serverTime: z.number() }),
  join: z.object({
    group: GroupSnapshot,
    self: z.object({ role: Role, muteUntil: z.number() }),
    /** Recent messages, oldest first, so a new joiner is not facing an empty chat. */
    history: z.array(WireMessage),
  }),
  quit: z.object({}),
  send: z.object({ message: WireMessage }),
  mute: z.object({ userId: z.string(), muteUntil: z.number() }),
  ping: z.object({ serverTime: z.number() }),
} satisfies Record<ClientFrameType, z.ZodType>
export type AckData<T extends ClientFrameType> = z.infer<(typeof AckData)[T]>

export const ServerFrame = z.discriminatedUnion('type', [
  /** The answer to a request: code 0 with `data` (AckData), or an error code with `message`
   * (and, for some errors, extra facts in `data`, e.g. `{ muteUntil }` with 10017). */
  z.object({
    type: z.literal('ack'),
    seq,
    code: z.number().int().nonnegative(),
    message: z.string().optional(),
    data: z.unknown().optional(),
  }),
  /** An error not tied to a request (bad JSON, unknown frame type). The socket stays open. */
  z.object({ type: z.literal('error'), code: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('message'), message: WireMessage }),
  z.object({ type: z.literal('member-joined'), groupId: GroupId, member: Member }),
  z.object({ type: z.literal('member-left'), groupId: GroupId, userId: z.string() }),
  z.object({ type: z.literal('online-count'), groupId: GroupId, count: z.number().int() }),
  /** GRP_TIP_MBR_PROFILE_UPDATED: a member's mute changed. muteTime 0 means unmuted. */
  z.object({
    type: z.literal('member-muted'),
    groupId: GroupId,
    userId: z.string(),
    operatorId: z.string(),
    muteTime: z.number().int(),
    muteUntil: z.number(),
  }),
  /** Sent just before the server closes the socket on purpose. */
  z.object({ type: z.literal('kicked'), reason: z.string(), code: z.number().int() }),
])
export type ServerFrame = z.infer<typeof ServerFrame>

/** Text of a message for display; later versions add more element types. */
export function messageText(message: WireMessage): string {
  return message.msgBody.map((elem) => elem.MsgContent.Text).join('')
}

/** UTF-8 byte length without TextEncoder allocations per call site. */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** Viewer session endpoint: POST /api/viewer-session `{ nickname }`. */
export const ViewerSessionRequest = z.object({ nickname: z.string() })
export const ViewerSession = z.object({
  sdkAppId: z.number().int(),
  userId: z.string(),
  userSig: z.string(),
  nick: z.string(),
  expiresAt: z.number(),
})
export type ViewerSession = z.infer<typeof ViewerSession>
