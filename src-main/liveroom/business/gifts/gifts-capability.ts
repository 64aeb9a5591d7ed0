import { randomBytes, randomInt } from 'node:crypto'
import { DEFAULT_APP_ADMIN, ErrorCode } from '../../../../src-shared/protocol/codes'
import { maxGiftCount } from '../../../../src-shared/protocol/gift-catalogue'
import type { GiftFeed } from '../../../../src-shared/protocol/gift-feed'
import {
  claimsTuiGift,
  GiftErrorCode,
  type GiftOrderAnswer,
  GiftOrderRequest,
  maxLikesPerMessage,
  parseGiftData,
  TUIGIFT,
  TUIGIFT_LIKE,
  type TuiGiftMessage,
  type TuiUser,
} from '../../../../src-shared/protocol/gift-messages'
import type { Clock } from '../../../common/clock'
import type { BeforeSendAnswer, CallbackMsgElem, SendMsgBody } from '../../../common/im-callbacks'
import { RoomError } from '../../../common/room-error'
import type { Db } from '../../../common/sqlite'
import type { BusinessRequest, BusinessResponse, BusinessRoute } from '../business-http'
import type { AfterHandlers, BusinessCapability, RestCaller } from '../callback-port'
import type { BillingPort } from './billing'
import { BillingWebhook, type BillingWebhookOptions } from './billing-webhook'
import { findGiftCatalogueDir, GIFT_IMAGE_PATH, loadGiftCatalogue } from './catalogue-file'
import { type ComboFlush, ComboMerger, type ComboOptions } from './gift-combo'
import { type ComboRow, externalWallets, GiftLedger } from './gift-ledger'
import type { LevelActivity } from '../levels/levels-capability'
import { LikeTally } from './like-tally'
import { OrderDesk, type OrderOutcome } from './order-desk'
import { RoomFacts } from './room-facts'

/**
 * Gifts and likes (docs/business.md "Gifts and likes"; the seed's "선물 및 좋아요 메시지 모범 사례"):
 *
 * 1. A viewer page orders a gift with a short request (`POST /business/gifts/orders`); the order
 *    is billed against the viewer's wallet in the business database and answered once committed —
 *    the sender shows "X sent Y" at once, whatever happens to the room message later.
 * 2. Billed gifts are merged into combos (gift-combo.ts) and sent to the room through the IM REST
 *    API as `TIMCustomElem` at High priority, in the JSON shape of Tencent's TUIGift message.
 * 3. Likes are not billed: the page aggregates taps into one `TUIGift_like` message per short
 *    window, at Low priority, and this capability counts them in the before-send callback (so a
 *    shed like still counts) and writes the room's total into the message.
 *
 * Only the business host's own messages are gifts: a viewer who sends TUIGift JSON is dropped in
 * before-send, and receivers trust a TUIGift message only from `senderId`.
 */

export interface GiftsOptions {
  /** Coins a new wallet starts with; default 10 000 (the embedded room's grant). A function is
   * asked at each new wallet (the console's setting). Not used with `billing`. */
  startingBalance?: number | (() => number)
  /**
   * An external billing system that keeps the wallets instead of the business database
   * (billing.ts): the signed webhook (`--billing-url`), or a port of the deployment's own.
   */
  billing?: { webhook: BillingWebhookOptions } | { port: BillingPort }
  combo?: ComboOptions
  /** The folder of catalogue.json; default resources/gifts found from this code. */
  catalogueDir?: string
  /**
   * Whether a room is live for gifting: true, false, or undefined when this host cannot tell (no
   * ingest of its own; then gifting is open). The embedded room answers from its ingest.
   */
  isLive?: (groupId: string) => boolean | undefined
  /** The account the business host's REST calls are made as; its messages are the trusted ones. */
  senderId?: string
}

export const defaultStartingBalance = 10_000

export interface GiftsDeps {
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
  store: Db
  /**
   * Hears each billed gift (its value in coins) and each like counted: the audience's heat and
   * the viewer levels (issue 12 §3). A failure there is logged; the gift or like goes on.
   */
  activity?: LevelActivity
}

