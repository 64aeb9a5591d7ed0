import type { RoomMember } from '../../src-shared/contract'

/**
 * The member list's orders (issue 12 §3): as main lists them ("Joined": online first, newest join
 * first, then those who left), by level (highest first), or by name. Sorting is the view's own;
 * the list and its levels are main's. Ties keep main's order (Array.prototype.sort is stable).
 */
export const memberSorts = ['joined', 'level', 'name'] as const
export type MemberSort = (typeof memberSorts)[number]

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

export function sortMembers(
  members: readonly RoomMember[],
  sort: MemberSort,
): readonly RoomMember[] {
  switch (sort) {
    case 'joined':
      return members
    case 'level':
      return [...members].sort((a, b) => (b.level ?? 0) - (a.level ?? 0))
    case 'name':
      return [...members].sort((a, b) => collator.compare(a.nick || a.userId, b.nick || b.userId))
  }
}
