import { z } from 'zod'
import { Limits } from './codes'

/**
 * Version 3 of the embedded live room's client protocol: JSON text frames over one WebSocket at
 * `/im/v1`. docs/protocol.md is the prose for this file; the two change together.
 *
 * Version 3 receives group messages as `messages` frames: at most one per pacing tick (up to
 * 100 ms in a big room), carrying that tick's messages in order, so a room of 10,000 viewers
 * costs the server one frame per viewer per tick instead of one per message. Version 2 pushes
 * membership changes as one coalesced `members-changed` per notice interval instead of a
 * `member-joined`/`member-left` per join and leave. The server still speaks versions 1 and 2 to a
 * client that logs in with them (one `message` frame per message; version 1 also gets the old
 * membership frames), so the path stays `/im/v1`: it names the endpoint, the login's `version`
 * picks the dialect.
 */
export const PROTOCOL_VERSION = 3
export const SUPPORTED_PROTOCOL_VERSIONS = [1, 2, 3] as const
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number]
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

/** Tencent `MsgBody` elements (reference §4.1), `{ MsgType, MsgContent }` with Tencent's names. */
export const TextElem = z.object({
  MsgType: z.literal('TIMTextElem'),
  MsgContent: z.object({ Text: z.string() }),
})
/** Application data (gifts, likes, room state); only one per message. */
export const CustomElem = z.object({
  MsgType: z.literal('TIMCustomElem'),
  MsgContent: z.object({
    Data: z.string().optional(),
    Desc: z.string().optional(),
    Ext: z.string().optional(),
    Sound: z.string().optional(),
  }),
})
export const FaceElem = z.object({
  MsgType: z.literal('TIMFaceElem'),
  MsgContent: z.object({ Index: z.number().int(), Data: z.string().optional() }),
})
export const LocationElem = z.object({
  MsgType: z.literal('TIMLocationElem'),
  MsgContent: z.object({
    Desc: z.string().optional(),
    Latitude: z.number().min(-90).max(90),
    Longitude: z.number().min(-180).max(180),
  }),
})
export const ImageElem = z.object({
  MsgType: z.literal('TIMImageElem'),
  MsgContent: z.object({
    UUID: z.string(),
    ImageFormat: z.number().int().optional(),
    ImageInfoArray: z
      .array(
        z.object({
          Type: z.number().int(),
          Size: z.number().int().nonnegative(),
          Width: z.number().int().nonnegative(),
          Height: z.number().int().nonnegative(),
          URL: z.string(),
        }),
      )
      .max(3),
  }),
})
export const SoundElem = z.object({
  MsgType: z.literal('TIMSoundElem'),
  MsgContent: z.object({
    Url: z.string(),
    UUID: z.string().optional(),
    Size: z.number().int().nonnegative().optional(),
    Second: z.number().int().nonnegative(),
    Download_Flag: z.number().int().optional(),
  }),
})
export const MsgElem = z.discriminatedUnion('MsgType', [
  TextElem,
  CustomElem,
  FaceElem,
  LocationElem,
  ImageElem,
  SoundElem,
])
export type MsgElem = z.infer<typeof MsgElem>
export type MsgType = MsgElem['MsgType']
/** Most elements in one message (Tencent allows several, but only one TIMCustomElem). */
export const maxMsgElems = 8

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
  /** Tencent's CloudCustomData: app data stored with the message, not shown. */
  cloudCustomData: z.string().optional(),
  /** True when the app's before-send callback rewrote the message (Web SDK ≥ 2.12.1). */
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

/** A member as the owner and admins see it in `get-members`. */
export const MemberInfo = Member.extend({
  /** End of the member's current mute in ms, 0 when not muted. */
  muteUntil: z.number(),
})
export type MemberInfo = z.infer<typeof MemberInfo>

/** Tencent's group attributes (reference §2.2): a small key/value map every member sees. */
export const GroupAttributes = z.record(z.string(), z.string())
export type GroupAttributes = z.infer<typeof GroupAttributes>

// ---- client → server -------------------------------------------------------------------------

