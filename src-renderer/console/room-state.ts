import {
  CHAT_LIMIT,
  type ChatMessage,
  type ConnectionState,
  type ContractEvent,
  type Delivery,
  type OnlineStats,
  type RoomMember,
  type RoomNotice,
  type RoomPeople,
  type RoomSnapshot,
} from '../../src-shared/contract'
import type { LotteryView } from '../../src-shared/protocol/lottery'
import type { AudienceView } from '../../src-shared/protocol/audience'
import type { RoomState as LiveRoomState } from '../../src-shared/protocol/room-state'
import { appendBounded } from '../shared/bounded'

/**
 * The room as the console shows it: a mirror of main's RoomSnapshot, patched by main's events
 * (src-shared/contract/chat.ts). Main owns the state — its limits, expiries and reconciling — so
 * nothing here is decided, only applied; `mutes` and `bans` are indexes of main's lists.
 */
export interface RoomState {
  loaded: boolean
  roomId: string
  name: string
  selfUserId: string
  viewerUrl: string
  connection: ConnectionState
  muteAll: boolean
  /** Newest last, at most CHAT_LIMIT. */
  messages: readonly ChatMessage[]
  online: OnlineStats
  /** Recent members in display order (main's). */
  members: readonly RoomMember[]
  /** userId → muteUntil (Unix ms) of mutes that have not ended. */
  mutes: ReadonlyMap<string, number>
  /** userId → banUntil (Unix ms) of bans that have not ended. */
  bans: ReadonlyMap<string, number>
  /** What the room's last member list lacked (main's word). */
  membersMissing: NonNullable<RoomPeople['missing']>
  delivery: Delivery
  /** The business host's room state (main's); null until the room has one. */
  liveState: LiveRoomState | null
  notice: RoomNotice
  lottery: LotteryView | null
  /** The audience figures (main's); null until the business host told them. */
  audience: AudienceView | null
}

export type RoomAction =
  | { type: 'snapshot'; snapshot: RoomSnapshot }
  | { type: 'events'; events: readonly ContractEvent[] }

export const initialRoomState: RoomState = {
  loaded: false,
  roomId: '',
  name: '',
  selfUserId: '',
  viewerUrl: '',
  connection: 'connecting',
  muteAll: false,
  messages: [],
  online: { count: 0, peak: 0 },
  members: [],
  mutes: new Map(),
  bans: new Map(),
  membersMissing: [],
  delivery: { load: null, shedRecent: { High: 0, Normal: 0, Low: 0, Lowest: 0 }, tightRecent: 0 },
  liveState: null,
  notice: { notification: '', introduction: '', history: [] },
  lottery: null,
  audience: null,
}

function withPeople(state: RoomState, people: RoomPeople): RoomState {
  return {
    ...state,
    members: people.members,
    mutes: new Map(people.mutes.map((m) => [m.userId, m.muteUntil])),
    bans: new Map(people.bans.map((b) => [b.userId, b.banUntil])),
    membersMissing: people.missing ?? [],
  }
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action
      // Lines that raced ahead of the snapshot's answer are newer than its last one: keep them.
      const last = snapshot.messages.at(-1)?.sequence ?? -Infinity
      const newer = state.messages.filter((message) => message.sequence > last)
      return withPeople(
        {
          ...state,
          loaded: true,
          roomId: snapshot.roomId,
          name: snapshot.name,
          selfUserId: snapshot.selfUserId,
          viewerUrl: snapshot.viewerUrl,
          connection: snapshot.connection,
          muteAll: snapshot.muteAll,
          messages: appendBounded(snapshot.messages, newer, CHAT_LIMIT),
          online: snapshot.online,
          delivery: snapshot.delivery,
          liveState: snapshot.roomState,
          notice: snapshot.notice,
          lottery: snapshot.lottery,
          audience: snapshot.audience,
        },
        snapshot.people,
      )
    }
    case 'events': {
      let next = state
      let incoming: ChatMessage[] = []
      for (const event of action.events) {
        switch (event.name) {
          case 'room:messages-received':
            incoming = incoming.concat(event.payload)
            break
          case 'room:online-changed': {
            const { count, peak } = event.payload
            next = { ...next, online: { count, peak } }
            break
          }
          case 'room:people-changed':
            next = withPeople(next, event.payload)
            break
          case 'room:connection-changed':
            next = { ...next, connection: event.payload.state }
            break
          case 'room:mute-all-changed':
            next = { ...next, muteAll: event.payload.muteAll }
            break
          case 'room:delivery-changed':
            next = { ...next, delivery: event.payload }
            break
          case 'stream:status-changed':
            break
          case 'room:messages-recalled': {
            const recalled = new Set(event.payload)
            next = { ...next, messages: next.messages.filter((m) => !recalled.has(m.sequence)) }
            incoming = incoming.filter((m) => !recalled.has(m.sequence))
            break
          }
          case 'room:state-changed':
            next = { ...next, liveState: event.payload }
            break
          case 'room:lottery-changed':
            next = { ...next, lottery: event.payload }
            break
          case 'room:audience-changed':
            next = { ...next, audience: event.payload }
            break
          case 'room:profile-changed':
            next = { ...next, name: event.payload.name, notice: event.payload.notice }
            break
          case 'room:snapshot-replaced':
            // A new session (a join that ended, a retry): what the batch said before is its past.
            next = roomReducer(
              { ...next, messages: [] },
              { type: 'snapshot', snapshot: event.payload },
            )
            incoming = []
            break
        }
      }
      const messages = appendBounded(next.messages, incoming, CHAT_LIMIT)
      return messages === next.messages ? next : { ...next, messages }
    }
  }
}