/** How often the combos' and likes' bookkeeping is written, ms. */
const bookkeepingMs = 250
const feedLimit = 200
/** How long after start combos a restart interrupted are finished, ms. */
const resumeAfterMs = 1000

const refuse = (
  status: number,
  code: number,
  message: string,
  data?: Record<string, unknown>,
): BusinessResponse => ({ status, error: { code, message, ...(data ? { data } : {}) } })

const newComboId = (): string => `c_${randomBytes(9).toString('base64url')}`

export class GiftsCapability implements BusinessCapability {
  readonly name = 'gifts'
  readonly after: AfterHandlers
  readonly routes: readonly BusinessRoute[]
  readonly ledger: GiftLedger
  private readonly catalogue
  private readonly facts: RoomFacts
  private readonly combos: ComboMerger
  private readonly desk: OrderDesk
  private readonly likes: LikeTally
  private readonly senderId: string
  /** The external billing system; undefined: the ledger's own wallets pay. */
  private readonly billing: BillingPort | undefined
  private readonly sent = new Map<string, { count: number; messages: number }>()
  private readonly delivered = new Map<string, number>()
  private readonly ended = new Set<string>()
  private cancelBookkeeping: (() => void) | undefined
  private readonly cancelResume: () => void
  private closed = false

  constructor(
    private readonly options: GiftsOptions,
    private readonly deps: GiftsDeps,
  ) {
    const dir = options.catalogueDir ?? findGiftCatalogueDir(__dirname)
    if (!dir) throw new Error('The gift catalogue (resources/gifts/catalogue.json) was not found')
    this.catalogue = loadGiftCatalogue(dir)
    this.senderId = options.senderId ?? DEFAULT_APP_ADMIN
    const billing = options.billing
    this.billing = billing
      ? 'port' in billing
        ? billing.port
        : new BillingWebhook(billing.webhook)
      : undefined
    if (this.billing && options.startingBalance !== undefined) {
      deps.log(
        `business: gifts: the starting balance has no effect: the wallets are the ${this.billing.name}’s`,
      )
    }
    this.ledger = new GiftLedger(
      deps.store,
      this.billing ? externalWallets : (options.startingBalance ?? defaultStartingBalance),
    )
    this.facts = new RoomFacts({ rest: deps.rest, clock: deps.clock })
    this.likes = new LikeTally(this.ledger)
    this.combos = new ComboMerger(
      {
        clock: deps.clock,
        flush: (message) => void this.sendGift(message),
        ended: (comboId) => this.ended.add(comboId) && this.bookkeepSoon(),
        newComboId,
      },
      options.combo,
    )
    this.desk = new OrderDesk(
      this.ledger,
      ({ order }) => {
        this.combos.add(
          { groupId: order.groupId, userId: order.userId, giftId: order.giftId },
          order.comboId,
          order.count,
        )
        this.tell(order.groupId, order.userId, 'gift', order.amount)
      },
      deps.log,
    )
    this.after = {
      'Group.CallbackAfterSendMsg': (body) => this.afterSend(body),
      'Group.CallbackAfterMemberExit': (body) => {
        if (body.ExitType === 'Kicked') this.facts.forgetBans(body.GroupId)
      },
    }
    this.routes = [
      { method: 'GET', path: 'gifts/catalogue', authenticated: false, handle: () => this.served() },
      {
        method: 'GET',
        path: `${GIFT_IMAGE_PATH}*`,
        authenticated: false,
        handle: (request) => this.image(request),
      },
      { method: 'GET', path: 'wallet', handle: (request) => this.wallet(request) },
      { method: 'POST', path: 'gifts/orders', handle: (request) => this.order(request) },
      { method: 'GET', path: 'gifts/feed', handle: (request) => this.feed(request) },
      { method: 'POST', path: 'gifts/thanked', handle: (request) => this.thank(request) },
      {
        method: 'GET',
        path: 'likes',
        authenticated: false,
        handle: (request) => this.likeTotal(request),
      },
    ]
    // Once the host runs (its REST API may not be reachable while it is being built).
    const interrupted = this.ledger.openCombos()
    this.cancelResume = deps.clock.setTimer(() => this.resumeCombos(interrupted), resumeAfterMs)
  }

