import { z } from 'zod'
import {
  ChatMessage,
  ConnectionState,
  Delivery,
  MemberMute,
  RoomMember,
  RoomPeople,
  RoomSnapshot,
  RoomNotice,
} from './chat'
import { AccessSnapshot } from './access'
import { FilterRuleInput, FiltersSnapshot } from './filters'
import { ReviewDecision, ReviewOutcome, ReviewSnapshot } from './review'
import { AuditQuery, AuditSnapshot } from './audit'
import { RoomSafety, RoomSafetyChange } from './room-safety'
import {
  ConsoleIdentity,
  ModeratorInviteRequest,
  ModeratorInviteResult,
  ModeratorsSnapshot,
} from './moderators'
import type { Result } from './result'
import { RoomConnectionSettings, RoomConnectionSnapshot } from './room-connection'
import { DeviceList, SecretName, StageSettings, StageSnapshot } from './stage'
import { StreamStatus } from './stream'
import { GiftsSnapshot } from './gifts'
import { GiftSettings } from './gift-settings'
import { RoomSettings, RoomSettingsSnapshot } from './room-settings'
import { Limits } from '../protocol/codes'
import { RoomState, RoomStateAction } from '../protocol/room-state'
import { NoticeFollow } from './notice-follow'
import { LotteryOpen, LotteryResult, LotteryView } from '../protocol/lottery'
import { INTRODUCTION_MAX_BYTES, NOTIFICATION_MAX_BYTES, utf8Bytes } from '../protocol/notice'
import { TimelineSeries, TimelineShows, TimelineTick } from './timeline'
// Keyboard shortcuts (issue 15 §2, issue 13 §7).
import { HotkeyBindings, HotkeySnapshot } from './hotkeys'
import {
  LayoutChanged,
  LayoutPreset,
  LayoutSnapshot,
  PanelArrangement,
  PanelId,
  StayOnTop,
} from './layout'
import { AudienceView } from '../protocol/audience'
import { LevelRulesShape } from '../protocol/levels'

export * from './access'
export * from './gifts'
export * from './gift-settings'
export * from './room-settings'
export * from './chat'
export * from './filters'
export * from './review'
export * from './audit'
export * from './room-safety'
export * from './moderators'
export * from './local-only'
export * from './result'
export * from './room-connection'
export * from './stage'
export * from './stream'
export * from './timeline'
export * from './hotkeys'
export * from './layout'
export * from './notice-follow'

const Empty = z.object({}).strict()
const TargetUserId = z.string().min(1).max(Limits.maxUserIdBytes)
/** Tencent's Reason / Description fields; kept short enough for every backend. */
const ModerationReason = z.string().trim().max(100).optional()

/** Longest ban: Tencent's Duration is a uint32 of seconds; its maximum reads as permanent. */
export const PERMANENT_SECONDS = 4_294_967_295

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  roomId: z.string(),
  viewerUrl: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>

/**
 * Every command (renderer → main, request/response) with its input and output schema. A renamed
 * channel or a changed schema breaks the build in every process that uses it.
 */
