import { randomBytes } from 'node:crypto'
import { ErrorCode, Limits } from '../../src-shared/protocol/codes'
import {
  type MsgElem,
  type Priority,
  type RoomLoad,
  type WireMessage,
  utf8Bytes,
} from '../../src-shared/protocol/frames'
import type {
  BeforeSendDecision,
  CallbackContext,
  CallbackDispatcher,
  SendMsgBody,
} from './callbacks'
import { afterSendMsgBody, sendMsgBody, sendMsgExceptionBody } from './callback-bodies'
import type { SetTimer } from '../common/clock'
import { FrequencyControl } from './frequency-control'
import { LoadMeter } from './room-load'
import { withoutControls } from '../common/unicode-text'
import type { Store } from './store'

/** One message offered to a group, by a client or through REST. */
export interface SendRequest {
  groupId: string
  from: string
  /** Who asked: the sender, or the App admin calling REST (Operator_Account). */
  operator: string
  nick: string
  priority: Priority
  msgBody: MsgElem[]
  cloudCustomData?: string
  random?: number
  /** False: store `random` but skip the sender's duplicate check (send_broadcast_msg has its own). */
  checkDuplicate?: boolean
  /** Text limit in UTF-8 bytes; clients have a tighter one than REST. */
  maxTextBytes?: number
  /**
   * REST OnlineOnlyFlag 1: delivered to who is online, not stored, so not in a joiner's history
   * nor in group_msg_get_simple (docs/rest-api.md). It still takes the next sequence.
   */
  onlineOnly?: boolean
  /** REST ForbidCallbackControl. */
  skipBeforeCallback?: boolean
  skipAfterCallback?: boolean
  context: CallbackContext
}

export type SendResult =
  | {
      ok: true
      message: WireMessage
      /** False for a duplicate (the original is returned), a drop by the app, or a shed message. */
      delivered: boolean
    }
  | { ok: false; code: number; message: string; data?: Record<string, unknown> }

export interface MessagePipelineOptions {
  store: Store
  callbacks: CallbackDispatcher
  now: () => number
  setTimer: SetTimer
  maxMessagesPerSecond: number
  isAppAdmin: (userId: string) => boolean
  /** Fan-out of a delivered message to the group's members. */
  deliver: (message: WireMessage) => void
  log: (line: string) => void
  random?: () => number
  /**
   * How messages of one priority share a window over the cap: `senders` (default) in rounds, so
   * one sender cannot crowd out the rest; `random`, Tencent's rule as stated (for comparison).
   */
  frequencyShare?: 'senders' | 'random'
  /** A group's frequency-control window just ended (room-load, docs/protocol.md). */
  reportLoad?: (groupId: string, load: RoomLoad) => void
}

/** Tencent de-duplicates a sender's repeated `Random` within this window (reference §3.3). */
const duplicateWindowMs = 5 * 60_000

interface Candidate {
  priority: Priority
  /** Who sent it: the frequency control shares an overflowing window among senders. */
  sender: string
  request: SendRequest
  /** The message's id (also the callbacks' MsgId). */
  id: string
  body: SendMsgBody
  msgBody: MsgElem[]
  cloudCustomData: string | undefined
  isModified: boolean
  respond: (result: SendResult) => void
}

/** A candidate handed to the frequency control, with the load meter's window it was offered in. */
interface Offered extends Candidate {
  window: number
}

interface Lane {
  frequency: FrequencyControl<Offered>
  load: LoadMeter
  lastSeq: number
  /** Keeps a group's messages in arrival order across the asynchronous before-send check. */
  tail: Promise<void>
}

const failure = (
  code: number,
  message: string,
  data?: Record<string, unknown>,
): Extract<SendResult, { ok: false }> =>
  data ? { ok: false, code, message, data } : { ok: false, code, message }

function textWithoutControls(elem: MsgElem): MsgElem {
  if (elem.MsgType !== 'TIMTextElem') return elem
  const text = withoutControls(elem.MsgContent.Text)
  return text === elem.MsgContent.Text ? elem : { ...elem, MsgContent: { Text: text } }
}

/** Problems with the message itself, before anything else is looked at. */
export function checkMessage(
  msgBody: readonly MsgElem[],
  cloudCustomData: string | undefined,
  maxTextBytes: number,
): { code: number; message: string } | undefined {
  if (msgBody.length === 0) return { code: ErrorCode.invalidParameter, message: 'MsgBody is empty' }
  if (msgBody.filter((elem) => elem.MsgType === 'TIMCustomElem').length > 1) {
    return {
      code: ErrorCode.invalidParameter,
      message: 'A message may carry only one TIMCustomElem',
    }
  }
  const texts = msgBody.flatMap((elem) =>
    elem.MsgType === 'TIMTextElem' ? [elem.MsgContent.Text] : [],
  )
  if (texts.length === msgBody.length && texts.join('').trim() === '') {
    return { code: ErrorCode.invalidParameter, message: 'Message is empty' }
  }
  const textBytes = utf8Bytes(texts.join(''))
  if (textBytes > maxTextBytes) {
    return {
      code: ErrorCode.messageTooLong,
      message: `Message is ${textBytes} bytes; the limit is ${maxTextBytes} UTF-8 bytes`,
    }
  }
  const totalBytes = utf8Bytes(JSON.stringify(msgBody)) + utf8Bytes(cloudCustomData ?? '')
  if (totalBytes > Limits.maxMessageBytes) {
    return {
      code: ErrorCode.messageTooLong,
      message: `Message is ${totalBytes} bytes with its elements and CloudCustomData; the limit is ${Limits.maxMessageBytes}`,
    }
  }
  return undefined
}

