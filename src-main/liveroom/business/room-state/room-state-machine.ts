import {
  MAX_REPLAY_URL_BYTES,
  MAX_SHOW_TITLE_BYTES,
  type RoomState,
  type RoomStateCause,
  RoomStateCode,
  type RoomStateName,
} from '../../../../src-shared/protocol/room-state'

/**
 * The room state's transitions, pure (docs/business.md, "Room state"):
 *
 * ```text
 *   (none) ─schedule→ scheduled ─start→ live ⇄ paused
 *                                        live, paused ─end→ ended ─publish-replay→ replay
 *   ended, replay ─schedule/start→ a new show
 * ```
 *
 * One show runs from its first `start` to its `end`: a pause and its resume keep the show id, so
 * a stream that drops and comes back within the end grace is the same show. `start` on a room
 * that is already live changes nothing (the console's Go live and the encoder's publish both say
 * it); every other action that does not apply is refused with RoomStateCode.notNow.
 */

export type RoomStateEvent =
  | { type: 'schedule'; scheduledAt: number; title: string }
  | { type: 'start' }
  /** `endsAt`: when a stream's drop ends the show unless it returns (the end grace). */
  | { type: 'pause'; cause: RoomStateCause; endsAt?: number }
  | { type: 'resume' }
  | { type: 'end'; cause: RoomStateCause }
  | { type: 'publish-replay'; replayUrl: string }

export type Transition =
  | { kind: 'changed'; state: RoomState }
  | { kind: 'unchanged' }
  | { kind: 'refused'; code: number; reason: string }

const allowedFrom: Record<RoomStateEvent['type'], readonly (RoomStateName | 'none')[]> = {
  schedule: ['none', 'scheduled', 'ended', 'replay'],
  start: ['none', 'scheduled', 'paused', 'ended', 'replay'],
  pause: ['live'],
  resume: ['paused'],
  end: ['scheduled', 'live', 'paused'],
  'publish-replay': ['ended', 'replay'],
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length

/** A replay plays from an http(s) URL or from a path of the room server itself (`/recordings/…`). */
export function validReplayUrl(url: string): boolean {
  if (utf8Bytes(url) > MAX_REPLAY_URL_BYTES) return false
  if (url.startsWith('/') && !url.startsWith('//')) return !/[\s\\]/.test(url)
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * The state after `event` at `now`. `newShowId` is asked for only when a new show begins.
 */
export function transition(
  current: RoomState | undefined,
  event: RoomStateEvent,
  now: number,
  newShowId: () => string,
): Transition {
  const from = current?.state ?? 'none'
  if (event.type === 'start' && from === 'live') return { kind: 'unchanged' }
  if (!allowedFrom[event.type].includes(from)) {
    return {
      kind: 'refused',
      code: RoomStateCode.notNow,
      reason: `cannot ${event.type} a room that is ${from === 'none' ? 'not started' : from}`,
    }
  }
  const base = { since: now, cause: null, endsAt: null }
  switch (event.type) {
    case 'schedule': {
      if (event.scheduledAt <= now) {
        return { kind: 'refused', code: RoomStateCode.badSchedule, reason: 'the time has passed' }
      }
      const title = event.title.trim()
      if (utf8Bytes(title) > MAX_SHOW_TITLE_BYTES) {
        return {
          kind: 'refused',
          code: RoomStateCode.badSchedule,
          reason: `the title is over ${MAX_SHOW_TITLE_BYTES} bytes`,
        }
      }
      return {
        kind: 'changed',
        state: {
          ...base,
          state: 'scheduled',
          // Rescheduling moves the same show; scheduling after an end is a new one.
          showId: from === 'scheduled' && current ? current.showId : newShowId(),
          scheduledAt: event.scheduledAt,
          replayUrl: null,
          startedAt: null,
          endedAt: null,
          title,
        },
      }
    }
    case 'start':
    case 'resume': {
      if (from === 'paused' && current) {
        return { kind: 'changed', state: { ...current, ...base, state: 'live' } }
      }
      const scheduled = from === 'scheduled' && current ? current : undefined
      return {
        kind: 'changed',
        state: {
          ...base,
          state: 'live',
          showId: scheduled?.showId ?? newShowId(),
          scheduledAt: scheduled?.scheduledAt ?? null,
          replayUrl: null,
          startedAt: now,
          endedAt: null,
          title: scheduled?.title ?? '',
        },
      }
    }
    case 'pause':
      return {
        kind: 'changed',
        state: {
          ...(current as RoomState),
          since: now,
          state: 'paused',
          cause: event.cause,
          endsAt: event.endsAt ?? null,
        },
      }
    case 'end':
      return {
        kind: 'changed',
        state: {
          ...(current as RoomState),
          since: now,
          state: 'ended',
          endedAt: now,
          cause: event.cause,
          endsAt: null,
        },
      }
    case 'publish-replay':
      if (!validReplayUrl(event.replayUrl)) {
        return {
          kind: 'refused',
          code: RoomStateCode.badReplayUrl,
          reason: 'the replay URL is not an http(s) URL or a path of this server',
        }
      }
      return {
        kind: 'changed',
        state: { ...(current as RoomState), ...base, state: 'replay', replayUrl: event.replayUrl },
      }
  }
}
