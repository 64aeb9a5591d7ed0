import { performance } from 'node:perf_hooks'
import {
  FILTER_RULES_MAX,
  FilterCode,
  FilterRuleInput,
  type FilterRule,
} from '../../../../src-shared/contract/filters'
import { ErrorCode } from '../../../../src-shared/protocol/codes'
import type { Clock } from '../../../common/clock'
import type { BeforeSendAnswer, CallbackMsgElem, SendMsgBody } from '../../../common/im-callbacks'
import type { Db } from '../../../common/sqlite'
import type { BusinessRequest, BusinessResponse, BusinessRoute } from '../business-http'
import type { BusinessCapability, RestCaller } from '../callback-port'
import { compilePattern, CompiledRules, type FilterDecision } from './filter-engine'
import { FilterStore } from './filter-store'
import { ReviewDecision } from '../../../../src-shared/contract/review'
import { AuditQuery, AuditReport, type AuditAction } from '../../../../src-shared/contract/audit'
import { AuditLog, type AuditRecord } from './audit-log'
import { ReviewQueue, type ReviewQueueOptions } from './review-queue'
import { RoomRoles } from './room-roles'
import { RoomSafetyRules, slowAnswer } from './room-safety'
import { RoomSafetyChange } from '../../../../src-shared/contract/room-safety'

/**
 * Keyword filters on the before-send callback (issue 13 §1; the seed's "라이브 룸에서 민감한 콘텐츠
 * 필터링"): each room's rules, kept in the business database, decide on every text message before
 * it is delivered — reject (10016), drop (ErrorCode 2, the sender told it was sent), hold for the
 * review queue (also ErrorCode 2), or mask (a modified message). Only the callback and REST are
 * used, so the same rules run behind Tencent Cloud.
 *
 * The rules' HTTP API (`/business/filters/rules`) is for the room's owner and admins, as the room
 * itself says (room-roles.ts).
 */

export interface KeywordFiltersOptions {
  /**
   * How long the rules may take on one message, ms (a monotonic clock); default 1000, inside the
   * host's 1.5 s budget. Past it the rules not yet checked are settled by their `onTimeout`.
   */
  deadlineMs?: number
  /** The review queue's claim and expiry times. */
  review?: ReviewQueueOptions
}

export interface KeywordFiltersDeps {
  store: Db
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
  /** A monotonic ms clock (performance.now); tests pass their own. */
  monotonicMs?: () => number
}

export const defaultFilterDeadlineMs = 1000
/** How often matches are added to the rules' counts, ms. */
const hitsFlushMs = 2000

const refuse = (
  status: number,
  code: number,
  message: string,
  data?: Record<string, unknown>,
): BusinessResponse => ({ status, error: { code, message, ...(data ? { data } : {}) } })

