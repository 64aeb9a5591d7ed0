import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Clock } from '../../common/clock'
import type { RoomState } from '../../../src-shared/protocol/room-state'
import { createBusinessHttp } from './business-http'
import type { StreamPushEvent } from './css-push'
import type {
  AfterCommand,
  BeforeSendAnswer,
  CallbackBodies,
  CallbackContext,
  SendMsgBody,
} from '../../common/im-callbacks'
import type {
  BusinessCallback,
  BusinessCapability,
  CallbackReceiver,
  InProcessCallbacks,
} from './callback-port'

export interface BusinessHostOptions {
  capabilities: readonly BusinessCapability[]
  clock: Clock
  log: (line: string) => void
  /**
   * How long the before-send handlers may take together, ms; default 1500. Tencent (and the
   * embedded room) wait 2 s for the whole answer and then deliver (reference §5.1); the rest of
   * the 2 s is for the HTTP round trip. Past it the answer is "allow", in time, and it is logged.
   */
  beforeSendBudgetMs?: number
  /** Checks a UserSig of the IM app, for the capabilities' HTTP API. */
  verifyUserSig(userId: string, userSig: string): boolean
  /** Runs once the capabilities are closed. */
  onClose?: () => void
  /** The room state, when it runs: the room server's replays follow it. */
  roomState?: RoomStateView
}

/** What the room server may read of the room state (its replays follow the shows). */
export interface RoomStateView {
  stateOf(groupId: string): RoomState | undefined
  onChange(listener: (groupId: string, state: RoomState) => void): () => void
  replayPublished(groupId: string, showId: string): boolean
}

export const defaultBeforeSendBudgetMs = 1500

type AnyAfterHandler = (body: unknown, context: CallbackContext | undefined) => void

/**
 * The business host: runs its capabilities' handlers for each callback that comes through the
 * port. It never throws at the caller and never answers a before-send callback late: a handler that
 * fails or is too slow is logged and the message is allowed (Tencent's own rule for an app that
 * does not answer).
 */
export class BusinessHost implements CallbackReceiver {
  private readonly budgetMs: number
  private closed = false

  /** Answers a request under `/business/` (business-http.ts) with a capability's route. */
  readonly handleHttp: (request: IncomingMessage, response: ServerResponse) => Promise<void>

  constructor(private readonly options: BusinessHostOptions) {
    this.handleHttp = createBusinessHttp({
      routes: options.capabilities.flatMap((capability) => capability.routes ?? []),
      verifyUserSig: options.verifyUserSig,
      log: options.log,
    })
    this.budgetMs = options.beforeSendBudgetMs ?? defaultBeforeSendBudgetMs
    if (!Number.isSafeInteger(this.budgetMs) || this.budgetMs < 1) {
      throw new Error(
        `beforeSendBudgetMs must be a positive integer (got ${String(options.beforeSendBudgetMs)})`,
      )
    }
  }

  /** The room state capability's public side; undefined when it is turned off. */
  get roomState(): RoomStateView | undefined {
    return this.options.roomState
  }

  /** True when a capability wants before-send callbacks (each costs the sender a round trip). */
  get handlesBeforeSend(): boolean {
    return this.options.capabilities.some((capability) => capability.beforeSend !== undefined)
  }

  /** The after-callback commands some capability handles. */
  get afterCommands(): AfterCommand[] {
    const commands = new Set<AfterCommand>()
    for (const capability of this.options.capabilities) {
      for (const command of Object.keys(capability.after ?? {}))
        commands.add(command as AfterCommand)
    }
    return [...commands]
  }

  async receive(callback: BusinessCallback): Promise<BeforeSendAnswer | undefined> {
    if (this.closed) return undefined
    if (callback.command === 'Group.CallbackBeforeSendMsg') {
      return this.beforeSend(callback.body, callback.context)
    }
    for (const capability of this.options.capabilities) {
      const handler = capability.after?.[callback.command] as AnyAfterHandler | undefined
      if (!handler) continue
      try {
        handler(callback.body, callback.context)
      } catch (error) {
        this.options.log(
          `business: ${capability.name} failed on ${callback.command}: ${(error as Error).message}`,
        )
      }
    }
    return undefined
  }

  /** The room's stream started or dropped: every capability that follows the stream hears it. */
  receiveStream(event: StreamPushEvent): void {
    if (this.closed) return
    for (const capability of this.options.capabilities) {
      try {
        capability.stream?.(event)
      } catch (error) {
        this.options.log(
          `business: ${capability.name} failed on a stream event: ${(error as Error).message}`,
        )
      }
    }
  }

  /** Feeds the host from the embedded room's in-process hooks; returns the detacher. */
  attach(source: InProcessCallbacks): () => void {
    const removers = this.afterCommands.map((command) =>
      source.on(command, (body: CallbackBodies[typeof command]) => {
        void this.receive({ command, body } as BusinessCallback)
      }),
    )
    return () => {
      for (const remove of removers) remove()
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    for (const capability of this.options.capabilities) {
      try {
        capability.close()
      } catch (error) {
        this.options.log(`business: closing ${capability.name} failed: ${(error as Error).message}`)
      }
    }
    this.options.onClose?.()
  }

  private async beforeSend(
    body: SendMsgBody,
    context: CallbackContext | undefined,
  ): Promise<BeforeSendAnswer | undefined> {
    let cancel: (() => void) | undefined
    const late = new Promise<'late'>((resolve) => {
      cancel = this.options.clock.setTimer(() => resolve('late'), this.budgetMs)
    })
    try {
      const answer = await Promise.race([this.decide(body, context), late])
      if (answer === 'late') {
        this.options.log(
          `business: before-send handlers did not answer within ${this.budgetMs} ms; message ${body.MsgId ?? body.Random} in ${body.GroupId} is allowed`,
        )
        return undefined
      }
      return answer
    } finally {
      cancel?.()
    }
    this.options.onClose?.()
  }

  /**
   * Each capability sees the message as the ones before it left it: the first refusal or drop
   * wins, rewrites accumulate (the same rule as the room's in-process handler before its URL).
   */
  private async decide(
    body: SendMsgBody,
    context: CallbackContext | undefined,
  ): Promise<BeforeSendAnswer | undefined> {
    let current = body
    const rewrite: Pick<BeforeSendAnswer, 'MsgBody' | 'CloudCustomData'> = {}
    for (const capability of this.options.capabilities) {
      if (!capability.beforeSend) continue
      let answer: BeforeSendAnswer | undefined
      try {
        answer = await capability.beforeSend(current, context)
      } catch (error) {
        this.options.log(
          `business: ${capability.name} failed on a before-send callback (${(error as Error).message}); it allows the message`,
        )
        continue
      }
      if (!answer) continue
      if (answer.ErrorCode !== 0) return answer
      if (answer.MsgBody !== undefined) {
        rewrite.MsgBody = answer.MsgBody
        current = { ...current, MsgBody: answer.MsgBody }
      }
      if (answer.CloudCustomData !== undefined) {
        rewrite.CloudCustomData = answer.CloudCustomData
        current = { ...current, CloudCustomData: answer.CloudCustomData }
      }
    }
    return rewrite.MsgBody !== undefined || rewrite.CloudCustomData !== undefined
      ? { ErrorCode: 0, ...rewrite }
      : undefined
  }
}