export const commands = {
  'app:get-info': { input: Empty, output: AppInfo },
  /** How the console is reached, as this caller may know it (the link only on this machine). */
  'app:get-access': { input: Empty, output: AccessSnapshot },
  /**
   * A new access token, kept until the next reset: the old console link stops working and every
   * browser that opened it is disconnected. From this machine only.
   */
  'app:reset-access-link': { input: Empty, output: AccessSnapshot },
  'room:get-snapshot': { input: Empty, output: RoomSnapshot },
  'room:send-message': {
    input: z.object({ text: z.string().trim().min(1, 'Type a message first') }).strict(),
    output: z.object({ message: ChatMessage }),
  },
  'moderation:mute': {
    input: z
      .object({
        userId: z.string().min(1).max(Limits.maxUserIdBytes),
        seconds: z.number().int().min(0).max(Limits.maxMuteSeconds),
      })
      .strict(),
    output: MemberMute,
  },
  'moderation:unmute': {
    input: z.object({ userId: TargetUserId }).strict(),
    output: MemberMute,
  },
  /** Removes the member from the room now; they may join again (a ban keeps them out). */
  'moderation:kick': {
    input: z.object({ userId: TargetUserId, reason: ModerationReason }).strict(),
    output: z.object({ userId: z.string() }),
  },
  /** Removes the member and refuses their joins until it ends. Seconds 0 lifts the ban. */
  'moderation:ban': {
    input: z
      .object({
        userId: TargetUserId,
        seconds: z.number().int().min(0).max(PERMANENT_SECONDS),
        reason: ModerationReason,
        /** Also delete (recall) their lines in the chat (issue 13 §3, as Owncast does). */
        deleteRecent: z.boolean().optional(),
      })
      .strict(),
    /** banUntil is Unix ms, 0 when lifted; deleted: how many of their lines were recalled. */
    output: z.object({
      userId: z.string(),
      banUntil: z.number(),
      deleted: z.number().int().optional(),
    }),
  },
  'room:set-mute-all': {
    input: z.object({ on: z.boolean() }).strict(),
    output: z.object({ muteAll: z.boolean() }),
  },
  /**
   * Asks the room for its online members and merges them into the recent-members list (which
   * then reaches every console as `room:people-changed`).
   */
  'room:get-members': {
    input: Empty,
    output: z.object({ members: z.array(RoomMember) }),
  },
  /** The room backend's settings; saved ones take effect at the next start of LiveDesk. */
  'room:get-connection': { input: Empty, output: RoomConnectionSnapshot },
  'room:save-connection': { input: RoomConnectionSettings, output: RoomConnectionSnapshot },
  /**
   * Joins the room again with the settings this run started with (after a failed start: the
   * network is back, the key is saved). Answers at once; the join goes on in the background and
   * its outcome arrives as connection events and in the next snapshot.
   */
  'room:retry-connection': { input: Empty, output: RoomConnectionSnapshot },
  /** The IM app's secret key, to the SecretStore; a null or empty value forgets it. */
  'room:set-secret-key': {
    input: z.object({ value: z.string().trim().max(512).nullable() }).strict(),
    output: RoomConnectionSnapshot,
  },
  'stage:get-snapshot': { input: Empty, output: StageSnapshot },
  'stage:save-settings': { input: StageSettings, output: StageSnapshot },
  /** Keys go to the SecretStore; a null or empty value forgets the key. */
  'stage:set-secret': {
    input: z.object({ name: SecretName, value: z.string().max(512).nullable() }).strict(),
    output: StageSnapshot,
  },
  /** Cameras, microphones and screens the OS lets us list. */
  'stage:list-devices': { input: Empty, output: DeviceList },
  /** Push to the chosen target (and record, when the settings say so). */
  'stream:go-live': { input: Empty, output: StreamStatus },
  /** Record without going live. */
  'stream:record': { input: Empty, output: StreamStatus },
  /** Ends the live push; a recording goes on (with none, everything stops). */
  'stream:end-live': { input: Empty, output: StreamStatus },
  /** Ends the recording, which is finalized; a live push goes on (with none, everything stops). */
  'stream:stop-recording': { input: Empty, output: StreamStatus },
  /** Ends the live stream and the recording; the recording file is finalized. */
  'stream:stop': { input: Empty, output: StreamStatus },
  'stream:reconnect-now': { input: Empty, output: StreamStatus },
  /** Makes a saved scene the program: at once while live or recording, the push not interrupted. */
  'stream:switch-scene': {
    input: z.object({ id: z.string().min(1).max(40) }).strict(),
    output: StageSnapshot,
  },
  /** Recalls a chat line for everyone (group_msg_recall): every console and viewer hides it. */
  'moderation:delete-message': {
    input: z.object({ sequence: z.number().int().positive(), reason: ModerationReason }).strict(),
    output: z.object({ sequence: z.number().int() }),
  },
  // Moderation (issue 13): the room's keyword filters, kept by the business host.
  'filters:get-snapshot': { input: Empty, output: FiltersSnapshot },
  'filters:add-rule': { input: FilterRuleInput, output: FiltersSnapshot },
  'filters:remove-rule': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: FiltersSnapshot,
  },
  /** The review queue (issue 13 §2), shared with every moderator. */
  'review:get-snapshot': { input: Empty, output: ReviewSnapshot },
  'review:claim': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: ReviewOutcome,
  },
  /** The moderation audit log (issue 13 §5), newest first, filtered by actor/target/action. */
  'audit:get-entries': { input: AuditQuery, output: AuditSnapshot },
  /** Slow mode and shield mode (issue 13 §6). */
  'safety:get-settings': { input: Empty, output: RoomSafety },
  'safety:save-settings': { input: RoomSafetyChange, output: RoomSafety },
  'review:decide': {
    input: z.object({ id: z.number().int().positive(), decision: ReviewDecision }).strict(),
    output: ReviewOutcome,
  },
  // The embedded room's message cap (issue 15 §4).
  'room:get-settings': { input: Empty, output: RoomSettingsSnapshot },
  /** Applies at once (embedded room) and is kept for later starts; only from this computer. */
  'room:save-settings': { input: RoomSettings, output: RoomSettingsSnapshot },
  // Gifts (issue 11): the business host's feed, which main keeps and refreshes.
  'gifts:get-snapshot': { input: Empty, output: GiftsSnapshot },
  'gifts:get-settings': { input: Empty, output: GiftSettings },
  /** From this machine only: the starting balance is money. Applies to wallets opened after it. */
  'gifts:save-settings': { input: GiftSettings, output: GiftSettings },
  /** Marks a combo thanked for every console of the room. */
  'gifts:mark-thanked': {
    input: z.object({ comboId: z.string().min(1).max(64) }).strict(),
    output: GiftsSnapshot,
  },
  // ---- room state, notices (issue 12) ----
  /** Asks the business host to schedule, pause, resume, end or publish the replay. */
  'room-state:act': { input: RoomStateAction, output: RoomState.nullable() },
  /** Whether a pause puts up the be-right-back notice, and its text (main keeps it). */
  'notice:get-follow': { input: Empty, output: NoticeFollow },
  'notice:save-follow': { input: NoticeFollow, output: NoticeFollow },
  /** Opens a keyword lottery in the room (the business host keeps and draws it). */
  'lottery:open': { input: LotteryOpen, output: LotteryView },
  /** Closes the open lottery and draws now. */
  'lottery:draw': { input: Empty, output: LotteryView },
  /** Replaces a winner who did not claim with the next entrant of the same shuffle. */
  'lottery:redraw': {
    input: z.object({ userId: z.string().min(1) }).strict(),
    output: LotteryView,
  },
  /** The drawn lottery's result, to save as JSON and CSV. */
  'lottery:export': { input: Empty, output: LotteryResult },
  /** Publishes the group's Notification and Introduction (Tencent's byte limits, reference §2.1). */
  // ---- audience, levels (issue 12 §3) ----
  /** The room's level rules as the business host applies them. */
  'levels:get-rules': { input: Empty, output: LevelRulesShape },
  /** Checked (code 12201 with the field), saved on the business host, applied at once. */
  'levels:save-rules': { input: LevelRulesShape, output: LevelRulesShape },
  /** Makes a viewer a member or not (the rules' memberBonus); the owner's and admins' only. */
  'levels:set-member': {
    input: z.object({ userId: z.string().min(1).max(64), member: z.boolean() }).strict(),
    output: z.object({ userId: z.string(), member: z.boolean(), level: z.number().int() }),
  },
  'room:set-notice': {
    input: z
      .object({
        notification: z.string().refine((text) => utf8Bytes(text) <= NOTIFICATION_MAX_BYTES, {
          message: `At most ${NOTIFICATION_MAX_BYTES} bytes`,
        }),
        introduction: z.string().refine((text) => utf8Bytes(text) <= INTRODUCTION_MAX_BYTES, {
          message: `At most ${INTRODUCTION_MAX_BYTES} bytes`,
        }),
      })
      .strict(),
    output: RoomNotice,
  },
  // ---- the timeline (issue 15 §3) ----
  /** The shows whose timelines the console keeps, newest first, and the one sampled now. */
  'timeline:list-shows': { input: Empty, output: TimelineShows },
  /** A show's samples and markers (TimelineCode.noSuchShow for one not kept). */
  'timeline:get-series': {
    input: z.object({ showId: z.string().min(1).max(64) }).strict(),
    output: TimelineSeries,
  },
  // ---- keyboard shortcuts (issue 15 §2) ----
  'hotkeys:get': { input: Empty, output: HotkeySnapshot },
  /** Keeps every binding (a missing one gets its default); a conflict is refused as coded. */
  'hotkeys:save': {
    input: z.object({ bindings: HotkeyBindings }).strict(),
    output: HotkeySnapshot,
  },
  // ---- the console's frame (issue 15 §1, §2): each user's own layout ----
  'layout:get': { input: Empty, output: LayoutSnapshot },
  'layout:choose-preset': {
    input: z.object({ preset: LayoutPreset }).strict(),
    output: LayoutSnapshot,
  },
  /** The user's own arrangement: each panel at most once, spans 1–3. */
  'layout:arrange': {
    input: z.object({ panels: PanelArrangement }).strict(),
    output: LayoutSnapshot,
  },
  /** Sent by the pop-out window itself: the panel is its own until its connection ends. */
  'layout:pop-out': { input: z.object({ panel: PanelId }).strict(), output: LayoutSnapshot },
  'layout:dock': { input: z.object({ panel: PanelId }).strict(), output: LayoutSnapshot },
  /**
   * Sent by a desktop pop-out window about itself: stays above other windows or not (without
   * `on`, only says which). Elsewhere refused as LayoutCode.stayOnTopUnavailable.
   */
  'layout:stay-on-top': {
    input: z.object({ on: z.boolean().optional() }).strict(),
    output: StayOnTop,
  },
  // ---- moderators with their own identities (issue 13 §4) ----
  /** Who this console is: the owner, or the admin or moderator an invite made it. */
  'app:get-identity': { input: Empty, output: ConsoleIdentity },
  /** The owner's invites and who is online with them. */
  'moderators:get-snapshot': { input: Empty, output: ModeratorsSnapshot },
  /** A new invite: its link (with a token shown this once) and the list after it. */
  'moderators:invite': { input: ModeratorInviteRequest, output: ModeratorInviteResult },
  /** Ends an invite: its consoles are closed at once, an admin stops being a group admin. */
  'moderators:revoke': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: ModeratorsSnapshot,
  },
} as const