const GROUP_ID = /^[A-Za-z0-9_@#$.-]{1,48}$/
/** A moderator's name as the owner's console names them: no control or format characters. */
const ACTOR = /^[^\p{Cc}\p{Cf}]{1,32}$/u

export class KeywordFilters implements BusinessCapability {
  readonly name = 'keyword filters'
  readonly routes: readonly BusinessRoute[]
  private readonly store: FilterStore
  private readonly roles: RoomRoles
  private readonly review: ReviewQueue
  private readonly audit: AuditLog
  private readonly safety: RoomSafetyRules
  /** The rules' own actions, written with the hit counts (not one write per chat line). */
  private readonly pendingAudit: AuditRecord[] = []
  private readonly compiled = new Map<string, CompiledRules>()
  private readonly pendingHits = new Map<number, number>()
  private cancelFlush: (() => void) | undefined
  private readonly deadlineMs: number
  private readonly monotonicMs: () => number
  private closed = false

  constructor(
    options: KeywordFiltersOptions,
    private readonly deps: KeywordFiltersDeps,
  ) {
    this.store = new FilterStore(deps.store)
    this.roles = new RoomRoles(deps.rest, deps.clock)
    this.audit = new AuditLog(deps.store)
    this.safety = new RoomSafetyRules(deps.store, this.store)
    this.review = new ReviewQueue(
      this.store,
      deps.rest,
      deps.clock,
      options.review,
      (row, text, state, by) =>
        this.audit.record({
          groupId: row.group_id,
          actor: by,
          target: row.from_account,
          action: state === 'approved' ? 'review-approve' : 'review-deny',
          reason: row.rule_pattern ? `rule ${row.rule_id}: ${row.rule_pattern}` : '',
          durationSeconds: 0,
          message: text,
          at: this.deps.clock.now(),
        }),
    )
    this.deadlineMs = options.deadlineMs ?? defaultFilterDeadlineMs
    this.monotonicMs = deps.monotonicMs ?? (() => performance.now())
    this.routes = [
      { method: 'GET', path: 'filters/rules', handle: (request) => this.list(request) },
      { method: 'POST', path: 'filters/rules', handle: (request) => this.add(request) },
      { method: 'DELETE', path: 'filters/rules', handle: (request) => this.remove(request) },
      { method: 'GET', path: 'review/items', handle: (request) => this.reviewList(request) },
      {
        method: 'POST',
        path: 'review/claim',
        handle: (request) => this.reviewAct(request, 'claim'),
      },
      {
        method: 'POST',
        path: 'review/decide',
        handle: (request) => this.reviewAct(request, 'decide'),
      },
      { method: 'GET', path: 'audit/entries', handle: (request) => this.auditList(request) },
      { method: 'GET', path: 'safety/settings', handle: (request) => this.safetyGet(request) },
      { method: 'POST', path: 'safety/settings', handle: (request) => this.safetySet(request) },
      { method: 'POST', path: 'audit/entries', handle: (request) => this.auditReport(request) },
    ]
  }

  beforeSend(body: SendMsgBody): BeforeSendAnswer | undefined {
    if (this.closed) return undefined
    const answer = this.decideOn(body)
    // The slow-mode interval runs from each message that went (a masked one went too).
    if (!answer || answer.ErrorCode === 0) {
      this.safety.sent(body.GroupId, body.From_Account, this.deps.clock.now())
    }
    return answer
  }

  private decideOn(body: SendMsgBody): BeforeSendAnswer | undefined {
    // The App admin's own REST messages (Operator_Account set, From_Account another) are the
    // business server's: slow mode and the shield are for people typing.
    const now = this.deps.clock.now()
    const moderator = this.roles.knownModerator(body.GroupId, body.From_Account)
    const safety = this.safety.check(body.GroupId, body.From_Account, now, moderator)
    if (safety.kind === 'slow') return slowAnswer(safety.waitMs)
    if (safety.kind === 'hold') {
      this.store.hold({
        groupId: body.GroupId,
        fromAccount: body.From_Account,
        random: body.Random,
        msgBody: body.MsgBody,
        cloudCustomData: body.CloudCustomData,
        ruleId: 0,
        heldAt: now,
      })
      return { ErrorCode: 2, ErrorInfo: '' }
    }
    const rules = this.rulesOf(body.GroupId)
    const texts = body.MsgBody.flatMap((element) =>
      element.MsgType === 'TIMTextElem' ? [textOf(element)] : [],
    )
    if (rules.size === 0 || texts.length === 0) return undefined
    const started = this.monotonicMs()
    const decision = rules.decide(texts, {
      elapsedMs: () => this.monotonicMs() - started,
      deadlineMs: this.deadlineMs,
    })
    return this.answer(body, decision)
  }

  private async safetyGet(request: BusinessRequest): Promise<BusinessResponse> {
    const who = await this.moderated(request, request.query.get('GroupId'))
    return 'status' in who ? who : { status: 200, body: this.safety.settings(who.groupId) }
  }

  private async safetySet(request: BusinessRequest): Promise<BusinessResponse> {
    const body = (request.body ?? {}) as { GroupId?: unknown; Change?: unknown }
    const who = await this.moderated(request, body.GroupId)
    if ('status' in who) return who
    const change = RoomSafetyChange.safeParse(body.Change)
    if (!change.success) {
      const field = change.error.issues[0]?.path.join('.') ?? ''
      return refuse(400, ErrorCode.invalidParameter, `Not a setting: ${field}`, { field })
    }
    const before = this.safety.settings(who.groupId)
    const { settings, shield } = this.safety.change(
      who.groupId,
      change.data,
      this.deps.clock.now(),
      who.userId,
    )
    this.compiled.delete(who.groupId)
    if (shield) {
      this.recordChange(who.groupId, who.userId, shield === 'up' ? 'shield-on' : 'shield-off', '')
    }
    if (settings.slowModeSeconds !== before.slowModeSeconds && !shield) {
      this.audit.record({
        groupId: who.groupId,
        actor: who.userId,
        target: '',
        action: 'slow-mode',
        reason: '',
        durationSeconds: settings.slowModeSeconds,
        message: '',
        at: this.deps.clock.now(),
      })
    }
    return { status: 200, body: settings }
  }

  close(): void {
    this.closed = true
    this.flushHits()
  }

  /** The decision as Tencent's before-send answer (reference §5.2). */
  private answer(body: SendMsgBody, decision: FilterDecision): BeforeSendAnswer | undefined {
    if (decision.kind === 'allow') return undefined
    if (decision.kind === 'timeout') {
      this.deps.log(
        `filters: ${body.GroupId}: checked ${decision.checked} rules within ${this.deadlineMs} ms; ` +
          (decision.rule
            ? `rule ${decision.rule.id} fails closed`
            : 'the message goes (fail open)'),
      )
      if (!decision.rule) return undefined
      const action = decision.rule.action === 'mask' ? 'hold' : decision.rule.action
      return this.apply(body, action, decision.rule)
    }
    this.countHits(decision.matched)
    this.auditRule(body, decision.kind, decision.matched[0])
    if (decision.kind === 'mask') {
      let next = 0
      const MsgBody = body.MsgBody.map((element) =>
        element.MsgType === 'TIMTextElem'
          ? { MsgType: 'TIMTextElem', MsgContent: { Text: decision.texts[next++] ?? '' } }
          : element,
      ) as BeforeSendAnswer['MsgBody']
      return { ErrorCode: 0, ErrorInfo: '', MsgBody }
    }
    return this.apply(body, decision.kind, decision.rule)
  }

  private apply(
    body: SendMsgBody,
    action: 'reject' | 'drop' | 'hold',
    rule: FilterRule,
  ): BeforeSendAnswer {
    if (action === 'reject') {
      return { ErrorCode: 1, ErrorInfo: 'The message was refused by the room’s filters' }
    }
    if (action === 'hold') {
      this.store.hold({
        groupId: body.GroupId,
        fromAccount: body.From_Account,
        random: body.Random,
        msgBody: body.MsgBody,
        cloudCustomData: body.CloudCustomData,
        ruleId: rule.id,
        heldAt: this.deps.clock.now(),
      })
    }
    // Dropped and held alike: the sender is told it went (the seed's ErrorCode 2).
    return { ErrorCode: 2, ErrorInfo: '' }
  }

  private rulesOf(groupId: string): CompiledRules {
    let rules = this.compiled.get(groupId)
    if (!rules) {
      rules = new CompiledRules(this.store.rules(groupId))
      this.compiled.set(groupId, rules)
    }
    return rules
  }

  private countHits(rules: readonly FilterRule[]): void {
    for (const rule of rules)
      this.pendingHits.set(rule.id, (this.pendingHits.get(rule.id) ?? 0) + 1)
    this.cancelFlush ??= this.deps.clock.setTimer(() => this.flushHits(), hitsFlushMs)
  }

  private flushHits(): void {
    this.cancelFlush?.()
    this.cancelFlush = undefined
    const hits = new Map(this.pendingHits)
    this.pendingHits.clear()
    const audit = this.pendingAudit.splice(0)
    try {
      this.deps.store.transaction(() => {
        this.store.countHits(hits)
        for (const entry of audit) this.audit.record(entry)
      })()
    } catch (error) {
      this.deps.log(`filters: could not count matches: ${(error as Error).message}`)
    }
  }

  /** A rule's own action, for the audit log (actor `filters`; the rule is the reason). */
  private auditRule(
    body: SendMsgBody,
    kind: 'reject' | 'drop' | 'hold' | 'mask',
    rule: FilterRule | undefined,
  ): void {
    const text = body.MsgBody.flatMap((e) => (e.MsgType === 'TIMTextElem' ? [textOf(e)] : []))
    this.pendingAudit.push({
      groupId: body.GroupId,
      actor: 'filters',
      target: body.From_Account,
      action: `filter-${kind}`,
      reason: rule ? `rule ${rule.id}: ${rule.pattern || rule.kind}` : '',
      durationSeconds: 0,
      message: text.join('\n'),
      at: this.deps.clock.now(),
    })
    this.cancelFlush ??= this.deps.clock.setTimer(() => this.flushHits(), hitsFlushMs)
  }

  private recordChange(groupId: string, actor: string, action: AuditAction, rule: string): void {
    this.audit.record({
      groupId,
      actor,
      target: '',
      action,
      reason: rule,
      durationSeconds: 0,
      message: '',
      at: this.deps.clock.now(),
    })
  }

  private async auditList(request: BusinessRequest): Promise<BusinessResponse> {
    const who = await this.moderated(request, request.query.get('GroupId'))
    if ('status' in who) return who
    const query = AuditQuery.safeParse({
      ...(request.query.get('actor') ? { actor: request.query.get('actor') } : {}),
      ...(request.query.get('target') ? { target: request.query.get('target') } : {}),
      ...(request.query.get('action') ? { action: request.query.get('action') } : {}),
    })
    if (!query.success) {
      const field = query.error.issues[0]?.path.join('.') ?? ''
      return refuse(400, ErrorCode.invalidParameter, `Not a filter: ${field}`, { field })
    }
    this.flushHits()
    return { status: 200, body: { entries: this.audit.entries(who.groupId, query.data) } }
  }

  /** A console's report of what it did in the room, attributed to whoever signed it. */
  private async auditReport(request: BusinessRequest): Promise<BusinessResponse> {
    const body = (request.body ?? {}) as { GroupId?: unknown; Entry?: unknown }
    const who = await this.moderated(request, body.GroupId)
    if ('status' in who) return who
    const report = AuditReport.safeParse(body.Entry)
    if (!report.success) {
      const field = report.error.issues[0]?.path.join('.') ?? ''
      return refuse(400, ErrorCode.invalidParameter, `Not an audit entry: ${field}`, { field })
    }
    this.flushHits()
    this.audit.record({
      groupId: who.groupId,
      actor: who.userId,
      ...report.data,
      at: this.deps.clock.now(),
    })
    return { status: 200, body: { entries: this.audit.entries(who.groupId) } }
  }

  /** The group a request names, and whether its caller may moderate it (an error otherwise). */
  private async moderated(
    request: BusinessRequest,
    groupId: unknown,
  ): Promise<{ groupId: string; userId: string } | BusinessResponse> {
    if (typeof groupId !== 'string' || !GROUP_ID.test(groupId)) {
      return refuse(400, ErrorCode.invalidParameter, 'Name the room: GroupId')
    }
    const userId = request.caller?.userId ?? ''
    const role = await this.roles.roleOf(groupId, userId)
    if (role === 'member') {
      return refuse(
        403,
        FilterCode.notModerator,
        `${userId} is not an owner or admin of ${groupId}`,
      )
    }
    // The owner's console acts for the moderators it invited (issue 13 §4): what they do is
    // theirs in the log and the queue. Only the owner may say so; anyone else acts as themselves.
    const actor = (request.body as { Actor?: unknown } | undefined)?.Actor
    if (role === 'owner' && typeof actor === 'string' && ACTOR.test(actor)) {
      return { groupId, userId: actor }
    }
    return { groupId, userId }
  }

  private snapshot(groupId: string): BusinessResponse {
    this.flushHits()
    return { status: 200, body: { rules: this.store.rules(groupId) } }
  }

  private async list(request: BusinessRequest): Promise<BusinessResponse> {
    const who = await this.moderated(request, request.query.get('GroupId'))
    return 'status' in who ? who : this.snapshot(who.groupId)
  }

  private async add(request: BusinessRequest): Promise<BusinessResponse> {
    const body = (request.body ?? {}) as { GroupId?: unknown; Rule?: unknown }
    const who = await this.moderated(request, body.GroupId)
    if ('status' in who) return who
    const parsed = FilterRuleInput.safeParse(body.Rule)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return refuse(400, ErrorCode.invalidParameter, issue?.message ?? 'Not a rule', {
        field: issue?.path.join('.') ?? '',
      })
    }
    const rule = parsed.data
    if (rule.kind === 'regex') {
      const compiled = compilePattern(rule.pattern)
      if (typeof compiled === 'string') {
        return refuse(400, FilterCode.badPattern, `Not a usable regular expression (${compiled})`, {
          reason: compiled,
        })
      }
    }
    if (this.store.count(who.groupId) >= FILTER_RULES_MAX) {
      return refuse(409, FilterCode.tooManyRules, `A room has at most ${FILTER_RULES_MAX} rules`, {
        max: FILTER_RULES_MAX,
      })
    }
    const added = this.store.add({
      groupId: who.groupId,
      ...rule,
      createdBy: who.userId,
      createdAt: this.deps.clock.now(),
    })
    this.recordChange(
      who.groupId,
      who.userId,
      'filter-add',
      `rule ${added.id}: ${[rule.kind, rule.pattern].filter(Boolean).join(' ')} → ${rule.action}`,
    )
    this.compiled.delete(who.groupId)
    return this.snapshot(who.groupId)
  }

  private async reviewList(request: BusinessRequest): Promise<BusinessResponse> {
    const who = await this.moderated(request, request.query.get('GroupId'))
    return 'status' in who ? who : { status: 200, body: this.review.snapshot(who.groupId) }
  }

  private async reviewAct(
    request: BusinessRequest,
    act: 'claim' | 'decide',
  ): Promise<BusinessResponse> {
    const body = (request.body ?? {}) as { GroupId?: unknown; Id?: unknown; Decision?: unknown }
    const who = await this.moderated(request, body.GroupId)
    if ('status' in who) return who
    if (!Number.isSafeInteger(body.Id)) {
      return refuse(400, ErrorCode.invalidParameter, 'Name the item: Id', { field: 'Id' })
    }
    const id = body.Id as number
    if (act === 'claim') return this.review.claim(who.groupId, id, who.userId)
    const decision = ReviewDecision.safeParse(body.Decision)
    if (!decision.success) {
      return refuse(400, ErrorCode.invalidParameter, 'Decision: approve or deny', {
        field: 'Decision',
      })
    }
    return this.review.decide(who.groupId, id, who.userId, decision.data)
  }

  private async remove(request: BusinessRequest): Promise<BusinessResponse> {
    const body = (request.body ?? {}) as { GroupId?: unknown; Id?: unknown }
    const who = await this.moderated(request, body.GroupId)
    if ('status' in who) return who
    if (!Number.isSafeInteger(body.Id) || !this.store.remove(who.groupId, body.Id as number)) {
      return refuse(
        404,
        FilterCode.ruleNotFound,
        'No such rule (another moderator may have removed it)',
      )
    }
    this.recordChange(who.groupId, who.userId, 'filter-remove', `rule ${String(body.Id)}`)
    this.compiled.delete(who.groupId)
    return this.snapshot(who.groupId)
  }
}

function textOf(element: CallbackMsgElem): string {
  const content = element.MsgContent as { Text?: unknown } | undefined
  return typeof content?.Text === 'string' ? content.Text : ''
}