/**
 * The one path every group message takes, from a client or from REST send_group_msg
 * (DESIGN.md): validate → mute → before-send callback → frequency control → store → fan-out →
 * after-send callback. `respond` is called exactly once, before the fan-out, so a sender's answer
 * always precedes the message frame it causes.
 */
export class MessagePipeline {
  private readonly lanes = new Map<string, Lane>()
  private closed = false

  constructor(private options: MessagePipelineOptions) {}

  get maxMessagesPerSecond(): number {
    return this.options.maxMessagesPerSecond
  }

  /** Every group's cap, from the next admission on (FrequencyControl.setCap). */
  setMaxMessagesPerSecond(cap: number): void {
    for (const lane of this.lanes.values()) {
      lane.frequency.setCap(cap)
      lane.load.setCap(cap)
    }
    this.options = { ...this.options, maxMessagesPerSecond: cap }
  }

  submit(offered: SendRequest, respond: (result: SendResult) => void): void {
    const { store, now, callbacks } = this.options
    // Control characters never reach a screen (or a callback): a line of text stays a line.
    const request = { ...offered, msgBody: offered.msgBody.map(textWithoutControls) }
    const profile = store.groups.profile(request.groupId)
    if (!profile) {
      return respond(failure(ErrorCode.groupNotFound, `Group "${request.groupId}" does not exist`))
    }
    const time = now()
    const id = `${request.groupId}-${time}-${randomBytes(4).toString('hex')}`
    const body = sendMsgBody({
      groupId: request.groupId,
      from: request.from,
      operator: request.operator,
      random: request.random,
      msgBody: request.msgBody,
      cloudCustomData: request.cloudCustomData,
      msgId: id,
      eventTime: time,
      onlineOnly: request.onlineOnly,
    })
    const fail = (result: Extract<SendResult, { ok: false }>): void => {
      respond(result)
      this.exception(body, request, result.code, result.message)
    }

    const invalid = checkMessage(
      request.msgBody,
      request.cloudCustomData,
      request.maxTextBytes ?? Limits.maxMessageBytes,
    )
    if (invalid) return fail(failure(invalid.code, invalid.message))

    if (request.random !== undefined && request.checkDuplicate !== false) {
      // A retried send (same Random) gets the original message back and is not delivered again.
      const original = store.messages.findByRandom(
        request.groupId,
        request.from,
        request.random,
        time - duplicateWindowMs,
      )
      if (original) return respond({ ok: true, message: original, delivered: false })
    }

    if (!this.options.isAppAdmin(request.from)) {
      const muteUntil = store.mutes.muteUntil(request.groupId, request.from)
      if (muteUntil > time) {
        return fail(
          failure(
            ErrorCode.muted,
            `You are muted in this room until ${new Date(muteUntil).toISOString()}`,
            { muteUntil },
          ),
        )
      }
      if (profile.muteAllMembers && store.groups.roleOf(profile, request.from) === 'Member') {
        return fail(
          failure(
            ErrorCode.muted,
            'Everyone except the owner and admins is muted in this room right now',
            { muteAll: true },
          ),
        )
      }
    }

    const candidate = (decision: Extract<BeforeSendDecision, { kind: 'allow' }>): Candidate => ({
      priority: request.priority,
      sender: request.from,
      request,
      id,
      body,
      msgBody: decision.msgBody ?? request.msgBody,
      cloudCustomData: decision.cloudCustomData ?? request.cloudCustomData,
      isModified: decision.msgBody !== undefined || decision.cloudCustomData !== undefined,
      respond,
    })

    if (!callbacks.hasBeforeSend) {
      this.offer(this.lane(request.groupId), candidate({ kind: 'allow' }))
      return
    }
    const decided: Promise<BeforeSendDecision> = request.skipBeforeCallback
      ? Promise.resolve({ kind: 'allow' })
      : callbacks.beforeSendMsg(body, request.context)
    const lane = this.lane(request.groupId)
    lane.tail = lane.tail
      .then(() => decided)
      .then((decision) => {
        if (this.closed) return
        if (!store.groups.get(request.groupId)) {
          return respond(
            failure(ErrorCode.groupNotFound, `Group "${request.groupId}" was destroyed`),
          )
        }
        if (decision.kind === 'reject') return fail(failure(decision.code, decision.message))
        if (decision.kind === 'drop') {
          return respond({
            ok: true,
            message: this.wouldBe(candidate({ kind: 'allow' })),
            delivered: false,
          })
        }
        const next = candidate(decision)
        if (decision.msgBody || decision.cloudCustomData !== undefined) {
          const bad = checkMessage(next.msgBody, next.cloudCustomData, Limits.maxMessageBytes)
          if (bad)
            return fail(failure(bad.code, `The before-send callback's rewrite: ${bad.message}`))
        }
        this.offer(this.lane(request.groupId), next)
      })
      .catch((error: unknown) => {
        this.options.log(`liveroom: sending a message failed: ${(error as Error).message}`)
        respond(failure(ErrorCode.internal, 'Internal server error; the message was not sent'))
      })
  }

