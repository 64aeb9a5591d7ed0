import { z } from 'zod'

/**
 * The room's audience figures (issue 12 §3; the seed's "라이브 룸의 온라인 사용자 수", its second
 * scheme): the business host counts them from the join and exit callbacks and the room's
 * activity, and tells them
 *
 * - to the room, as a Low-priority online-only custom message (AudienceMessage in
 *   business-messages.ts) at most once every 5 s and only when a figure changed — Low because a
 *   figure that is a few seconds old hurts nobody, and in a chat storm the chat matters more;
 * - to whoever joins later or is outside the room, at `GET /business/audience?groupId=`.
 *
 * The four figures are shown side by side and each keeps one meaning (peers-wave2.md §4c: a
 * number that silently changes meaning is what viewers and anchors resent):
 * - `concurrent`: members in the group now (the anchor and moderators too, as the room counts);
 * - `unique`: distinct user IDs that were in the group during this show (a rejoin counts once);
 * - `peak`: the highest `concurrent` of this show;
 * - `heat`: business/audience/room-heat.ts — viewers plus the room's recent activity, decaying.
 */

export const AudienceView = z.object({
  /** The show the figures belong to (the room state's showId); null while the room has none. */
  showId: z.string().max(64).nullable(),
  concurrent: z.number().int().nonnegative(),
  unique: z.number().int().nonnegative(),
  peak: z.number().int().nonnegative(),
  heat: z.number().int().nonnegative(),
  /** Unix ms the business host took the figures. */
  at: z.number().int().nonnegative(),
})
export type AudienceView = z.infer<typeof AudienceView>

/** True when two views say the same to a person (the time aside). */
export function sameAudience(a: AudienceView | null | undefined, b: AudienceView): boolean {
  return (
    a !== null &&
    a !== undefined &&
    a.showId === b.showId &&
    a.concurrent === b.concurrent &&
    a.unique === b.unique &&
    a.peak === b.peak &&
    a.heat === b.heat
  )
}

/** The later of two views (the message and the endpoint race); `held` when `offered` is older. */
export function newerAudience(
  held: AudienceView | null | undefined,
  offered: AudienceView,
): AudienceView {
  return held && held.at > offered.at ? held : offered
}