  /**
   * Viewers may not send gifts themselves: a TUIGift message from anyone but the business host
   * is dropped. A like message is counted and goes on with the room's total written in.
   */
  beforeSend(body: SendMsgBody): BeforeSendAnswer | undefined {
    if (body.From_Account === this.senderId) return undefined
    const index = body.MsgBody.findIndex((elem) => elem.MsgType === 'TIMCustomElem')
    if (index < 0) return undefined
    const elem = body.MsgBody[index] as CallbackMsgElem
    const data = (elem.MsgContent as { Data?: unknown }).Data
    if (typeof data !== 'string') return undefined
    if (claimsTuiGift(data)) {
      this.deps.log(`business: gifts: dropped a gift message ${body.From_Account} sent itself`)
      return { ErrorCode: 2, ErrorInfo: 'Gifts are sent through the business server' }
    }
    if (!data.includes(TUIGIFT_LIKE)) return undefined
    const like = parseGiftData(data)
    if (!like || like.businessID !== TUIGIFT_LIKE) {
      return { ErrorCode: 2, ErrorInfo: 'Not a like message' }
    }
    const claimed = Math.min(like.data.likeCount ?? 1, maxLikesPerMessage)
    const { counted, total } = this.likes.add(
      body.GroupId,
      body.From_Account,
      claimed,
      this.deps.clock.now(),
    )
    this.bookkeepSoon()
    if (counted > 0) this.tell(body.GroupId, body.From_Account, 'like', counted)
    const rewritten = JSON.stringify({
      ...like,
      data: { ...like.data, likeCount: counted, totalLikeCount: total },
    })
    const MsgBody = body.MsgBody.map((e, i) =>
      i === index ? { MsgType: 'TIMCustomElem' as const, MsgContent: { Data: rewritten } } : e,
    ) as BeforeSendAnswer['MsgBody']
    return { ErrorCode: 0, MsgBody }
  }

