import {
  errorParams,
  roomErrorParams,
  type ErrorParams,
  type ParamsFor,
} from '../../src-shared/contract/result'

/**
 * A failed request to a live room — the embedded room's protocol or REST API, or Tencent Cloud IM —
 * with Tencent's numeric code (reference §3.1, §6.1), the room's own words (for logs; the renderer
 * words the code itself), and any facts the room sent with it (e.g. `{ muteUntil }` with 10017).
 *
 * `params` is what reaches the renderer besides the code: the facts of `data` it words
 * (`roomErrorParams`: muteUntil, bannedUntil, …) plus any the caller adds (`{ reason, host }`);
 * `params.reason` must be one the contract lists for the code (`errorReasons`).
 */
export class RoomError<C extends number = number> extends Error {
  readonly params: ErrorParams | undefined

  constructor(
    readonly code: C,
    message: string,
    readonly data?: Record<string, unknown>,
    params?: ParamsFor<C>,
  ) {
    super(message)
    this.name = 'RoomError'
    this.params = errorParams({ ...roomErrorParams(data), ...params })
  }
}
