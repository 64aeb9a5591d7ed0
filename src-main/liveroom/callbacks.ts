import { ErrorCode } from '../../src-shared/protocol/codes'
import { MsgElem } from '../../src-shared/protocol/frames'
import {
  type AfterCommand,
  BeforeSendAnswer,
  type CallbackBodies,
  type CallbackCommand,
  type CallbackContext,
  callbackSign,
  type SendMsgBody,
} from '../common/im-callbacks'

export type { AfterCommand, CallbackContext, SendMsgBody } from '../common/im-callbacks'

/**
 * Delivery of Tencent IM callbacks (reference §5): the bodies (built by callback-bodies.ts, typed by
 * common/im-callbacks.ts) are offered to in-process handlers and POSTed to the app's callback URL,
 * so one set of handlers serves the embedded room and Tencent Cloud alike.
 */

export type BeforeSendHandler = (
  body: SendMsgBody,
) => BeforeSendAnswer | undefined | Promise<BeforeSendAnswer | undefined>
export type AfterHandler<C extends AfterCommand> = (body: CallbackBodies[C]) => void

/** In-process handlers, by Tencent command name. */
export type CallbackHandlers = {
  'Group.CallbackBeforeSendMsg'?: BeforeSendHandler
} & { [C in AfterCommand]?: AfterHandler<C> }

/** The before-send outcome the message pipeline acts on. */
export type BeforeSendDecision =
  | { kind: 'allow'; msgBody?: MsgElem[]; cloudCustomData?: string }
  | { kind: 'reject'; code: number; message: string }
  | { kind: 'drop' }

export interface CallbackDispatcherOptions {
  sdkAppId: number
  now: () => number
  log: (line: string) => void
  url?: string
  /** Webhook token: adds Sign and RequestTime (reference §5.1). */
  token?: string
  /** Before-send answer deadline; Tencent's is 2 s, after which the message is delivered. */
  timeoutMs?: number
  /** After-callbacks waiting for the URL beyond this many are dropped, oldest first. */
  maxQueuedPosts?: number
  /** After-callbacks posted to the URL at once. */
  maxConcurrentPosts?: number
  handlers?: CallbackHandlers
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

/** Maps a before-send answer to a decision; `source` names who answered, for the log. */
export function decideBeforeSend(
  answer: BeforeSendAnswer | undefined,
  log: (line: string) => void,
  source: string,
): BeforeSendDecision {
  if (!answer) return { kind: 'allow' }
  const code = answer.ErrorCode
  if (code === 0) {
    const decision: BeforeSendDecision = { kind: 'allow' }
    if (answer.MsgBody !== undefined) {
      const body = MsgElem.array().min(1).safeParse(answer.MsgBody)
      if (body.success) decision.msgBody = body.data
      else log(`liveroom: ${source} returned an invalid MsgBody; the original is delivered`)
    }
    if (typeof answer.CloudCustomData === 'string') {
      decision.cloudCustomData = answer.CloudCustomData
    }
    return decision
  }
  if (code === 2) return { kind: 'drop' }
  if (code >= 10100 && code <= 10200) {
    return {
      kind: 'reject',
      code,
      message: answer.ErrorInfo || 'The message was refused by the room’s rules',
    }
  }
  if (code !== 1) {
    // Tencent names only 0, 1, 2 and 10100–10200; any other explicit "not OK" is a refusal too.
    log(`liveroom: ${source} answered ErrorCode ${code}; treated as a rejection (1)`)
  }
  return {
    kind: 'reject',
    code: ErrorCode.rejectedByCallback,
    message: 'The message was refused by the room’s before-send check',
  }
}

/**
 * Delivers callbacks. Before-send: the in-process handler, then the URL, each within the timeout;
 * no answer, a failed request or a bad body means "deliver" (Tencent's rule). After-callbacks:
 * handlers run at once (errors are logged), URL posts go through a bounded queue, fire-and-forget,
 * so a slow or dead endpoint costs memory up to the bound and never blocks a room.
 */
export class CallbackDispatcher {
  private readonly handlers: CallbackHandlers
  private readonly listeners = new Map<AfterCommand, Set<(body: never) => void>>()
  private readonly queue: { command: AfterCommand; body: unknown; context: CallbackContext }[] = []
  private inFlight = 0
  private droppedSinceLog = 0
  private closed = false
  private readonly timeoutMs: number
  private readonly maxQueued: number
  private readonly maxConcurrent: number
  private readonly active = new Set<AbortController>()