  private tell(groupId: string, userId: string, kind: 'like' | 'gift', amount: number): void {
    try {
      this.deps.activity?.record(groupId, userId, kind, amount)
    } catch (error) {
      this.deps.log(`business: gifts: telling the ${kind} on failed: ${(error as Error).message}`)
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.combos.close()
    this.cancelResume()
    this.cancelBookkeeping?.()
    this.bookkeep()
  }

  private served(): BusinessResponse {
    return { status: 200, body: { ...this.catalogue.served, senderId: this.senderId } }
  }

  private image(request: BusinessRequest): BusinessResponse {
    const file = request.path.slice(GIFT_IMAGE_PATH.length)
    const image = this.catalogue.image(file)
    return image
      ? { status: 200, ...image }
      : refuse(404, ErrorCode.badResourceUrl, 'No such gift image')
  }

  private async wallet(request: BusinessRequest): Promise<BusinessResponse> {
    const userId = (request.caller as { userId: string }).userId
    if (!this.billing) {
      return {
        status: 200,
        body: { userId, balance: this.ledger.balance(userId, this.deps.clock.now()) },
      }
    }
    let balance: number | undefined
    try {
      balance = await this.billing.balance(userId)
    } catch (error) {
      this.deps.log(`business: gifts: reading ${userId}'s balance: ${(error as Error).message}`)
      return this.answerFor({ kind: 'billing-unavailable' })
    }
    return balance === undefined
      ? this.answerFor({ kind: 'billing-refused', code: 'unknown-user' })
      : { status: 200, body: { userId, balance } }
  }

  private async order(request: BusinessRequest): Promise<BusinessResponse> {
    const userId = (request.caller as { userId: string }).userId
    const parsed = GiftOrderRequest.safeParse(request.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return refuse(
        400,
        ErrorCode.invalidParameter,
        `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'} (send orderId, groupId, giftId and count)`,
        { field: issue?.path.join('.') ?? '' },
      )
    }
    const { groupId, giftId, count } = parsed.data
    const gift = this.catalogue.byId.get(giftId)
    if (!gift) {
      return refuse(404, GiftErrorCode.unknownGift, `There is no gift "${giftId.slice(0, 32)}"`, {
        giftId: giftId.slice(0, 32),
      })
    }
    if (!Number.isSafeInteger(count) || count < 1 || count > maxGiftCount) {
      return refuse(400, GiftErrorCode.countOutOfRange, `Send 1 to ${maxGiftCount} gifts at once`, {
        min: 1,
        max: maxGiftCount,
      })
    }
    // A committed order answers the same however often it is retried, whatever changed since
    // (and behind a billing system, without calling it).
    const earlier = this.ledger.committed(this.chargeOf(userId, parsed.data, gift.price, '', ''))
    if (earlier) return this.answerFor(earlier)
    if (this.options.isLive?.(groupId) === false) {
      return refuse(409, GiftErrorCode.roomNotLive, 'Gifts open when the stream is live', {
        groupId,
      })
    }
    let nick: string
    try {
      await this.facts.owner(groupId)
      if (await this.facts.banned(groupId, userId)) {
        return refuse(403, GiftErrorCode.senderBanned, 'You are banned from this room')
      }
      nick = await this.facts.nick(userId)
    } catch (error) {
      if (error instanceof RoomError && error.code === ErrorCode.groupNotFound) {
        return refuse(404, ErrorCode.groupNotFound, error.message)
      }
      this.deps.log(`business: gifts: checking an order failed: ${(error as Error).message}`)
      return refuse(
        503,
        ErrorCode.internal,
        'The room cannot be reached; nothing was charged. Try again',
      )
    }
    const key = { groupId, userId, giftId }
    const comboId = this.combos.comboIdFor(key)
    const charge = this.chargeOf(userId, parsed.data, gift.price, comboId, nick)
    const outcome = this.billing
      ? await this.desk.submitBilled(charge, this.billing)
      : await this.desk.submit(charge)
    return this.answerFor(outcome)
  }

  private chargeOf(
    userId: string,
    order: GiftOrderRequest,
    price: number,
    comboId: string,
    senderNick: string,
  ) {
    return {
      userId,
      orderId: order.orderId,
      groupId: order.groupId,
      giftId: order.giftId,
      count: order.count,
      price,
      comboId,
      senderNick,
      now: this.deps.clock.now(),
    }
  }

  private answerFor(outcome: OrderOutcome): BusinessResponse {
    switch (outcome.kind) {
      case 'charged':
      case 'repeated': {
        const { order } = outcome
        const body: GiftOrderAnswer = {
          orderId: order.orderId,
          groupId: order.groupId,
          giftId: order.giftId,
          count: order.count,
          price: order.price,
          amount: order.amount,
          balance: outcome.balance,
          comboId: order.comboId,
          repeated: outcome.kind === 'repeated',
        }
        return { status: 200, body }
      }
      case 'reused':
        return refuse(
          409,
          GiftErrorCode.orderIdReused,
          'This order id was used for another order; make a new one',
          { orderId: outcome.order.orderId },
        )
      case 'insufficient':
        return outcome.balance === undefined
          ? refuse(
              402,
              GiftErrorCode.insufficientBalance,
              `Not enough coins: this costs ${outcome.amount}`,
              {
                amount: outcome.amount,
              },
            )
          : refuse(
              402,
              GiftErrorCode.insufficientBalance,
              `Not enough coins: this costs ${outcome.amount} and the balance is ${outcome.balance}`,
              { balance: outcome.balance, amount: outcome.amount },
            )
      case 'billing-refused':
        return refuse(
          outcome.code === 'unknown-user' ? 404 : 403,
          GiftErrorCode.billingRefused,
          outcome.code === 'unknown-user'
            ? 'The billing system does not know this viewer; nothing was charged'
            : 'The billing system refused this order; nothing was charged',
          { reason: outcome.code, ...(outcome.message ? { detail: outcome.message } : {}) },
        )
      case 'billing-unavailable':
        return refuse(
          503,
          GiftErrorCode.billingUnavailable,
          'The billing system did not answer; nothing was committed. Try again with the same order id',
        )
    }
  }

  private async hostOf(
    request: BusinessRequest,
    groupId: string,
  ): Promise<BusinessResponse | undefined> {
    const userId = (request.caller as { userId: string }).userId
    try {
      const { ownerId } = await this.facts.owner(groupId)
      if (userId === ownerId || userId === this.senderId) return undefined
    } catch (error) {
      if (error instanceof RoomError && error.code === ErrorCode.groupNotFound) {
        return refuse(404, ErrorCode.groupNotFound, error.message)
      }
      return refuse(503, ErrorCode.internal, 'The room cannot be reached; try again')
    }
    return refuse(403, GiftErrorCode.notRoomHost, "Only the room's host reads the gift feed")
  }

  private async feed(request: BusinessRequest): Promise<BusinessResponse> {
    const groupId = request.query.get('groupId') ?? ''
    const refused = await this.hostOf(request, groupId)
    if (refused) return refused
    const now = this.deps.clock.now()
    const number = (name: string, fallback: number) => {
      const value = Number(request.query.get(name) ?? '')
      return Number.isSafeInteger(value) && value >= 0 ? value : fallback
    }
    const since = number('since', now - 86_400_000)
    const today = number('today', since)
    this.bookkeep()
    const entries = this.ledger.feed(groupId, since, feedLimit).map((combo) => ({
      comboId: combo.comboId,
      userId: combo.userId,
      nick: combo.senderNick,
      giftId: combo.giftId,
      names: this.catalogue.byId.get(combo.giftId)?.names ?? {
        en: combo.giftId,
        ko: combo.giftId,
        'zh-CN': combo.giftId,
      },
      count: combo.total,
      amount: combo.amount,
      final: combo.ended,
      large: this.catalogue.byId.get(combo.giftId)?.tier === 'large',
      startedAt: combo.startedAt,
      lastAt: combo.lastAt,
      thankedAt: combo.thankedAt,
    }))
    const body: GiftFeed = {
      groupId,
      entries,
      totals: this.ledger.totals(groupId, since),
      top: {
        show: this.ledger.topGifters(groupId, since, 10),
        today: this.ledger.topGifters(groupId, today, 10),
      },
      waiting: entries.filter((entry) => entry.thankedAt === null).length,
      shed: this.ledger.shed(groupId, since),
      likes: { total: this.likes.total(groupId), lastMinute: this.likes.lastMinute(groupId, now) },
    }
    return { status: 200, body }
  }

  private async thank(request: BusinessRequest): Promise<BusinessResponse> {
    const body = request.body as { groupId?: unknown; comboId?: unknown } | null
    const groupId = typeof body?.groupId === 'string' ? body.groupId : ''
    const comboId = typeof body?.comboId === 'string' ? body.comboId : ''
    if (!groupId || !comboId) {
      return refuse(400, ErrorCode.invalidParameter, 'Send groupId and comboId')
    }
    const refused = await this.hostOf(request, groupId)
    if (refused) return refused
    const userId = (request.caller as { userId: string }).userId
    this.bookkeep()
    const marked = this.ledger.thank(groupId, comboId, userId, this.deps.clock.now())
    const combo = this.ledger.combo(comboId)
    if (!combo || combo.groupId !== groupId) {
      return refuse(404, ErrorCode.invalidParameter, 'No such gift in this room')
    }
    return { status: 200, body: { comboId, thankedAt: combo.thankedAt, already: !marked } }
  }

  private likeTotal(request: BusinessRequest): BusinessResponse {
    const groupId = (request.query.get('groupId') ?? '').slice(0, 48)
    return { status: 200, body: { groupId, total: this.likes.total(groupId) } }
  }

  /** One room message of a combo: TUIGift JSON, High priority, through the IM REST API. */
  private async sendGift(flush: ComboFlush): Promise<void> {
    const gift = this.catalogue.byId.get(flush.giftId)
    if (!gift || this.closed) return
    const sent = this.sent.get(flush.comboId) ?? { count: 0, messages: 0 }
    this.sent.set(flush.comboId, { count: sent.count + flush.count, messages: sent.messages + 1 })
    this.bookkeepSoon()
    const user = (userId: string, userName: string): TuiUser => ({
      userId,
      userName,
      avatarUrl: '',
      level: '0',
    })
    try {
      const { ownerId } = await this.facts.owner(flush.groupId)
      const [senderNick, ownerNick] = await Promise.all([
        this.facts.nick(flush.userId),
        this.facts.nick(ownerId),
      ])
      const message: TuiGiftMessage = {
        version: '1.0',
        businessID: TUIGIFT,
        platform: 'Web',
        data: {
          gift: {
            giftId: gift.id,
            giftName: gift.names.en,
            imageUrl: gift.imageUrl,
            animationUrl: '',
            price: gift.price,
            extInfo: {
              liveDesk: {
                comboId: flush.comboId,
                comboTotal: flush.total,
                final: flush.final,
                tier: gift.tier,
              },
            },
          },
          giftCount: flush.count,
          sender: user(flush.userId, senderNick),
          receiver: user(ownerId, ownerNick),
        },
      }
      await this.deps.rest.call('group_open_http_svc', 'send_group_msg', {
        GroupId: flush.groupId,
        Random: randomInt(0, 4_294_967_295),
        // The room's highest: gifts are what a frequency-controlled room must not shed (the seed;
        // reference §1.1: High for red packets and prizes).
        MsgPriority: 'High',
        MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: JSON.stringify(message) } }],
      })
    } catch (error) {
      // Billed all the same: the feed is the ledger's, and counts this message as shed.
      this.deps.log(
        `business: gifts: sending combo ${flush.comboId} to ${flush.groupId} failed: ${(error as Error).message}`,
      )
    }
  }

  /** The after-send callback of our own gift message: it was delivered (not shed). */
  private afterSend(body: SendMsgBody): void {
    if (body.From_Account !== this.senderId) return
    const elem = body.MsgBody.find((e) => e.MsgType === 'TIMCustomElem')
    const data = (elem?.MsgContent as { Data?: unknown } | undefined)?.Data
    if (typeof data !== 'string' || !data.includes(TUIGIFT)) return
    const gift = parseGiftData(data)
    if (gift?.businessID !== TUIGIFT) return
    const comboId = gift.data.gift.extInfo?.liveDesk?.comboId
    if (!comboId) return
    this.delivered.set(comboId, (this.delivered.get(comboId) ?? 0) + gift.data.giftCount)
    this.bookkeepSoon()
  }

  /** Combos a restart interrupted: what they still owe the room is sent now, final. */
  private resumeCombos(interrupted: readonly ComboRow[]): void {
    for (const combo of interrupted) {
      this.combos.resume(
        { groupId: combo.groupId, userId: combo.userId, giftId: combo.giftId },
        combo.comboId,
        combo.total - combo.sent,
        combo.total,
      )
    }
  }

  private bookkeepSoon(): void {
    if (this.closed || this.cancelBookkeeping) return
    this.cancelBookkeeping = this.deps.clock.setTimer(() => {
      this.cancelBookkeeping = undefined
      this.bookkeep()
    }, bookkeepingMs)
  }

  /** Writes what messages were sent and delivered, which combos ended, and the like totals. */
  private bookkeep(): void {
    if (this.sent.size + this.delivered.size + this.ended.size === 0 && !this.likes.hasUnsaved) {
      return
    }
    try {
      this.ledger.transaction(() => {
        for (const [comboId, sent] of this.sent) {
          this.ledger.recordSent(comboId, sent.count, sent.messages)
        }
        for (const [comboId, count] of this.delivered) this.ledger.recordDelivered(comboId, count)
        for (const comboId of this.ended) this.ledger.endCombo(comboId)
        this.likes.save(this.deps.clock.now())
      })
      this.sent.clear()
      this.delivered.clear()
      this.ended.clear()
    } catch (error) {
      this.deps.log(`business: gifts: bookkeeping failed: ${(error as Error).message}`)
    }
  }
}