/**
 * Every event (main → renderer, pushed in batches). Names are past tense. Each patches the
 * RoomSnapshot (or the StageSnapshot) the renderer mirrors; main owns the state.
 */
export const events = {
  /** New chat lines, oldest first: appended, keeping the newest CHAT_LIMIT. */
  'room:messages-received': z.array(ChatMessage),
  /** The online count changed at `at` (Unix ms), with main's peak (the Timeline keeps its history). */
  'room:online-changed': z.object({
    count: z.number().int(),
    peak: z.number().int(),
    at: z.number(),
  }),
  /** Who is here and who is muted or banned now: replaces `people`. */
  'room:people-changed': RoomPeople,
  'room:mute-all-changed': z.object({ muteAll: z.boolean(), operatorId: z.string() }),
  'room:connection-changed': z.object({ state: ConnectionState }),
  /**
   * The delivery budget: once a second while messages are offered (the embedded room's own
   * `room-load` frame), once all-zero when the room goes quiet, and as sheds age out of the
   * 5-minute count. Replaces `delivery`.
   */
  'room:delivery-changed': Delivery,
  /** Every state change and every health tick (once a second) of the stream. */
  'stream:status-changed': StreamStatus,
  /**
   * The Stage as a whole, replacing what the renderer holds, when main learned something that
   * changes what it offers: Tencent TRTC's SDK did not load in its host window (issue 17).
   */
  'stage:changed': StageSnapshot,
  /**
   * The room as a whole, replacing what the renderer holds: a join that went on behind an open
   * console (a Tencent room) ended, or "Retry" began a new session.
   */
  'room:snapshot-replaced': RoomSnapshot,
  /** Chat lines recalled (by sequence): the renderer removes them (issue 13 §3). */
  'room:messages-recalled': z.array(z.number().int()),
  /** Moderation (issue 13): the room's filter rules after a change; replaces what is shown. */
  'filters:changed': FiltersSnapshot,
  /** The review queue changed (an item held, claimed or settled, by anyone). */
  'review:changed': ReviewSnapshot,
  /** Something was added to the audit log: panels showing it read it again. */
  'audit:changed': z.object({ at: z.number() }),
  /** Slow mode or shield mode changed: replaces what is shown. */
  'safety:changed': RoomSafety,
  /** The gift feed, totals, leaderboards or likes changed: replaces the Gifts panel's snapshot. */
  'gifts:changed': GiftsSnapshot,
  // ---- room state, notices (issue 12) ----
  /** The room state changed (the business host's message or attribute): replaces `roomState`. */
  'room:state-changed': RoomState,
  /** The group's name, notice or introduction changed, from anywhere: replaces them. */
  'room:profile-changed': z.object({ name: z.string(), notice: RoomNotice }),
  /** The lottery opened, took entries, paused or was drawn: replaces `lottery`. */
  'room:lottery-changed': LotteryView,
  /** The timeline's second just sampled (issue 15 §3), and the strip's chat rate. */
  'timeline:ticked': TimelineTick,
  /** The keyboard shortcuts changed (any console, or a reset): replaces them. */
  'hotkeys:changed': HotkeySnapshot,
  /** A user's layout changed (preset, arrangement, a pop-out): that user's consoles read it. */
  'layout:changed': LayoutChanged,
  /** An invite was made, revoked or ran out, or a moderator came or went: replaces the list. */
  'moderators:changed': ModeratorsSnapshot,
  /** The audience figures changed (the host's Low message, or main's read): replaces `audience`. */
  'room:audience-changed': AudienceView,
} as const

