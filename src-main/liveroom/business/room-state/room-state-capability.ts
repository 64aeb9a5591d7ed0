import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { BusinessId, roomStateVersion } from '../../../../src-shared/protocol/business-messages'
import { ErrorCode } from '../../../../src-shared/protocol/codes'
import {
  encodeRoomStateAttr,
  type RecordingMissing,
  ROOM_STATE_ATTR,
  type RoomState,
  RoomStateAction,
  RoomStateCode,
} from '../../../../src-shared/protocol/room-state'
import { sendBusinessMessage } from '../../../common/business-message-send'
import type { Clock } from '../../../common/clock'
import type { Db } from '../../../common/sqlite'
import type { BusinessRequest, BusinessResponse, BusinessRoute } from '../business-http'
import type { AfterHandlers, BusinessCapability, RestCaller } from '../callback-port'
import { checkCssPush, type StreamPushEvent } from '../css-push'
import { mayDrive } from '../group-roles'
import { type RoomStateEvent, transition } from './room-state-machine'
import {
  forgetRoomState,
  listRoomStates,
  readRoomState,
  replayWasPublished,
  writeDroppedAt,
  writeRoomState,
} from './room-state-store'

/**
 * The room state machine behind the business host (the seed's "라이브 룸 상태", hybrid scheme;
 * docs/business.md "Room state"): this host keeps the state in its own table and is its source;
 * on every change it copies it to the group attribute `room_state` (for whoever is outside the
 * room or joins later) and announces it with a High custom message (for whoever is in it).
 *
 * Drivers: the console (POST room-state/action, by the group's owner or an admin), and the stream
 * (CSS push callbacks, or the embedded ingest's publish events as the same StreamPushEvent): a
 * push starts or resumes the show; a push that drops pauses the room after `pauseAfterMs`, and
 * ends the show `endAfterMs` after the drop unless it came back — back in time, it is the same
 * show.
 */

export interface RoomStateOptions {
  /** How long a dropped stream may be gone before the room is paused, ms; default 10 000. */
  pauseAfterMs?: number
  /** How long after the drop the show ends unless the stream is back, ms; default 300 000. */
  endAfterMs?: number
  /**
   * CSS's callback key (reference §8.2): with it, POST /business/css/callback takes Tencent's
   * push events; without it that route answers 404.
   */
  cssCallbackKey?: string
}

/**
 * The room server's own recordings of its shows (liveroom/replays): what "Publish replay" offers
 * when the console gives no URL. A business host in front of Tencent Cloud has none.
 */
export interface ReplaySource {
  recordingOf(
    groupId: string,
    showId: string,
  ): { ok: true; url: string } | { ok: false; reason: Exclude<RecordingMissing, 'no-recorder'> }
}

export const defaultRoomState = { pauseAfterMs: 10_000, endAfterMs: 300_000 } as const

export interface RoomStateCapabilityOptions extends RoomStateOptions {
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
  store: Db
  recordings?: ReplaySource
}

interface Grace {
  cancelPause: (() => void) | undefined
  cancelEnd: (() => void) | undefined
}

const GROUP_SVC = 'group_open_http_svc'
/** A failed copy to the attribute or the room is tried again this often, this many times. */
const SYNC_RETRY_MS = 2000
const SYNC_ATTEMPTS = 3

const ActionBody = z.object({ groupId: z.string().min(1).max(64) }).passthrough()

const refuse = (status: number, code: number, message: string, data?: Record<string, unknown>) =>
  ({ status, error: { code, message, ...(data ? { data } : {}) } }) satisfies BusinessResponse

function nonNegativeInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`roomState.${name} must be a non-negative integer (got ${String(value)})`)
  }
  return value
}

export class RoomStateCapability implements BusinessCapability {
  readonly name = 'room state'
  readonly after: AfterHandlers
  readonly routes: readonly BusinessRoute[]
  private readonly pauseAfterMs: number
  private readonly endAfterMs: number
  private readonly graces = new Map<string, Grace>()
  /** Each group's copies run one after another, so the room hears changes in their order. */
  private readonly syncs = new Map<string, Promise<void>>()
  private closed = false
  private readonly listeners = new Set<(groupId: string, state: RoomState) => void>()

