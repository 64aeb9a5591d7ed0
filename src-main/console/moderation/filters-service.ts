import {
  FilterCode,
  type FilterRule,
  type FilterRuleInput,
  type FiltersSnapshot,
} from '../../../src-shared/contract'
import type { EventBatcher } from '../contract/event-batcher'
import { type BusinessApi, BusinessApiError } from './business-api'

/**
 * The room's keyword filters as the console holds them (main owns the state; every console mirrors
 * `FiltersSnapshot`). The rules live in the business host (liveroom/business/filters): this reads
 * and edits them through its HTTP API, and tells every console after a change.
 */
export class FiltersService {
  private rules: FilterRule[] = []

  constructor(
    private readonly api: BusinessApi | undefined,
    private readonly groupId: string,
    private readonly emit: EventBatcher['emit'],
  ) {}

  /** Read afresh: another moderator's console may have changed the rules. */
  async snapshot(): Promise<FiltersSnapshot> {
    const api = this.available()
    const answer = await api.call<{ rules: FilterRule[] }>(
      'GET',
      `filters/rules?GroupId=${encodeURIComponent(this.groupId)}`,
    )
    return this.changed(answer.rules, false)
  }

  async add(rule: FilterRuleInput, actor?: string): Promise<FiltersSnapshot> {
    const answer = await this.available().call<{ rules: FilterRule[] }>(
      'POST',
      'filters/rules',
      { GroupId: this.groupId, Rule: rule },
      actor,
    )
    return this.changed(answer.rules, true)
  }

  async remove(id: number, actor?: string): Promise<FiltersSnapshot> {
    const answer = await this.available().call<{ rules: FilterRule[] }>(
      'DELETE',
      'filters/rules',
      { GroupId: this.groupId, Id: id },
      actor,
    )
    return this.changed(answer.rules, true)
  }

  private available(): BusinessApi {
    if (this.api) return this.api
    throw new BusinessApiError(
      FilterCode.unavailable,
      'This room has no LiveDesk business host to keep filters',
    )
  }

  private changed(rules: FilterRule[], tell: boolean): FiltersSnapshot {
    this.rules = rules
    const snapshot = { available: true, rules: this.rules }
    if (tell) this.emit('filters:changed', snapshot)
    return snapshot
  }
}
