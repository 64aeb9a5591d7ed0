import { z } from 'zod'

/**
 * The live room's state (the seed guide's "라이브 룸 상태": scheduled → live ⇄ paused → ended →
 * replay), as the business host keeps it (src-main/liveroom/business/room-state) and tells it:
 *
 * - in the group attribute `room_state` (ROOM_STATE_ATTR), for whoever is outside the room or
 *   joined after the last change — the seed's scheme 2;
 * - in a High-priority custom message to the room (RoomStateMessage), for whoever is in it — the
 *   seed's scheme 1. A custom message can be shed, so a client that missed one recovers from the
 *   attribute (it reads it when it joins, and the group-attributes-changed event carries it).
 *
 * The attribute's documented fields are `state`, `showId`, `since`, `scheduledAt` and
 * `replayUrl` (docs/protocol.md); `startedAt`, `title` and `cause` are LiveDesk's additions, and a
 * reader strips fields it does not know.
 */

export const ROOM_STATE_ATTR = 'room_state'

export const RoomStateName = z.enum(['scheduled', 'live', 'paused', 'ended', 'replay'])
export type RoomStateName = z.infer<typeof RoomStateName>

/** Longest show title, UTF-8 bytes: a group Name's limit (reference §2.1). */
export const MAX_SHOW_TITLE_BYTES = 30
/** Longest replay URL, bytes: the attribute stays far under Tencent's 4 KB (reference §2.2). */
export const MAX_REPLAY_URL_BYTES = 1024

/** Why the room paused or ended: the console, or the stream with CSS's interruption errcode. */
export const RoomStateCause = z.union([
  z.object({ by: z.literal('console') }),
  /** `errcode` is CSS's (reference §8.2: 1 deleteStream, 3 TCP closed, …); 0 when none. */
  z.object({ by: z.literal('stream'), errcode: z.number().int() }),
])
export type RoomStateCause = z.infer<typeof RoomStateCause>

export const RoomState = z.object({
  state: RoomStateName,
  /** The show this state belongs to; one show runs from its first `live` to its `ended`. */
  showId: z.string().max(64),
  /** Unix ms the room entered `state`. */
  since: z.number().int().nonnegative(),
  /** Unix ms the show is scheduled to start; null when not scheduled. */
  scheduledAt: z.number().int().nonnegative().nullable(),
  /** Where the show's recording plays; null until a replay is published. */
  replayUrl: z.string().max(MAX_REPLAY_URL_BYTES).nullable(),
  /** Unix ms the show first went live; null before that (scheduled). */
  startedAt: z.number().int().nonnegative().nullable().default(null),
  /** Unix ms the show ended; null before. Ended's "show length" is endedAt − startedAt. */
  endedAt: z.number().int().nonnegative().nullable().default(null),
  title: z
    .string()
    .max(MAX_SHOW_TITLE_BYTES * 3)
    .default(''),
  cause: RoomStateCause.nullable().default(null),
  /**
   * Paused because the stream dropped: Unix ms the show ends by itself unless the stream is back
   * by then (the console's countdown); null otherwise.
   */
  endsAt: z.number().int().nonnegative().nullable().default(null),
})
export type RoomState = z.infer<typeof RoomState>

/** The attribute's value for a state. */
export function encodeRoomStateAttr(state: RoomState): string {
  return JSON.stringify(state)
}

/** The state a `room_state` attribute value carries, or undefined (absent, not JSON, not ours). */
export function parseRoomStateAttr(value: string | undefined): RoomState | undefined {
  if (value === undefined) return undefined
  try {
    const parsed = RoomState.safeParse(JSON.parse(value))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The state in a group's attribute map, as a spreadable `{ roomState }` (empty when none). */
export function roomStateOf(attributes: Record<string, string> | undefined): {
  roomState?: RoomState
} {
  const roomState = parseRoomStateAttr(attributes?.[ROOM_STATE_ATTR])
  return roomState ? { roomState } : {}
}

/**
 * The newer of two views of the room's state: a message and the attribute may arrive in either
 * order, so the one that entered its state later wins (a tie keeps `current`).
 */
export function newerRoomState(
  current: RoomState | undefined,
  offered: RoomState | undefined,
): RoomState | undefined {
  if (!offered) return current
  if (!current) return offered
  return offered.since > current.since ? offered : current
}

/**
 * What the console may ask the business host to do (POST /business/room-state/action). Going
 * live is `start`: the console's Go live and the encoder's publish both start or resume the show.
 */
export const RoomStateAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('schedule'),
    /** Unix ms. */
    scheduledAt: z.number().int().positive(),
    title: z.string().default(''),
  }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('end') }),
  /** Without `replayUrl`: the room server's own recording of the show (docs/business.md). */
  z.object({ action: z.literal('publish-replay'), replayUrl: z.string().min(1).optional() }),
])
export type RoomStateAction = z.infer<typeof RoomStateAction>
export type RoomStateActionName = RoomStateAction['action']

/**
 * LiveDesk's codes for a refused room-state request (no Tencent code means the same). Each is
 * worded once per language in the renderer (`error.roomState.*`).
 */
export const RoomStateCode = {
  /** The action does not apply in the room's current state (`params.state`, `params.action`). */
  notNow: 12001,
  /** A schedule time in the past, a title over MAX_SHOW_TITLE_BYTES. */
  badSchedule: 12002,
  /** A replay URL that is not http(s) or a path of this server, or too long. */
  badReplayUrl: 12003,
  /** The console has no business host for this room (a Tencent room without one configured). */
  noBusinessHost: 12004,
  /** The room server has no recording of the show to publish (`params.reason`: RecordingMissing). */
  noRecording: 12005,
} as const

/**
 * Why the room server has no recording of a show to publish: no ffmpeg to record with, nothing
 * recorded (the show never went live through its ingest), still joining the parts, or the join
 * failed.
 */
export const RecordingMissing = z.enum([
  'no-recorder',
  'no-ffmpeg',
  'not-recorded',
  'joining',
  'join-failed',
])
export type RecordingMissing = z.infer<typeof RecordingMissing>