  constructor(private readonly options: RoomStateCapabilityOptions) {
    this.pauseAfterMs = nonNegativeInteger(
      options.pauseAfterMs ?? defaultRoomState.pauseAfterMs,
      'pauseAfterMs',
    )
    this.endAfterMs = nonNegativeInteger(
      options.endAfterMs ?? defaultRoomState.endAfterMs,
      'endAfterMs',
    )
    if (this.endAfterMs < this.pauseAfterMs) {
      throw new Error('roomState.endAfterMs must not be shorter than pauseAfterMs')
    }
    this.after = {
      'Group.CallbackAfterGroupDestroyed': (body) => {
        this.cancelGrace(body.GroupId)
        forgetRoomState(options.store, body.GroupId)
      },
    }
    this.routes = [
      { method: 'GET', path: 'rooms', authenticated: false, handle: () => this.listRooms() },
      {
        method: 'GET',
        path: 'room-state',
        authenticated: false,
        handle: (request) => this.getRoom(request),
      },
      { method: 'POST', path: 'room-state/action', handle: (request) => this.action(request) },
      {
        method: 'POST',
        path: 'css/callback',
        authenticated: false,
        handle: (request) => this.cssCallback(request),
      },
    ]
    this.rearm()
  }

  /** The state as stored (undefined: the room never had one). */
  stateOf(groupId: string): RoomState | undefined {
    return readRoomState(this.options.store, groupId)?.state
  }

  /** Whether a show's replay was published: its recording is public from then on. */
  replayPublished(groupId: string, showId: string): boolean {
    return replayWasPublished(this.options.store, groupId, showId)
  }

  /** Hears every change (the lottery pauses with the room); returns the remover. */
  onChange(listener: (groupId: string, state: RoomState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Until every copy in flight settled (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.syncs.values()])
  }

  /** A push started or dropped (CSS's callback, or the embedded ingest). */
  stream(event: StreamPushEvent): void {
    if (this.closed) return
    const { groupId } = event
    const stored = readRoomState(this.options.store, groupId)
    if (event.kind === 'started') {
      this.cancelGrace(groupId)
      if (stored?.droppedAt != null) writeDroppedAt(this.options.store, groupId, null)
      this.apply(groupId, { type: 'start' }, 'stream')
      return
    }
    const state = stored?.state.state
    if (state !== 'live' && state !== 'paused') return
    // A second interruption of one drop (CSS retries) keeps the first drop's time.
    const droppedAt = stored?.droppedAt ?? this.options.clock.now()
    if (stored?.droppedAt == null) writeDroppedAt(this.options.store, groupId, droppedAt)
    this.armGrace(groupId, droppedAt, event.errcode)
  }

  /**
   * Applies an event and copies a change out; answers what the machine said. The console's
   * actions take the room out of the stream's hands: a pending grace is cancelled.
   */
  apply(groupId: string, event: RoomStateEvent, operator: string) {
    const stored = readRoomState(this.options.store, groupId)
    const now = this.options.clock.now()
    const result = transition(stored?.state, event, now, () => randomBytes(8).toString('hex'))
    if (result.kind !== 'changed') return result
    const byStream = operator === 'stream'
    if (!byStream) this.cancelGrace(groupId)
    const droppedAt =
      byStream && result.state.state !== 'ended' ? (stored?.droppedAt ?? null) : null
    writeRoomState(this.options.store, groupId, result.state, droppedAt, operator)
    this.options.log(
      `business: room state: ${groupId} is ${result.state.state} (show ${result.state.showId}, by ${operator})`,
    )
    this.sync(groupId, result.state)
    for (const listener of this.listeners) listener(groupId, result.state)
    return result
  }

  close(): void {
    this.closed = true
    for (const groupId of [...this.graces.keys()]) this.cancelGrace(groupId)
  }