  /** The group was destroyed: messages waiting in it are answered with 10010. */
  forgetGroup(groupId: string): void {
    const lane = this.lanes.get(groupId)
    this.lanes.delete(groupId)
    lane?.load.close()
    lane?.frequency.close()
  }

  close(): void {
    this.closed = true
    for (const groupId of [...this.lanes.keys()]) this.forgetGroup(groupId)
  }

  private offer(lane: Lane, item: Candidate): void {
    lane.frequency.offer({ ...item, window: lane.load.offered(item.priority) })
  }

  private lane(groupId: string): Lane {
    let lane = this.lanes.get(groupId)
    if (!lane) {
      const { reportLoad } = this.options
      const created: Lane = {
        lastSeq: this.options.store.messages.lastSeq(groupId),
        tail: Promise.resolve(),
        load: new LoadMeter({
          cap: this.options.maxMessagesPerSecond,
          now: this.options.now,
          setTimer: this.options.setTimer,
          report: (load) => reportLoad?.(groupId, load),
        }),
        frequency: new FrequencyControl<Offered>(
          {
            maxPerWindow: this.options.maxMessagesPerSecond,
            now: this.options.now,
            setTimer: this.options.setTimer,
            random: this.options.random,
            among: this.options.frequencyShare,
          },
          (item, admitted) => this.decided(created, item, admitted),
        ),
      }
      lane = created
      this.lanes.set(groupId, lane)
    }
    return lane
  }

  private wouldBe(item: Candidate, sequence?: number): WireMessage {
    const message: WireMessage = {
      ID: item.id,
      to: item.request.groupId,
      sequence: sequence ?? (this.lanes.get(item.request.groupId)?.lastSeq ?? 0) + 1,
      from: item.request.from,
      nick: item.request.nick,
      time: this.options.now(),
      priority: item.priority,
      msgBody: item.msgBody,
    }
    if (item.cloudCustomData !== undefined) message.cloudCustomData = item.cloudCustomData
    if (item.isModified) message.isModified = true
    return message
  }

  private decided(lane: Lane, item: Offered, admitted: boolean): void {
    const { store } = this.options
    const { request } = item
    lane.load.decided(item.window, item.priority, admitted)
    if (this.lanes.get(request.groupId) !== lane || !store.groups.get(request.groupId)) {
      item.respond(failure(ErrorCode.groupNotFound, `Group "${request.groupId}" was destroyed`))
      return
    }
    if (!admitted) {
      // Tencent's rule: a throttled message is neither stored nor delivered, yet its sender is
      // told it succeeded; only the exception callback learns of it.
      item.respond({ ok: true, message: this.wouldBe(item), delivered: false })
      this.exception(
        { ...item.body, MsgBody: item.msgBody },
        request,
        ErrorCode.sendFrequencyLimit,
        `Over the group's limit of ${this.options.maxMessagesPerSecond} messages per second; dropped by priority`,
      )
      return
    }
    // An online-only message takes the next sequence like any other, so members order it among
    // the rest and a recall naming it finds no stored message (10030) instead of another one.
    // History has a gap there, which group_msg_get_simple (`seq <= ReqMsgSeq`) does not mind. A
    // restarted room counts on from the last stored sequence, so the sequences of online-only
    // messages sent after it are issued again; clients tell messages apart by ID.
    const message = this.wouldBe(item, lane.lastSeq + 1)
    try {
      if (!request.onlineOnly) store.messages.insert(message, request.random)
    } catch (error) {
      // Logged, not thrown: the frequency control is deciding a whole window in one loop.
      this.options.log(`liveroom: storing a message failed: ${(error as Error).message}`)
      item.respond(failure(ErrorCode.internal, 'Internal server error; the message was not stored'))
      return
    }
    lane.lastSeq = message.sequence
    item.respond({ ok: true, message, delivered: true })
    this.options.deliver(message)
    if (!request.skipAfterCallback) {
      this.options.callbacks.emit(
        'Group.CallbackAfterSendMsg',
        afterSendMsgBody(item.body, message),
        request.context,
      )
    }
  }

  private exception(body: SendMsgBody, request: SendRequest, code: number, info: string): void {
    this.options.callbacks.emit(
      'Group.CallbackSendMsgException',
      sendMsgExceptionBody(body, code, info),
      request.context,
    )
  }
}