const seq = z.number().int().nonnegative()
const reason = z.string().refine((value) => utf8Bytes(value) <= Limits.maxReasonBytes, {
  message: `reason is over ${Limits.maxReasonBytes} UTF-8 bytes`,
})

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('login'),
    seq,
    version: z.literal(SUPPORTED_PROTOCOL_VERSIONS),
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
    msgBody: z.array(MsgElem).min(1).max(maxMsgElems),
    cloudCustomData: z.string().max(Limits.maxCloudCustomDataBytes).optional(),
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
  // Moderation requests, added after version 1 shipped; the owner and admins only.
  z.object({
    type: z.literal('ban'),
    seq,
    groupId: GroupId,
    userId: UserId,
    /** Tencent's ban Duration; 0 lifts the ban. */
    seconds: z.number().int().min(0).max(Limits.maxMuteSeconds),
    reason: reason.optional(),
  }),
  z.object({
    type: z.literal('kick'),
    seq,
    groupId: GroupId,
    userId: UserId,
    reason: reason.optional(),
  }),
  z.object({ type: z.literal('mute-all'), seq, groupId: GroupId, on: z.boolean() }),
  z.object({ type: z.literal('get-members'), seq, groupId: GroupId }),
  z.object({
    type: z.literal('recall'),
    seq,
    groupId: GroupId,
    sequence: z.number().int().positive(),
    reason: reason.optional(),
  }),
])
export type ClientFrame = z.infer<typeof ClientFrame>
export type ClientFrameType = ClientFrame['type']

// ---- server → client -------------------------------------------------------------------------

/** Tencent's `AppDefinedData` item: a group-level custom field. */
export const AppDefinedField = z.object({ Key: z.string(), Value: z.string() })
export type AppDefinedField = z.infer<typeof AppDefinedField>

/** The room's own stream on the embedded ingest (issue 4). */
export const StreamState = z.object({
  /** A publisher is connected and sending now. */
  live: z.boolean(),
  /** HTTP-FLV path on the room server, e.g. `/live/main.flv`. */
  flvPath: z.string(),
})
export type StreamState = z.infer<typeof StreamState>

