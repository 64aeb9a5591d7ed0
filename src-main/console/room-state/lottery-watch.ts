import type { LotteryView } from '../../../src-shared/protocol/lottery'
import type { SetTimer } from '../../common/clock'
import type { BusinessClient } from './business-client'

/**
 * The entrant count while a lottery is open: the business host tells the room only its phases
 * (one message each, not one per entry), so main reads GET /business/lottery once a second while
 * the lottery is open and hands what changed to the session — every console then mirrors it.
 */
export class LotteryWatch {
  private cancel: (() => void) | undefined
  private stopped = false

  constructor(
    private readonly options: {
      business: BusinessClient
      groupId: string
      current: () => LotteryView | null
      apply: (view: LotteryView) => void
      setTimer: SetTimer
      periodMs?: number
    },
  ) {}

  /** Looks again now and keeps looking while the lottery is open. */
  kick(): void {
    if (this.stopped || this.cancel) return
    this.cancel = this.options.setTimer(() => {
      this.cancel = undefined
      void this.read()
    }, this.options.periodMs ?? 1000)
  }

  stop(): void {
    this.stopped = true
    this.cancel?.()
  }

  private async read(): Promise<void> {
    const held = this.options.current()
    if (!held || held.phase !== 'open') return
    try {
      const view = await this.options.business.lottery(this.options.groupId)
      const now = this.options.current()
      if (
        view &&
        now?.id === view.id &&
        (view.entrantCount !== now.entrantCount || view.phase !== now.phase)
      ) {
        this.options.apply(view)
      }
    } catch {
      // The next look tries again; the room's own messages still bring each phase.
    }
    if (this.options.current()?.phase === 'open') this.kick()
  }
}
