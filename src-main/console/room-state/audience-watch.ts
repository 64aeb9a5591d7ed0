import type { RoomMember } from '../../../src-shared/contract'
import type { SetTimer } from '../../common/clock'
import type { BusinessClient, MemberLevels } from './business-client'

/**
 * What the console's main reads of the audience from the business host (issue 12 §3), beside the
 * room's own messages:
 *
 * - the figures once at the start (the Low messages are online-only and come only on a change,
 *   so a console that opens in a quiet room would otherwise show nothing), and again after the
 *   room connection comes back;
 * - the members' levels and membership flags for the member list and its Moderate menu: for
 *   members whose level or flag is not known yet, soon after
 *   the list changes, and for everyone in it every `refreshMs` (online time raises levels
 *   without a message that would carry them).
 *
 * A failed read is tried again at the next occasion: the figures and levels are never wrong for
 * it, only older.
 */
/** A member whose level or membership flag main has not read yet (chat lines carry only the level). */
const unread = (member: RoomMember) => member.level === undefined || member.member === undefined

export class AudienceWatch {
  private cancelSoon: (() => void) | undefined
  private cancelRefresh: (() => void) | undefined
  private stopped = false

  constructor(
    private readonly options: {
      business: BusinessClient
      groupId: string
      members: () => readonly RoomMember[]
      applyAudience: (view: NonNullable<Awaited<ReturnType<BusinessClient['audience']>>>) => void
      applyLevels: (levels: MemberLevels) => void
      setTimer: SetTimer
      /** How soon after a change of the list the unknown levels are read, ms; default 1000. */
      soonMs?: number
      /** How often every listed member's level is read again, ms; default 30 000. */
      refreshMs?: number
    },
  ) {}

  start(): void {
    void this.readAudience()
    this.peopleChanged()
    this.armRefresh()
  }

  /** Reads the figures again (after a reconnect). */
  readAudienceNow(): void {
    void this.readAudience()
  }

  /** The member list changed: levels not known yet are read soon. */
  peopleChanged(): void {
    if (this.stopped || this.cancelSoon) return
    if (!this.options.members().some(unread)) return
    this.cancelSoon = this.options.setTimer(() => {
      this.cancelSoon = undefined
      const unknown = this.options.members().filter(unread)
      void this.readLevels(unknown)
    }, this.options.soonMs ?? 1000)
  }

  /** Reads every listed member's level again now (after the rules changed). */
  refreshLevels(): Promise<void> {
    return this.readLevels(this.options.members())
  }

  stop(): void {
    this.stopped = true
    this.cancelSoon?.()
    this.cancelRefresh?.()
  }

  private armRefresh(): void {
    if (this.stopped) return
    this.cancelRefresh = this.options.setTimer(() => {
      void this.refreshLevels().finally(() => this.armRefresh())
    }, this.options.refreshMs ?? 30_000)
  }

  private async readAudience(): Promise<void> {
    try {
      const view = await this.options.business.audience(this.options.groupId)
      if (view && !this.stopped) this.options.applyAudience(view)
    } catch {
      // The room's next message, or the next reconnect, brings them.
    }
  }

  private async readLevels(members: readonly RoomMember[]): Promise<void> {
    const userIds = members.map((member) => member.userId).slice(0, 200)
    if (userIds.length === 0 || this.stopped) return
    try {
      const levels = await this.options.business.levels(this.options.groupId, userIds)
      if (!this.stopped) this.options.applyLevels(levels)
    } catch {
      // Tried again at the next change or refresh.
    }
  }
}