/**
 * Events whose payload is a whole slice of state: within one batch only the latest of each
 * matters, so the batcher keeps just that one (a mass join costs one member list per frame).
 */
export const latestOnlyEvents: ReadonlySet<EventName> = new Set<EventName>([
  'room:people-changed',
  'room:mute-all-changed',
  'room:connection-changed',
  'room:delivery-changed',
  'stream:status-changed',
  'room:snapshot-replaced',
  'filters:changed',
  'review:changed',
  'safety:changed',
  'gifts:changed',
  'room:state-changed',
  'room:profile-changed',
  'room:lottery-changed',
  'hotkeys:changed',
  'moderators:changed',
  'room:audience-changed',
])

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<N extends EventName> = z.infer<Events[N]>
export type ContractEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName]

export const commandNames = Object.keys(commands) as CommandName[]
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name)
}

/** Channels of the Electron host (preload ↔ main). */
export const IpcChannel = {
  invoke: 'livedesk:invoke',
  events: 'livedesk:events',
} as const

/** Frames of the browser host's WebSocket. */
export type HostClientFrame = { kind: 'call'; id: number; name: string; input: unknown }
export type HostServerFrame =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'events'; events: ContractEvent[] }

/** What the preload exposes as `window.livedesk`. */
export interface LiveDeskBridge {
  invoke(name: CommandName, input: unknown): Promise<Result<unknown>>
  onEvents(listener: (events: ContractEvent[]) => void): () => void
}
