import type {
  AfterCommand,
  BeforeSendAnswer,
  CallbackBodies,
  CallbackCommand,
  CallbackContext,
  SendMsgBody,
} from '../../common/im-callbacks'
import type { ImRestClient } from '../../common/im-rest-client'
import type { BusinessRoute } from './business-http'
import type { StreamPushEvent } from './css-push'

/**
 * The business host's one way in and one way out (DESIGN.md, "Business logic"): callbacks typed by
 * common/im-callbacks.ts come in — from the embedded room in process, or over HTTP from Tencent
 * Cloud (or a room started with --callback-url) — and the handlers act on the room only through
 * the IM REST API. Nothing here knows which room it serves.
 */

/** One callback as a handler receives it, whichever way it came. */
export type BusinessCallback = {
  [C in CallbackCommand]: {
    command: C
    body: CallbackBodies[C]
    /**
     * The request's ClientIP and OptPlatform. Only callbacks over HTTP have them: the embedded
     * room's in-process hooks pass the body alone.
     */
    context?: CallbackContext
  }
}[CallbackCommand]

/** The port itself: every callback goes through `receive`. */
export interface CallbackReceiver {
  /**
   * Runs the handlers of `callback.command`. A before-send callback resolves with the handlers'
   * answer (undefined: allow unchanged) within the host's budget; any other resolves undefined.
   * Never rejects: a failing handler is logged and counts as "allow".
   */
  receive(callback: BusinessCallback): Promise<BeforeSendAnswer | undefined>
}

export type AfterHandlers = {
  [C in AfterCommand]?: (body: CallbackBodies[C], context: CallbackContext | undefined) => void
}

/** One business capability (online count, gifts, …): its handlers and its lifetime. */
export interface BusinessCapability {
  /** For log lines. */
  readonly name: string
  beforeSend?(
    body: SendMsgBody,
    context: CallbackContext | undefined,
  ): BeforeSendAnswer | undefined | Promise<BeforeSendAnswer | undefined>
  /** After-callbacks; each returns at once (slow work is the capability's own, in the background). */
  readonly after?: AfterHandlers
  /**
   * The room's stream started or dropped (CSS's push callbacks, or the embedded ingest's events;
   * css-push.ts). Returns at once, like an after-handler.
   */
  stream?(event: StreamPushEvent): void
  /** Its HTTP API under `/business/` (business-http.ts), if it has one. */
  readonly routes?: readonly BusinessRoute[]
  /** Cancels timers; work in flight is abandoned. */
  close(): void
}

/**
 * The embedded room's callbacks as the business host consumes them in process. liveroom/index.ts
 * adapts its callback dispatcher to this, so business code never imports the room's internals.
 */
export interface InProcessCallbacks {
  /** Adds a listener for an after-callback; returns its remover. */
  on<C extends AfterCommand>(command: C, listener: (body: CallbackBodies[C]) => void): () => void
}

/** The IM REST API, as the App admin: an ImRestClient, or a fake in unit tests. */
export type RestCaller = Pick<ImRestClient, 'call'>
