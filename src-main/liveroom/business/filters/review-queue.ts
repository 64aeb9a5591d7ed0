import { randomInt } from 'node:crypto'
import { FilterCode } from '../../../../src-shared/contract/filters'
import {
  REVIEW_CLAIM_MS,
  REVIEW_EXPIRY_MS,
  type ReviewDecision,
  type ReviewItem,
  type ReviewOutcome,
  type ReviewSnapshot,
} from '../../../../src-shared/contract/review'
import { ErrorCode } from '../../../../src-shared/protocol/codes'
import type { Clock } from '../../../common/clock'
import { RoomError } from '../../../common/room-error'
import type { BusinessResponse } from '../business-http'
import type { RestCaller } from '../callback-port'
import type { FilterStore, HeldRow } from './filter-store'

/**
 * The review queue (issue 13 §2): what a "hold" rule kept back, one queue per room that every
 * moderator's console reads. A moderator claims an item (others see who holds it; a claim lapses
 * after REVIEW_CLAIM_MS); approving delivers it late as its sender's (REST send_group_msg with
 * From_Account, past the before-send check it already had); denying drops it. Two moderators
 * never both act on one item: the settling write is one conditional statement, and the second
 * is told who handled it — an outcome, not an error. Items waiting longer than the expiry are
 * dropped (the sender was told it went, as for a drop).
 */
export interface ReviewQueueOptions {
  claimMs?: number
  expiryMs?: number
}

/** Told of each settled item (for the audit log). */
export type ReviewSettled = (
  row: HeldRow,
  text: string,
  state: 'approved' | 'denied',
  by: string,
) => void

const texts = (row: HeldRow): string => {
  try {
    const body = JSON.parse(row.msg_body) as { MsgType: string; MsgContent?: { Text?: unknown } }[]
    return body
      .filter((e) => e.MsgType === 'TIMTextElem' && typeof e.MsgContent?.Text === 'string')
      .map((e) => e.MsgContent!.Text as string)
      .join('\n')
  } catch {
    return ''
  }
}

export class ReviewQueue {
  private readonly claimMs: number
  private readonly expiryMs: number

  constructor(
    private readonly store: FilterStore,
    private readonly rest: RestCaller,
    private readonly clock: Pick<Clock, 'now'>,
    options: ReviewQueueOptions = {},
    private readonly settled: ReviewSettled = () => {},
  ) {
    this.claimMs = options.claimMs ?? REVIEW_CLAIM_MS
    this.expiryMs = options.expiryMs ?? REVIEW_EXPIRY_MS
  }

  snapshot(groupId: string): ReviewSnapshot {
    const now = this.clock.now()
    this.store.expire(now, now - this.expiryMs)
    return {
      available: true,
      items: this.store.waiting(groupId).map((r) => this.item(r, now)),
      now,
    }
  }

  claim(groupId: string, id: number, userId: string): BusinessResponse {
    const settled = this.unavailable(groupId, id, userId)
    if (settled) return settled
    this.store.claim(id, userId, this.clock.now() + this.claimMs)
    return this.outcome(groupId, 'done', userId, 'held')
  }

  async decide(
    groupId: string,
    id: number,
    userId: string,
    decision: ReviewDecision,
  ): Promise<BusinessResponse> {
    const settled = this.unavailable(groupId, id, userId)
    if (settled) return settled
    const row = this.store.held(groupId, id)!
    const state = decision === 'approve' ? 'approved' : 'denied'
    if (!this.store.decide(id, state, userId, this.clock.now())) {
      return this.unavailable(groupId, id, userId)!
    }
    if (decision === 'approve') {
      try {
        await this.deliver(row)
      } catch (error) {
        this.store.revert(id)
        const code = error instanceof RoomError ? error.code : ErrorCode.internal
        return {
          status: 502,
          error: { code, message: `The room would not deliver it: ${(error as Error).message}` },
        }
      }
    }
    this.settled(row, texts(row), state, userId)
    return this.outcome(groupId, 'done', userId, state)
  }

  /** Late, as its sender's, and past the before-send check it already had (it would hold it again). */
  private async deliver(row: HeldRow): Promise<void> {
    await this.rest.call('group_open_http_svc', 'send_group_msg', {
      GroupId: row.group_id,
      From_Account: row.from_account,
      // A new Random: the room may remember the first one as sent (it was answered "success").
      Random: randomInt(1, 2 ** 32 - 1),
      MsgBody: JSON.parse(row.msg_body) as unknown,
      ...(row.cloud_custom_data !== null ? { CloudCustomData: row.cloud_custom_data } : {}),
      ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'],
    })
  }

  /**
   * Why `userId` cannot act on the item now — gone, settled by someone (or expired), or claimed by
   * another moderator — or undefined when they can.
   */
  private unavailable(groupId: string, id: number, userId: string): BusinessResponse | undefined {
    const now = this.clock.now()
    this.store.expire(now, now - this.expiryMs)
    const row = this.store.held(groupId, id)
    if (!row) {
      return { status: 404, error: { code: FilterCode.reviewNotFound, message: 'No such item' } }
    }
    if (row.state !== 'held') {
      return this.outcome(groupId, 'already-handled', row.decided_by ?? '', row.state)
    }
    const claimant = this.claimant(row, now)
    if (claimant && claimant !== userId) return this.outcome(groupId, 'claimed', claimant, 'held')
    return undefined
  }

  private claimant(row: HeldRow, now: number): string {
    return row.claimed_by && (row.claim_until ?? 0) > now ? row.claimed_by : ''
  }

  private outcome(
    groupId: string,
    result: ReviewOutcome['result'],
    by: string,
    state: ReviewOutcome['state'],
  ): BusinessResponse {
    const body: ReviewOutcome = { result, by, state, snapshot: this.snapshot(groupId) }
    return { status: 200, body }
  }

  private item(row: HeldRow, now: number): ReviewItem {
    const claimedBy = this.claimant(row, now)
    return {
      id: row.id,
      from: row.from_account,
      text: texts(row),
      ruleId: row.rule_id,
      rulePattern: row.rule_pattern ?? '',
      heldAt: row.held_at,
      claimedBy,
      claimUntil: claimedBy ? (row.claim_until ?? 0) : 0,
    }
  }
}
