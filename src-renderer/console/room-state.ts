import type {
  ChatMessage,
  ConnectionState,
  ContractEvent,
  RoomMember,
  RoomSnapshot,
} from '../../src-shared/contract'
import { appendBounded, CHAT_LIMIT } from '../shared/bounded'
import { appendOnline, type OnlineSample } from './online-chart'

/** Members the Members panel keeps (online ones first, then the latest to leave). */
export const MEMBER_LIMIT = 200

/** What the console shows of the room: the snapshot, kept current by events. */
export interface RoomState {
  loaded: boolean
  roomId: string
  name: string
  selfUserId: string
  viewerUrl: string
  onlineCount: number
  /** The highest online count this console has seen (a reconnect does not reset it). */
  onlinePeak: number
  /** The online count over the last hour, one sample per change. */
  onlineHistory: readonly OnlineSample[]
  connection: ConnectionState
  /** Newest last, at most CHAT_LIMIT. */
  messages: readonly ChatMessage[]
  /** userId → muteUntil (Unix ms); only mutes that have not expired. */
  mutes: ReadonlyMap<string, number>
  /** userId → banUntil (Unix ms); only bans that have not expired. */
  bans: ReadonlyMap<string, number>
  /** Only the owner and admins may chat while this is on. */
  muteAll: boolean
  /**
   * Recent members in display order: online ones (newest join first), then those who left
   * (latest first); at most MEMBER_LIMIT. Their mutes and bans live in `mutes` and `bans`.
   */
  members: readonly RoomMember[]
}

export type RoomAction =
  | { type: 'snapshot'; snapshot: RoomSnapshot; now: number }
  | { type: 'events'; events: readonly ContractEvent[]; now: number }
  | { type: 'members'; members: readonly RoomMember[]; now: number }
  | { type: 'tick'; now: number }

export const initialRoomState: RoomState = {
  loaded: false,
  roomId: '',
  name: '',
  selfUserId: '',
  viewerUrl: '',
  onlineCount: 0,
  onlinePeak: 0,
  onlineHistory: [],
  connection: 'connecting',
  messages: [],
  mutes: new Map(),
  bans: new Map(),
  muteAll: false,
  members: [],
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot, now } = action
      // Events that raced ahead of the snapshot reply are newer than its last line: keep them.
      const last = snapshot.messages.at(-1)?.sequence ?? -Infinity
      const newer = state.messages.filter((message) => message.sequence > last)
      return {
        loaded: true,
        roomId: snapshot.roomId,
        name: snapshot.name,
        selfUserId: snapshot.selfUserId,
        viewerUrl: snapshot.viewerUrl,
        onlineCount: snapshot.onlineCount,
        onlinePeak: Math.max(state.onlinePeak, snapshot.onlineCount),
        onlineHistory: appendOnline(state.onlineHistory, snapshot.onlineCount, now),
        connection: snapshot.connection,
        messages: appendBounded(snapshot.messages.slice(-CHAT_LIMIT), newer, CHAT_LIMIT),
        mutes: pruneUntil(
          new Map(snapshot.mutes.map((mute) => [mute.userId, mute.muteUntil])),
          now,
        ),
        bans: pruneUntil(
          new Map(snapshot.members.map((member) => [member.userId, member.banUntil])),
          now,
        ),
        muteAll: snapshot.muteAll,
        members: snapshot.members.slice(0, MEMBER_LIMIT),
      }
    }
    case 'members': {
      // The room's word on who is here now: replace the list, take its mutes and bans.
      const mutes = new Map(state.mutes)
      const bans = new Map(state.bans)
      for (const member of action.members) {
        if (member.online) {
          if (member.muteUntil > action.now) mutes.set(member.userId, member.muteUntil)
          else mutes.delete(member.userId)
        }
        if (member.banUntil > action.now) bans.set(member.userId, member.banUntil)
      }
      return {
        ...state,
        members: action.members.slice(0, MEMBER_LIMIT),
        mutes: pruneUntil(mutes, action.now),
        bans: pruneUntil(bans, action.now),
      }
    }
    case 'events': {
      let next = state
      let incoming: ChatMessage[] = []
      let mutes: Map<string, number> | null = null
      let bans: Map<string, number> | null = null
      let members = state.members
      for (const event of action.events) {
        switch (event.name) {
          case 'room:messages-received':
            incoming = incoming.concat(event.payload)
            break
          case 'room:online-count-changed': {
            const { count } = event.payload
            next = {
              ...next,
              onlineCount: count,
              onlinePeak: Math.max(next.onlinePeak, count),
              onlineHistory: appendOnline(next.onlineHistory, count, action.now),
            }
            break
          }
          case 'room:connection-changed':
            next = { ...next, connection: event.payload.state }
            break
          case 'room:mute-all-changed':
            next = { ...next, muteAll: event.payload.muteAll }
            break
          case 'moderation:member-muted':
            mutes ??= new Map(next.mutes)
            if (event.payload.muteUntil > action.now) {
              mutes.set(event.payload.userId, event.payload.muteUntil)
            } else mutes.delete(event.payload.userId)
            break
          case 'moderation:member-banned':
            bans ??= new Map(next.bans)
            if (event.payload.banUntil > action.now) {
              bans.set(event.payload.userId, event.payload.banUntil)
              members = memberLeft(members, event.payload.userId)
            } else bans.delete(event.payload.userId)
            break
          case 'room:member-joined': {
            const { userId, nick, role, joinTime } = event.payload
            const known = members.find((member) => member.userId === userId)
            const joined: RoomMember = {
              userId,
              nick,
              role,
              joinTime,
              muteUntil: known?.muteUntil ?? 0,
              banUntil: 0,
              online: true,
            }
            members = [joined, ...members.filter((member) => member.userId !== userId)].slice(
              0,
              MEMBER_LIMIT,
            )
            break
          }
          case 'room:member-left':
            members = memberLeft(members, event.payload.userId)
            break
          case 'room:member-kicked':
            for (const userId of event.payload.userIds) members = memberLeft(members, userId)
            break
        }
      }
      const messages = appendBounded(next.messages, incoming, CHAT_LIMIT)
      if (messages !== next.messages) next = { ...next, messages }
      if (mutes) next = { ...next, mutes }
      if (bans) next = { ...next, bans }
      if (members !== next.members) next = { ...next, members }
      return next
    }
    case 'tick': {
      const mutes = pruneUntil(state.mutes, action.now)
      const bans = pruneUntil(state.bans, action.now)
      return mutes === state.mutes && bans === state.bans ? state : { ...state, mutes, bans }
    }
  }
}

/** Moves an online member to the top of those who left; unknown or already gone: unchanged. */
function memberLeft(members: readonly RoomMember[], userId: string): readonly RoomMember[] {
  const member = members.find((m) => m.userId === userId)
  if (!member?.online) return members
  const rest = members.filter((m) => m.userId !== userId)
  const firstGone = rest.findIndex((m) => !m.online)
  const at = firstGone === -1 ? rest.length : firstGone
  return [...rest.slice(0, at), { ...member, online: false }, ...rest.slice(at)]
}

function pruneUntil(until: ReadonlyMap<string, number>, now: number): ReadonlyMap<string, number> {
  let pruned: Map<string, number> | null = null
  for (const [userId, end] of until) {
    if (end > now) continue
    pruned ??= new Map(until)
    pruned.delete(userId)
  }
  return pruned ?? until
}

/** When the next mute runs out, so one timer can expire it. */
export function nextMuteExpiry(mutes: ReadonlyMap<string, number>): number | null {
  let next: number | null = null
  for (const until of mutes.values()) if (next === null || until < next) next = until
  return next
}