export const GroupSnapshot = z.object({
  groupId: GroupId,
  name: z.string(),
  /** '' for a group created through REST without an Owner_Account. */
  ownerId: z.string(),
  onlineCount: z.number().int(),
  // Added after version 1 shipped: optional so older servers' snapshots still parse.
  introduction: z.string().optional(),
  notification: z.string().optional(),
  faceUrl: z.string().optional(),
  /** Tencent's MuteAllMember: only the owner and admins may send while it is on. */
  muteAllMembers: z.boolean().optional(),
  appDefinedData: z.array(AppDefinedField).optional(),
  /** Present when the room server runs an ingest. */
  stream: StreamState.optional(),
  /** Tencent's group attributes (added later; always sent by this server). */
  groupAttributes: GroupAttributes.optional(),
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
  /** `bannedUntil` 0 when the ban was lifted. */
  ban: z.object({ userId: z.string(), bannedUntil: z.number() }),
  /** `removed` is false when the member was not in the room (nothing happened). */
  kick: z.object({ userId: z.string(), removed: z.boolean() }),
  'mute-all': z.object({ muteAllMembers: z.boolean() }),
  /** Online members in join order (the latest `Limits.maxMembersListed`). */
  'get-members': z.object({ members: z.array(MemberInfo), onlineCount: z.number().int() }),
  recall: z.object({ sequence: z.number().int() }),
} satisfies Record<ClientFrameType, z.ZodType>
export type AckData<T extends ClientFrameType> = z.infer<(typeof AckData)[T]>

/** Messages per priority (in one frequency-control window, or summed over several). */
export const PriorityCounts = z.object({
  High: z.number().int().nonnegative(),
  Normal: z.number().int().nonnegative(),
  Low: z.number().int().nonnegative(),
  Lowest: z.number().int().nonnegative(),
})
export type PriorityCounts = z.infer<typeof PriorityCounts>

/**
 * One frequency-control window of a group (this server's own; Tencent has no such push): what was
 * offered to it and what it shed, per priority. Delivered is offered minus shed.
 */
export const RoomLoad = z.object({
  windowMs: z.number().int().positive(),
  /** Messages admitted per window (`maxMessagesPerSecond`). */
  cap: z.number().int().positive(),
  offered: PriorityCounts,
  shed: PriorityCounts,
})
export type RoomLoad = z.infer<typeof RoomLoad>

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
  /** Versions 1 and 2: one group message. */
  z.object({ type: z.literal('message'), message: WireMessage }),
  /**
   * Version 3: the group messages of one pacing tick, oldest first (by `sequence`), in place of a
   * `message` frame for each. A client handles each as it would a `message`.
   */
  z.object({ type: z.literal('messages'), messages: z.array(WireMessage).min(1) }),
  /**
   * Version 2: who joined and who left since the previous notice, sent once per notice interval
   * (1 s by default) while anything changed. The lists are disjoint and net: someone who joined and
   * left within the interval is in neither; someone who left and came back is in `joined` with the
   * new join. Each list holds the latest `Limits.maxMemberChangesListed`; the counts say how many
   * there were in all.
   */
  z.object({
    type: z.literal('members-changed'),
    groupId: GroupId,
    /** Oldest join first. */
    joined: z.array(Member),
    /** UserIDs, oldest leave first. */
    left: z.array(z.string()),
    joinedCount: z.number().int().nonnegative(),
    leftCount: z.number().int().nonnegative(),
  }),
  /** Version 1 only: the listed joiners and leavers of a notice, one frame each. */
  z.object({ type: z.literal('member-joined'), groupId: GroupId, member: Member }),
  z.object({ type: z.literal('member-left'), groupId: GroupId, userId: z.string() }),
  /** After a notice's membership frames, to each member whose last known count differs. */
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
  z.object({
    type: z.literal('kicked'),
    reason: z.string(),
    code: z.number().int(),
    /** A sentence for a person, when the server has one (e.g. the REST kick). */
    message: z.string().optional(),
  }),
  /** GRP_TIP_GRP_PROFILE_UPDATED: only the fields that changed are present. */
  z.object({
    type: z.literal('group-profile-changed'),
    groupId: GroupId,
    operatorId: z.string(),
    changes: z.object({
      name: z.string().optional(),
      introduction: z.string().optional(),
      notification: z.string().optional(),
      faceUrl: z.string().optional(),
      muteAllMembers: z.boolean().optional(),
      appDefinedData: z.array(AppDefinedField).optional(),
    }),
  }),
  /** Group system notice type 255: the REST `send_group_system_notification` Content. */
  z.object({
    type: z.literal('system-notification'),
    groupId: GroupId,
    content: z.string(),
    time: z.number(),
  }),
  /** The room's stream went live or stopped (the embedded ingest's publish events). */
  z.object({ type: z.literal('stream-state-changed'), groupId: GroupId, stream: StreamState }),
  /** Group system notice type 5: the group was destroyed; the connection is no longer in it. */
  z.object({ type: z.literal('group-dismissed'), groupId: GroupId, operatorId: z.string() }),
  /** GRP_TIP_MBR_KICKED_OUT: members removed by an admin; the next notice lists them as left. */
  z.object({
    type: z.literal('member-kicked'),
    groupId: GroupId,
    userIds: z.array(z.string()),
    operatorId: z.string(),
    reason: z.string(),
  }),
  /** GRP_TIP_MBR_SET_ADMIN / GRP_TIP_MBR_CANCELED_ADMIN. */
  z.object({
    type: z.literal('member-role-changed'),
    groupId: GroupId,
    userIds: z.array(z.string()),
    role: Role,
    operatorId: z.string(),
  }),
  /**
   * GRP_TIP_BAN_AVCHATROOM_MEMBER: members banned until `bannedUntil` (ms); to everyone,
   * the banned included; then each banned member leaves (listed as left by the next notice) and
   * cannot join again until the ban ends.
   */
  z.object({
    type: z.literal('member-banned'),
    groupId: GroupId,
    userIds: z.array(z.string()),
    operatorId: z.string(),
    reason: z.string(),
    bannedUntil: z.number(),
  }),
  /** Web SDK MESSAGE_REVOKED: a message was recalled; clients hide it or mark it recalled. */
  z.object({
    type: z.literal('message-recalled'),
    groupId: GroupId,
    sequence: z.number().int(),
    operatorId: z.string(),
    reason: z.string(),
  }),
  /** Web SDK GROUP_ATTRIBUTES_UPDATED: the whole new attribute map. */
  z.object({
    type: z.literal('group-attributes-changed'),
    groupId: GroupId,
    operatorId: z.string(),
    groupAttributes: GroupAttributes,
  }),
  /**
   * Version 2, this server's own (not Tencent's): the group's frequency-control load in the
   * window just ended, to the owner and admins only. Sent for every window with an offer, then
   * once all-zero when the group goes quiet.
   */
  z.object({ type: z.literal('room-load'), groupId: GroupId, ...RoomLoad.shape }),
])
export type ServerFrame = z.infer<typeof ServerFrame>

/**
 * Text of one element for display. Custom elements are application data (gifts, likes), not
 * text: '' lets the caller render them its own way. Media elements get a short placeholder.
 */
export function elemText(elem: MsgElem): string {
  switch (elem.MsgType) {
    case 'TIMTextElem':
      return elem.MsgContent.Text
    case 'TIMCustomElem':
      return ''
    case 'TIMFaceElem':
      return '[face]'
    case 'TIMLocationElem':
      return elem.MsgContent.Desc ? `[location] ${elem.MsgContent.Desc}` : '[location]'
    case 'TIMImageElem':
      return '[image]'
    case 'TIMSoundElem':
      return '[voice]'
  }
}

/** Text of a message for display (see elemText for non-text elements). */
export function messageText(message: WireMessage): string {
  return message.msgBody.map(elemText).join('')
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