  constructor(private readonly options: CallbackDispatcherOptions) {
    this.handlers = options.handlers ?? {}
    this.timeoutMs = options.timeoutMs ?? 2000
    this.maxQueued = options.maxQueuedPosts ?? 1000
    this.maxConcurrent = options.maxConcurrentPosts ?? 8
    if (options.url !== undefined) {
      const url = new URL(options.url)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`callbackUrl must be http: or https: (got ${url.protocol})`)
      }
    }
  }

  /** True when a before-send check can change anything; the pipeline skips it otherwise. */
  get hasBeforeSend(): boolean {
    return this.handlers['Group.CallbackBeforeSendMsg'] !== undefined || !!this.options.url
  }

  /** Adds an in-process listener for an after-callback; returns its remover. */
  on<C extends AfterCommand>(command: C, listener: AfterHandler<C>): () => void {
    let set = this.listeners.get(command)
    if (!set) this.listeners.set(command, (set = new Set()))
    set.add(listener as (body: never) => void)
    return () => set.delete(listener as (body: never) => void)
  }

  async beforeSendMsg(body: SendMsgBody, context: CallbackContext): Promise<BeforeSendDecision> {
    const command = 'Group.CallbackBeforeSendMsg'
    let current = body
    let rewritten: Extract<BeforeSendDecision, { kind: 'allow' }> | undefined
    const handler = this.handlers[command]
    if (handler) {
      const answer = await this.ask('the in-process before-send handler', () =>
        Promise.resolve(handler(current)),
      )
      const decision = decideBeforeSend(answer, this.options.log, 'the before-send handler')
      if (decision.kind !== 'allow') return decision
      if (decision.msgBody || decision.cloudCustomData !== undefined) {
        rewritten = decision
        current = {
          ...current,
          MsgBody: decision.msgBody ?? current.MsgBody,
          ...(decision.cloudCustomData !== undefined
            ? { CloudCustomData: decision.cloudCustomData }
            : {}),
        }
      }
    }
    if (this.options.url && !this.closed) {
      const answer = await this.ask(`callback URL ${this.options.url}`, async () => {
        const json = await this.post(command, current, context, this.timeoutMs)
        const parsed = BeforeSendAnswer.safeParse(json)
        if (!parsed.success) throw new Error('the answer is not {ErrorCode, …} JSON')
        return parsed.data as BeforeSendAnswer
      })
      const decision = decideBeforeSend(answer, this.options.log, 'the callback URL')
      if (decision.kind !== 'allow') return decision
      if (decision.msgBody || decision.cloudCustomData !== undefined) {
        return {
          kind: 'allow',
          msgBody: decision.msgBody ?? rewritten?.msgBody,
          cloudCustomData: decision.cloudCustomData ?? rewritten?.cloudCustomData,
        }
      }
    }
    return rewritten ?? { kind: 'allow' }
  }

  emit<C extends AfterCommand>(
    command: C,
    body: CallbackBodies[C],
    context: CallbackContext,
  ): void {
    const run = (listener: ((body: never) => void) | undefined): void => {
      if (!listener) return
      try {
        ;(listener as (body: CallbackBodies[C]) => void)(body)
      } catch (error) {
        this.options.log(`liveroom: ${command} handler failed: ${(error as Error).message}`)
      }
    }
    run(this.handlers[command] as ((body: never) => void) | undefined)
    for (const listener of this.listeners.get(command) ?? []) run(listener)
    if (!this.options.url || this.closed) return
    if (this.queue.length >= this.maxQueued) {
      this.queue.shift()
      if (this.droppedSinceLog++ === 0) {
        this.options.log(
          `liveroom: callback URL is not keeping up; dropping the oldest queued callbacks (queue limit ${this.maxQueued})`,
        )
      }
    }
    this.queue.push({ command, body, context })
    this.pump()
  }

  /** Stops posting: queued after-callbacks are dropped and requests in flight are aborted. */
  close(): void {
    this.closed = true
    this.queue.length = 0
    for (const controller of this.active) controller.abort()
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.maxConcurrent && this.queue.length > 0) {
      const next = this.queue.shift()
      if (!next) return
      this.inFlight++
      this.post(next.command, next.body, next.context, this.timeoutMs)
        .catch((error: unknown) =>
          this.options.log(
            `liveroom: ${next.command} to the callback URL failed: ${(error as Error).message}`,
          ),
        )
        .finally(() => {
          this.inFlight--
          if (this.queue.length === 0) this.droppedSinceLog = 0
          this.pump()
        })
    }
  }

  private async ask(
    who: string,
    call: () => Promise<BeforeSendAnswer | undefined>,
  ): Promise<BeforeSendAnswer | undefined> {
    try {
      const answer = await withTimeout(call(), this.timeoutMs)
      if (answer === 'timeout') {
        this.options.log(`liveroom: ${who} did not answer within ${this.timeoutMs} ms; delivering`)
        return undefined
      }
      return answer
    } catch (error) {
      this.options.log(`liveroom: ${who} failed (${(error as Error).message}); delivering`)
      return undefined
    }
  }

  private async post(
    command: CallbackCommand,
    body: unknown,
    context: CallbackContext,
    timeoutMs: number,
  ): Promise<unknown> {
    const url = new URL(this.options.url as string)
    const query = url.searchParams
    query.set('SdkAppid', String(this.options.sdkAppId))
    query.set('CallbackCommand', command)
    query.set('contenttype', 'json')
    query.set('ClientIP', context.clientIp)
    query.set('OptPlatform', context.platform)
    if (this.options.token) {
      const requestTime = Math.floor(this.options.now() / 1000)
      query.set('Sign', callbackSign(this.options.token, requestTime))
      query.set('RequestTime', String(requestTime))
    }
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    this.active.add(controller)
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ CallbackCommand: command, ...(body as object) }),
        signal: controller.signal,
      })
      const text = await response.text()
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new Error('the answer is not JSON')
      }
    } finally {
      clearTimeout(timer)
      this.active.delete(controller)
    }
  }
}
