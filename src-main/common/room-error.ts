/**
 * A failed request to a live room — the embedded room's protocol or REST API, or Tencent Cloud IM —
 * with Tencent's numeric code (reference §3.1, §6.1), the room's own words (for logs; the renderer
 * words the code itself), and any facts the room sent with it (e.g. `{ muteUntil }` with 10017).
 */
export class RoomError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'RoomError'
  }
}