  private armGrace(groupId: string, droppedAt: number, errcode: number): void {
    this.cancelGrace(groupId)
    const now = this.options.clock.now()
    const cause = { by: 'stream' as const, errcode }
    const grace: Grace = { cancelPause: undefined, cancelEnd: undefined }
    const pauseIn = droppedAt + this.pauseAfterMs - now
    const stillDropped = () =>
      readRoomState(this.options.store, groupId)?.droppedAt === droppedAt && !this.closed
    if (readRoomState(this.options.store, groupId)?.state.state === 'live') {
      grace.cancelPause = this.options.clock.setTimer(
        () => {
          grace.cancelPause = undefined
          if (stillDropped()) {
            const endsAt = droppedAt + this.endAfterMs
            this.apply(groupId, { type: 'pause', cause, endsAt }, 'stream')
          }
        },
        Math.max(0, pauseIn),
      )
    }
    grace.cancelEnd = this.options.clock.setTimer(
      () => {
        grace.cancelEnd = undefined
        this.graces.delete(groupId)
        if (stillDropped()) this.apply(groupId, { type: 'end', cause }, 'stream')
      },
      Math.max(0, droppedAt + this.endAfterMs - now),
    )
    this.graces.set(groupId, grace)
  }

  private cancelGrace(groupId: string): void {
    const grace = this.graces.get(groupId)
    if (!grace) return
    grace.cancelPause?.()
    grace.cancelEnd?.()
    this.graces.delete(groupId)
  }

  /** A restarted host waits out what is left of each drop's grace. */
  private rearm(): void {
    for (const stored of listRoomStates(this.options.store)) {
      if (stored.droppedAt === null) continue
      const state = stored.state.state
      if (state === 'live' || state === 'paused') {
        const errcode = stored.state.cause?.by === 'stream' ? stored.state.cause.errcode : 0
        this.armGrace(stored.groupId, stored.droppedAt, errcode)
      }
    }
  }

  private sync(groupId: string, state: RoomState): void {
    const previous = this.syncs.get(groupId) ?? Promise.resolve()
    const next = previous.then(() => this.copy(groupId, state))
    this.syncs.set(groupId, next)
    void next.finally(() => {
      if (this.syncs.get(groupId) === next) this.syncs.delete(groupId)
    })
  }

  /** The attribute first (the recovery path), then the message; each retried a few times. */
  private async copy(groupId: string, state: RoomState): Promise<void> {
    const latest = () => this.stateOf(groupId)?.since === state.since
    await this.attempt(groupId, 'the room_state attribute', latest, () =>
      this.options.rest.call(GROUP_SVC, 'modify_group_attr', {
        GroupId: groupId,
        GroupAttr: [{ key: ROOM_STATE_ATTR, value: encodeRoomStateAttr(state) }],
      }),
    )
    await this.attempt(groupId, 'the room-state message', latest, () =>
      // High: the seed's advice — a shed state message leaves a viewer on a frozen frame.
      sendBusinessMessage(
        this.options.rest,
        groupId,
        { businessID: BusinessId.roomState, version: roomStateVersion, ...state },
        'High',
      ),
    )
  }

  private async attempt(
    groupId: string,
    what: string,
    stillLatest: () => boolean,
    call: () => Promise<unknown>,
  ): Promise<void> {
    for (let attempt = 1; attempt <= SYNC_ATTEMPTS; attempt++) {
      if (this.closed || !stillLatest()) return
      try {
        await call()
        return
      } catch (error) {
        const words = error instanceof Error ? error.message : String(error)
        if (attempt === SYNC_ATTEMPTS) {
          this.options.log(`business: room state: writing ${what} of ${groupId} failed (${words})`)
          return
        }
        await new Promise<void>((resolve) => this.options.clock.setTimer(resolve, SYNC_RETRY_MS))
      }
    }
  }

  private listRooms(): BusinessResponse {
    return {
      status: 200,
      body: {
        rooms: listRoomStates(this.options.store).map((stored) => ({
          groupId: stored.groupId,
          ...stored.state,
        })),
      },
    }
  }

  private getRoom(request: BusinessRequest): BusinessResponse {
    const groupId = request.query.get('groupId')
    if (!groupId) return refuse(400, ErrorCode.invalidParameter, 'Give ?groupId=<the group ID>')
    return { status: 200, body: { groupId, roomState: this.stateOf(groupId) ?? null } }
  }

