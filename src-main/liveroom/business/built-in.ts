import type { Clock } from '../../common/clock'
import type { Db } from '../../common/sqlite'
import { BusinessHost } from './business-host'
import type { BusinessCapability, RestCaller } from './callback-port'
import { type OnlineCountOptions, OnlineCountPush } from './online-count/online-count-push'
// Moderation (issue 13): keyword filters on the before-send callback.
import { KeywordFilters, type KeywordFiltersOptions } from './filters/keyword-filters'
import { MediaReview, type MediaReviewOptions } from './filters/media-review'
import { GiftsCapability, type GiftsOptions } from './gifts/gifts-capability'
import { LevelsCapability, type LevelsOptions } from './levels/levels-capability'
import { LotteryCapability } from './lottery/lottery-capability'
import {
  type ReplaySource,
  RoomStateCapability,
  type RoomStateOptions,
} from './room-state/room-state-capability'
// Audience and heat (issue 12 §3).
import { AudienceCapability, type AudienceOptions } from './audience/audience-capability'

/** What the built-in business logic does; each capability can be turned off with `false`. */
export interface BusinessOptions {
  onlineCount?: OnlineCountOptions | false
  /** Keyword filters on the before-send callback (filters/keyword-filters.ts). */
  filters?: KeywordFiltersOptions | false
  /** Rich media reviewed after delivery (filters/media-review.ts); no host allowed by default. */
  media?: MediaReviewOptions | false
  /** Gifts and likes (gifts/gifts-capability.ts). */
  gifts?: GiftsOptions | false
  /** The room state machine (room-state/); its grace periods and CSS's callback key. */
  roomState?: RoomStateOptions | false
  /** The keyword lottery (lottery/); it pauses with the room state when that runs. */
  lottery?: false
  /** Viewer levels (levels/): rules, and the before-send rewrite of CloudCustomData. */
  levels?: LevelsOptions | false
  /** Concurrent, unique and peak viewers and the room's heat (audience/). */
  audience?: AudienceOptions | false
  /** See BusinessHostOptions.beforeSendBudgetMs. */
  beforeSendBudgetMs?: number
}

export interface BusinessHostDeps {
  /** The IM REST API as the App admin. */
  rest: RestCaller
  clock: Clock
  log: (line: string) => void
  /** The business host's own database (business-store.ts). */
  store: Db
  /** Checks a UserSig of the IM app (callers of the business HTTP API prove who they are). */
  verifyUserSig(userId: string, userSig: string): boolean
  /** The App admin REST calls are made as (the sender of the host's own messages); default `administrator`. */
  admin?: string
  /** Whether a room's stream is live (the embedded room's ingest); undefined: cannot tell. */
  isLive?: (groupId: string) => boolean | undefined
  /** Runs when the host closes, after its capabilities (the store's owner closes it here). */
  onClose?: () => void
  /** The room server's recordings of its shows (the embedded room's replays), if it keeps them. */
  recordings?: ReplaySource
}

/** The built-in capabilities behind one business host, ready to receive callbacks. */
export function createBusinessHost(options: BusinessOptions, deps: BusinessHostDeps): BusinessHost {
  const capabilities: BusinessCapability[] = []
  if (options.onlineCount !== false) {
    capabilities.push(new OnlineCountPush({ ...options.onlineCount, ...deps }))
  }
  if (options.filters !== false) {
    capabilities.push(new KeywordFilters(options.filters ?? {}, deps))
  }
  if (options.media !== false) capabilities.push(new MediaReview(options.media ?? {}, deps))
  const levels =
    options.levels !== false ? new LevelsCapability({ ...options.levels, ...deps }) : undefined
  // The room state is made below; the audience asks it for the show only when it runs.
  let showOf: ((groupId: string) => string | undefined) | undefined
  const audience =
    options.audience !== false
      ? new AudienceCapability({
          ...options.audience,
          ...deps,
          showOf: (groupId) => showOf?.(groupId),
        })
      : undefined
  if (options.gifts !== false) {
    const heard = [levels, audience].filter((sink) => sink !== undefined)
    capabilities.push(
      new GiftsCapability(
        { senderId: deps.admin, isLive: deps.isLive, ...options.gifts },
        {
          ...deps,
          activity: {
            record: (groupId, userId, kind, amount) => {
              for (const sink of heard) sink.record(groupId, userId, kind, amount)
            },
          },
        },
      ),
    )
  }
  const roomState =
    options.roomState !== false
      ? new RoomStateCapability({ ...options.roomState, ...deps })
      : undefined
  if (roomState) capabilities.push(roomState)
  if (options.lottery !== false) {
    const lottery = new LotteryCapability({
      ...deps,
      roomStateOf: (groupId) => roomState?.stateOf(groupId),
    })
    roomState?.onChange((groupId, state) => lottery.roomStateChanged(groupId, state))
    capabilities.push(lottery)
  }
  if (levels) capabilities.push(levels)
  if (audience) {
    showOf = (groupId) => roomState?.stateOf(groupId)?.showId
    roomState?.onChange((groupId, state) => audience.showChanged(groupId, state.showId))
    capabilities.push(audience)
  }
  return new BusinessHost({
    capabilities,
    clock: deps.clock,
    log: deps.log,
    beforeSendBudgetMs: options.beforeSendBudgetMs,
    verifyUserSig: deps.verifyUserSig,
    onClose: deps.onClose,
    roomState,
  })
}
