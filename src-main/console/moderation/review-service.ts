import {
  FilterCode,
  type ReviewDecision,
  type ReviewOutcome,
  type ReviewSnapshot,
} from '../../../src-shared/contract'
import type { EventBatcher } from '../contract/event-batcher'
import { type BusinessApi, BusinessApiError } from './business-api'

/** How often main reads the queue for changes other moderators made, ms. */
export const REVIEW_POLL_MS = 2000

/**
 * The review queue as the console holds it (main owns the state; every console mirrors
 * `ReviewSnapshot`). The queue lives in the business host, shared with moderators on other
 * machines: main reads it every REVIEW_POLL_MS and tells every console when it changed, and
 * passes claims and decisions on.
 */
export class ReviewService {
  private last = ''
  private timer: ReturnType<typeof setInterval> | undefined
  private failing = false

  constructor(
    private readonly api: BusinessApi | undefined,
    private readonly groupId: string,
    private readonly emit: EventBatcher['emit'],
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    if (!this.api || this.timer) return
    this.timer = setInterval(() => void this.poll(), REVIEW_POLL_MS)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  async snapshot(): Promise<ReviewSnapshot> {
    const snapshot = await this.available().call<ReviewSnapshot>(
      'GET',
      `review/items?GroupId=${encodeURIComponent(this.groupId)}`,
    )
    this.changed(snapshot)
    return snapshot
  }

  /** `actor`: the moderator who claims (the owner's own when absent). */
  claim(id: number, actor?: string): Promise<ReviewOutcome> {
    return this.act('claim', { GroupId: this.groupId, Id: id }, actor)
  }

  decide(id: number, decision: ReviewDecision, actor?: string): Promise<ReviewOutcome> {
    return this.act('decide', { GroupId: this.groupId, Id: id, Decision: decision }, actor)
  }

  private async act(
    path: 'claim' | 'decide',
    body: object,
    actor: string | undefined,
  ): Promise<ReviewOutcome> {
    const outcome = await this.available().call<ReviewOutcome>(
      'POST',
      `review/${path}`,
      body,
      actor,
    )
    this.changed(outcome.snapshot)
    return outcome
  }

  private async poll(): Promise<void> {
    try {
      await this.snapshot()
      if (this.failing) this.log('review: the business host answers again')
      this.failing = false
    } catch (error) {
      if (!this.failing) this.log(`review: cannot read the queue: ${(error as Error).message}`)
      this.failing = true
    }
  }

  /** Tells every console, only when the items changed (not for the clock alone). */
  private changed(snapshot: ReviewSnapshot): void {
    const key = JSON.stringify(snapshot.items)
    if (key === this.last) return
    this.last = key
    this.emit('review:changed', snapshot)
  }

  private available(): BusinessApi {
    if (this.api) return this.api
    throw new BusinessApiError(
      FilterCode.unavailable,
      'This room has no LiveDesk business host to keep a review queue',
    )
  }
}