  private async action(request: BusinessRequest): Promise<BusinessResponse> {
    const body = ActionBody.safeParse(request.body)
    const action = RoomStateAction.safeParse(request.body)
    if (!body.success || !action.success) {
      return refuse(
        400,
        ErrorCode.invalidParameter,
        'Send {groupId, action} with action schedule (scheduledAt, title), start, pause, resume, end or publish-replay (replayUrl)',
      )
    }
    const groupId = body.data.groupId
    const caller = request.caller?.userId ?? ''
    const allowed = await mayDrive(this.options.rest, groupId, caller)
    if (allowed !== true) return allowed
    const asked = toEvent(action.data)
    let event: RoomStateEvent
    if (asked.type === 'publish-replay' && asked.replayUrl === undefined) {
      const recording = this.serverRecording(groupId)
      if (recording.ok === false) return recording.refusal
      event = { type: 'publish-replay', replayUrl: recording.url }
    } else {
      event = asked as RoomStateEvent
    }
    const result = this.apply(groupId, event, caller)
    if (result.kind === 'refused') {
      return refuse(409, result.code, `The room state was not changed: ${result.reason}`, {
        state: this.stateOf(groupId)?.state ?? 'none',
        action: action.data.action,
      })
    }
    return { status: 200, body: { groupId, roomState: this.stateOf(groupId) ?? null } }
  }

  /** The room server's recording of the ended show, or the refusal that says why there is none. */
  private serverRecording(
    groupId: string,
  ): { ok: true; url: string } | { ok: false; refusal: BusinessResponse } {
    const state = this.stateOf(groupId)
    if (state?.state !== 'ended' && state?.state !== 'replay') {
      return {
        ok: false,
        refusal: refuse(409, RoomStateCode.notNow, 'A replay is published after the show ends', {
          state: state?.state ?? 'none',
          action: 'publish-replay',
        }),
      }
    }
    const answer = this.options.recordings?.recordingOf(groupId, state.showId) ?? {
      ok: false as const,
      reason: 'no-recorder' as const,
    }
    if (answer.ok) return answer
    const words: Record<RecordingMissing, string> = {
      'no-recorder': 'this server does not record shows; give the replay URL',
      'no-ffmpeg': 'the room server found no ffmpeg to record with; give the replay URL',
      'not-recorded': 'the show never went out through this server’s ingest; give the replay URL',
      joining: 'the recording is still being put together; try again in a few seconds',
      'join-failed':
        'putting the recording together failed (see the server log); give the replay URL',
    }
    return {
      ok: false,
      refusal: refuse(
        409,
        RoomStateCode.noRecording,
        `No recording of this show: ${words[answer.reason]}`,
        {
          reason: answer.reason,
        },
      ),
    }
  }

  private cssCallback(request: BusinessRequest): BusinessResponse {
    const key = this.options.cssCallbackKey
    if (!key) return refuse(404, ErrorCode.badResourceUrl, 'CSS callbacks are not switched on')
    const checked = checkCssPush(request.body, key, this.options.clock.now())
    if (!checked.ok) {
      this.options.log(`business: room state: a CSS callback was refused (${checked.reason})`)
      return checked.reason === 'body'
        ? refuse(400, ErrorCode.invalidParameter, 'Not a CSS push event')
        : refuse(
            401,
            ErrorCode.badSignature,
            `The CSS callback's ${checked.reason === 'sign' ? 'sign does not match' : 't has passed'}`,
          )
    }
    if (checked.event) this.stream(checked.event)
    return { status: 200, body: { code: 0 } }
  }
}

/** A publish-replay without its URL is completed by the action from the server's recording. */
type ActionEvent =
  | Exclude<RoomStateEvent, { type: 'publish-replay' }>
  | { type: 'publish-replay'; replayUrl: string | undefined }

function toEvent(action: RoomStateAction): ActionEvent {
  switch (action.action) {
    case 'schedule':
      return { type: 'schedule', scheduledAt: action.scheduledAt, title: action.title }
    case 'start':
      return { type: 'start' }
    case 'pause':
      return { type: 'pause', cause: { by: 'console' } }
    case 'resume':
      return { type: 'resume' }
    case 'end':
      return { type: 'end', cause: { by: 'console' } }
    case 'publish-replay':
      return { type: 'publish-replay', replayUrl: action.replayUrl }
  }
}
