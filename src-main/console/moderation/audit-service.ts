import {
  FilterCode,
  type AuditEntry,
  type AuditQuery,
  type AuditReport,
  type AuditSnapshot,
} from '../../../src-shared/contract'
import type { EventBatcher } from '../contract/event-batcher'
import { type BusinessApi, BusinessApiError } from './business-api'

/**
 * The moderation audit log as the console reads and feeds it (issue 13 §5). The log is the
 * business host's; this console reports each action it took in the room (a mute, a ban, a deleted
 * line) — signed as its user, so it is attributed to them — and tells every console to read again.
 * A report that fails is logged, never a failure of the action itself (that already happened).
 */
export class AuditService {
  constructor(
    private readonly api: BusinessApi | undefined,
    private readonly groupId: string,
    private readonly emit: EventBatcher['emit'],
    private readonly log: (line: string) => void,
  ) {}

  async entries(query: AuditQuery): Promise<AuditSnapshot> {
    if (!this.api) {
      throw new BusinessApiError(
        FilterCode.unavailable,
        'This room has no LiveDesk business host to keep an audit log',
      )
    }
    const params = new URLSearchParams({ GroupId: this.groupId })
    for (const [name, value] of Object.entries(query)) if (value) params.set(name, value)
    const answer = await this.api.call<{ entries: AuditEntry[] }>(
      'GET',
      `audit/entries?${params.toString()}`,
    )
    return { available: true, entries: answer.entries }
  }

  /**
   * Runs `action`, then reports it; resolves with the action's own result. `actor`: the
   * moderator it was done for (the owner's own when absent).
   */
  async audited<T>(entry: AuditReport, action: () => Promise<T>, actor?: string): Promise<T> {
    const result = await action()
    void this.report(entry, actor)
    return result
  }

  private async report(entry: AuditReport, actor: string | undefined): Promise<void> {
    if (!this.api) return
    try {
      await this.api.call('POST', 'audit/entries', { GroupId: this.groupId, Entry: entry }, actor)
      this.emit('audit:changed', { at: Date.now() })
    } catch (error) {
      this.log(`audit: could not record ${entry.action}: ${(error as Error).message}`)
    }
  }
}
