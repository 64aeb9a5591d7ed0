import { FilterCode, type RoomSafety, type RoomSafetyChange } from '../../../src-shared/contract'
import type { EventBatcher } from '../contract/event-batcher'
import { type BusinessApi, BusinessApiError } from './business-api'

/**
 * Slow mode and shield mode as the console sets them (issue 13 §6); the business host keeps and
 * enforces them. After a change every console is told, and the audit log has a new entry.
 */
export class SafetyService {
  constructor(
    private readonly api: BusinessApi | undefined,
    private readonly groupId: string,
    private readonly emit: EventBatcher['emit'],
  ) {}

  settings(): Promise<RoomSafety> {
    return this.available().call<RoomSafety>(
      'GET',
      `safety/settings?GroupId=${encodeURIComponent(this.groupId)}`,
    )
  }

  async save(change: RoomSafetyChange, actor?: string): Promise<RoomSafety> {
    const settings = await this.available().call<RoomSafety>(
      'POST',
      'safety/settings',
      { GroupId: this.groupId, Change: change },
      actor,
    )
    this.emit('safety:changed', settings)
    this.emit('audit:changed', { at: Date.now() })
    return settings
  }

  private available(): BusinessApi {
    if (this.api) return this.api
    throw new BusinessApiError(
      FilterCode.unavailable,
      'This room has no LiveDesk business host for slow mode and shield mode',
    )
  }
}
