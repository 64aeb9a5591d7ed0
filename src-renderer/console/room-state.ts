import type {
  ChatMessage,
  ConnectionState,
  ContractEvent,
  RoomSnapshot,
} from '../../src-shared/contract'
import { appendBounded, CHAT_LIMIT } from '../shared/bounded'

/** What the console shows of the room: the snapshot, kept current by events. */
export interface RoomState {
  loaded: boolean
  roomId: string
  name: string
  selfUserId: string
  viewerUrl: string
  onlineCount: number
  connection: ConnectionState
  /** Newest last, at most CHAT_LIMIT. */
  messages: readonly ChatMessage[]
  /** userId → muteUntil (Unix ms); only mutes that have not expired. */
  mutes: ReadonlyMap<string, number>
}

export type RoomAction =
  | { type: 'snapshot'; snapshot: RoomSnapshot; now: number }
  | { type: 'events'; events: readonly ContractEvent[]; now: number }
  | { type: 'tick'; now: number }

export const initialRoomState: RoomState = {
  loaded: false,
  roomId: '',
  name: '',
  selfUserId: '',
  viewerUrl: '',
  onlineCount: 0,
  connection: 'connecting',
  messages: [],
  mutes: new Map(),
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
        connection: snapshot.connection,
        messages: appendBounded(snapshot.messages.slice(-CHAT_LIMIT), newer, CHAT_LIMIT),
        mutes: pruneMutes(
          new Map(snapshot.mutes.map((mute) => [mute.userId, mute.muteUntil])),
          now,
        ),
      }
    }
    case 'events': {
      let next = state
      let incoming: ChatMessage[] = []
      let mutes: Map<string, number> | null = null
      for (const event of action.events) {
        switch (event.name) {
          case 'room:messages-received':
            incoming = incoming.concat(event.payload)
            break
          case 'room:online-count-changed':
            next = { ...next, onlineCount: event.payload.count }
            break
          case 'room:connection-changed':
            next = { ...next, connection: event.payload.state }
            break
          case 'moderation:member-muted':
            mutes ??= new Map(next.mutes)
            if (event.payload.muteUntil > action.now) {
              mutes.set(event.payload.userId, event.payload.muteUntil)
            } else mutes.delete(event.payload.userId)
            break
          default:
            // Member joins and leaves belong to the Members panel.
            break
        }
      }
      const messages = appendBounded(next.messages, incoming, CHAT_LIMIT)
      if (messages !== next.messages) next = { ...next, messages }
      if (mutes) next = { ...next, mutes }
      return next
    }
    case 'tick': {
      const mutes = pruneMutes(state.mutes, action.now)
      return mutes === state.mutes ? state : { ...state, mutes }
    }
  }
}

function pruneMutes(mutes: ReadonlyMap<string, number>, now: number): ReadonlyMap<string, number> {
  let pruned: Map<string, number> | null = null
  for (const [userId, until] of mutes) {
    if (until > now) continue
    pruned ??= new Map(mutes)
    pruned.delete(userId)
  }
  return pruned ?? mutes
}

/** When the next mute runs out, so one timer can expire it. */
export function nextMuteExpiry(mutes: ReadonlyMap<string, number>): number | null {
  let next: number | null = null
  for (const until of mutes.values()) if (next === null || until < next) next = until
  return next
}
