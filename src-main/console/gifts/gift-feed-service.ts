import { ContractCode, type GiftsSnapshot } from '../../../src-shared/contract'
import { GiftFeed } from '../../../src-shared/protocol/gift-feed'
import type { Clock } from '../../common/clock'
import { RoomError } from '../../common/room-error'

/**
 * The console's gift feed (issue 11; DESIGN.md: main owns state, the renderer mirrors it): read
 * from the business host's ledger (`GET /business/gifts/feed`, as the room's owner) once a
 * second while the console runs, and pushed to every console as one snapshot when it changed. The
 * feed is the ledger's, not the room messages': a gift whose room message was shed is in it.
 */

export interface GiftFeedServiceOptions {
  /** The business host's base URL (the embedded room's http://host:port). */
  businessUrl: string
  roomId: string
  /** The room owner's account and a fresh UserSig for it (the feed is for the room's host). */
  userId: string
  userSig: () => string
  clock: Clock
  emit: (snapshot: GiftsSnapshot) => void
  log: (line: string) => void
  everyMs?: number
  fetch?: typeof fetch
}

/** Local midnight of `now`: the "today" leaderboard counts from it. */
function midnight(now: number): number {
  const day = new Date(now)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

export class GiftFeedService {
  private snapshotNow: GiftsSnapshot
  private cancel: (() => void) | undefined
  private closed = false
  private failing = false
  private lastText = ''
  private readonly fetch: typeof fetch

  constructor(private readonly options: GiftFeedServiceOptions) {
    this.fetch = options.fetch ?? globalThis.fetch
    this.snapshotNow = { available: true, feed: null, since: options.clock.now() }
  }

  snapshot(): GiftsSnapshot {
    return this.snapshotNow
  }

  start(): void {
    void this.refresh()
  }

  close(): void {
    this.closed = true
    this.cancel?.()
  }

  /** Marks a combo thanked (for every console of the room), then reads the feed again. */
  async markThanked(comboId: string): Promise<GiftsSnapshot> {
    const response = await this.request('gifts/thanked', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ groupId: this.options.roomId, comboId }),
    })
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        code?: number
        message?: string
      } | null
      throw new RoomError(body?.code ?? ContractCode.notConnected, body?.message ?? 'Not marked')
    }
    await this.refresh()
    return this.snapshotNow
  }

  private request(path: string, init: RequestInit = {}): Promise<Response> {
    return this.fetch(`${this.options.businessUrl}/business/${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        Authorization: `UserSig ${this.options.userId} ${this.options.userSig()}`,
      },
      signal: AbortSignal.timeout(5000),
    })
  }

  private async refresh(): Promise<void> {
    this.cancel?.()
    this.cancel = undefined
    if (this.closed) return
    const now = this.options.clock.now()
    const query = new URLSearchParams({
      groupId: this.options.roomId,
      since: String(this.snapshotNow.since),
      today: String(Math.min(midnight(now), this.snapshotNow.since)),
    })
    try {
      const response = await this.request(`gifts/feed?${query}`)
      const text = await response.text()
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`)
      if (text !== this.lastText) {
        const feed = GiftFeed.parse(JSON.parse(text))
        this.lastText = text
        this.snapshotNow = { ...this.snapshotNow, feed }
        if (!this.closed) this.options.emit(this.snapshotNow)
      }
      if (this.failing) this.options.log('gifts: the gift feed can be read again')
      this.failing = false
    } catch (error) {
      if (!this.failing) {
        this.options.log(`gifts: reading the gift feed failed: ${(error as Error).message}`)
      }
      this.failing = true
    }
    if (!this.closed) {
      this.cancel = this.options.clock.setTimer(
        () => void this.refresh(),
        this.options.everyMs ?? 1000,
      )
    }
  }
}
