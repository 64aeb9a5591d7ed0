import type { Member } from '../../src-shared/protocol/frames'

/** What one membership notice tells a room: the net joins and leaves since the previous one. */
export interface MemberChangeBatch {
  /** The latest joiners still in the room, oldest join first (at most `maxListed`). */
  joined: Member[]
  /** The latest leavers not back in the room, oldest leave first (at most `maxListed`). */
  left: string[]
  /** Joiners and leavers in all, listed or not. */
  joinedCount: number
  leftCount: number
}

interface Change {
  /** In the room when the previous notice went out. */
  wasPresent: boolean
  /** Their membership now; undefined while they are out of the room. */
  member: Member | undefined
}

/**
 * The joins and leaves of one room between two notices, netted per user: a join then a leave of
 * someone who was not there before cancels out; a leave then a join of someone who was there is a
 * join (a new joinTime). So a user is never both joined and left, and applying a batch in any
 * order gives the same room.
 */
export class MemberChanges {
  // Insertion order is the order of each user's latest change; re-inserting keeps it so.
  private readonly changes = new Map<string, Change>()

  /** `member` entered the room (it was not in it a moment ago). */
  joined(member: Member): void {
    const change = this.changes.get(member.userId)
    this.changes.delete(member.userId)
    this.changes.set(member.userId, { wasPresent: change?.wasPresent ?? false, member })
  }

  /** `userId` left the room (it was in it a moment ago). */
  left(userId: string): void {
    const change = this.changes.get(userId)
    this.changes.delete(userId)
    if (change && !change.wasPresent) return
    this.changes.set(userId, { wasPresent: true, member: undefined })
  }

  /** The batch since the previous take, or undefined when nothing changed on balance. */
  take(maxListed: number): MemberChangeBatch | undefined {
    if (this.changes.size === 0) return undefined
    const joined: Member[] = []
    const left: string[] = []
    for (const [userId, change] of this.changes) {
      if (change.member) joined.push(change.member)
      else left.push(userId)
    }
    this.changes.clear()
    return {
      joined: joined.slice(Math.max(0, joined.length - maxListed)),
      left: left.slice(Math.max(0, left.length - maxListed)),
      joinedCount: joined.length,
      leftCount: left.length,
    }
  }
}
