import type { ChatMessage, ConnectionState } from '../../../src-shared/contract'
import type { Role, RoomLoad } from '../../../src-shared/protocol/frames'
import type { TuiGiftMessage, TuiLikeMessage } from '../../../src-shared/protocol/gift-messages'
import type { LotteryView } from '../../../src-shared/protocol/lottery'
import type { AudienceView } from '../../../src-shared/protocol/audience'
import type { RoomState } from '../../../src-shared/protocol/room-state'

/** What a backend tells the console about its room, in the console's own words. */
export type RoomEvent =
  | { type: 'messages'; messages: ChatMessage[] }
  | { type: 'online-count'; count: number }
  | { type: 'member-joined'; userId: string; nick: string; role: Role; joinTime: number }
  | { type: 'member-left'; userId: string }
  | { type: 'member-muted'; userId: string; muteUntil: number; operatorId: string }
  | { type: 'member-kicked'; userIds: string[]; operatorId: string; reason: string }
  /** banUntil 0: the ban was lifted. */
  | { type: 'member-banned'; userId: string; banUntil: number; operatorId: string }
  /** Made or no longer an admin (Tencent's GRP_TIP_MBR_SET_ADMIN / _CANCELED_ADMIN). */
  | { type: 'member-role-changed'; userIds: string[]; role: Role; operatorId: string }
  | { type: 'mute-all'; on: boolean; operatorId: string }
  | { type: 'connection'; state: ConnectionState }
  /** One frequency-control window of the room (the embedded room only; see room-load). */
  | { type: 'load'; load: RoomLoad }
  /** A message was recalled (Tencent's MESSAGE_REVOKED): every screen hides it (issue 13 §3). */
  | { type: 'message-recalled'; sequence: number; operatorId: string }
  /** A TUIGift message the business host sent (a Tencent room's Gifts panel, the danmaku). */
  | { type: 'gift'; gift: TuiGiftMessage; from: string; time: number }
  | { type: 'like'; like: TuiLikeMessage; from: string; time: number }
  /**
   * The room state as the business host told it (its High message, or the `room_state` group
   * attribute); the session keeps the newer of what it has and this.
   */
  | { type: 'room-state'; state: RoomState }
  /** The business host's lottery message (opened, paused, drawn). */
  | { type: 'lottery'; lottery: LotteryView }
  /** The business host's audience figures (its Low message; issue 12 §3). */
  | { type: 'audience'; audience: AudienceView }
  /** The group's name, notice or introduction changed (tip 6 on Tencent; any of them). */
  | {
      type: 'profile'
      name?: string
      notification?: string
      introduction?: string
      operatorId: string
    }

export interface JoinedRoom {
  roomId: string
  name: string
  onlineCount: number
  /** Oldest first. */
  history: ChatMessage[]
  /** Tencent's MuteAllMember. */
  muteAll: boolean
  /** The `room_state` group attribute at join, when the room has one. */
  roomState?: RoomState
  /** Tencent's Notification and Introduction at join. */
  notification?: string
  introduction?: string
}

/** An online member as the room's REST member list reports it. */
export interface BackendMember {
  userId: string
  role: Role
  /** Unix ms. */
  joinTime: number
  /** Unix ms; 0 when not muted. */
  muteUntil: number
}

/**
 * A part of the member list the room would not give: `members` (who is online: REST get_members),
 * `admins` (roles: get_admin_list) or `mutes` (get_group_muted_account). On Tencent Cloud the
 * first two need a Premium edition with the online-member list switched on (reference §12), so
 * an edition without it lists no one, or no admins. `part` is the stable code a caller words;
 * `code` and `message` are the room's refusal (Tencent's code, or 1005 when unreachable).
 */
export interface MissingMemberPart {
  part: 'members' | 'admins' | 'mutes'
  code: number
  message: string
}

/**
 * The room's member list: whatever could be read. A missing part's data is absent, not empty —
 * with `members` missing nobody is known to have left; with `admins` missing a role shown as
 * Member may be Admin; with `mutes` missing a mute of 0 means "not known".
 */
export interface MemberList {
  members: BackendMember[]
  missing: MissingMemberPart[]
}

/**
 * The console's single port to a live room (DESIGN.md, Room backends). `local` speaks the embedded
 * room's protocol; a `tencent` backend will sit behind the same interface. Failures reject with a
 * RoomError (Tencent's code and the room's words).
 */
export interface RoomBackend {
  readonly selfUserId: string
  /** Connects, logs in and joins; resolves once joined, rejects with a RoomError. */
  start(): Promise<JoinedRoom>
  sendText(text: string): Promise<ChatMessage>
  /** Seconds 0 unmutes. Resolves with the mute's end (Unix ms; 0 when unmuted). */
  mute(userId: string, seconds: number): Promise<number>
  unmute(userId: string): Promise<void>
  /** Removes the member from the room now; they may join again. */
  kick(userId: string, reason?: string): Promise<void>
  /** Removes the member and keeps them out for `seconds` (0 lifts the ban). Resolves with the
   * ban's end (Unix ms; 0 when lifted). */
  ban(userId: string, seconds: number, reason?: string): Promise<number>
  setMuteAll(on: boolean): Promise<void>
  /** Recalls one message for everyone (issue 13 §3); the room then tells every member. */
  recall(sequence: number, reason?: string): Promise<void>
  /** Sets the group's Notification and Introduction (both, as the editor shows them). */
  setNotice(notification: string, introduction: string): Promise<void>
  /**
   * Everyone online now, oldest join first, with their live mutes, and which parts of the list the
   * room would not give; rejects only when it gives none.
   */
  members(): Promise<MemberList>
  onEvent(listener: (event: RoomEvent) => void): () => void
  stop(): Promise<void>
}
