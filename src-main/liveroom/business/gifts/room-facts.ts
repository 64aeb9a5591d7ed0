import { ErrorCode } from '../../../../src-shared/protocol/codes'
import type { Clock } from '../../../common/clock'
import { RoomError } from '../../../common/room-error'
import type { RestCaller } from '../callback-port'

/**
 * What an order needs to know about its room and its sender, read through the IM REST API (the
 * business host sees the room only that way): the room's owner (the gift's receiver), the
 * sender's nickname, and who is banned. Each is cached briefly, and one read serves every order
 * that waits for it, so a gift storm costs a few REST calls a second, not one per click.
 */

export interface RoomOwner {
  ownerId: string
}

interface Cached<T> {
  value: Promise<T>
  at: number
}

export interface RoomFactsOptions {
  rest: RestCaller
  clock: Clock
  /** How long an owner or a nickname is trusted, ms; default 60 000. */
  profileMs?: number
  /** How long a group's ban list is trusted, ms; default 5000 (a kick or ban also clears it). */
  bansMs?: number
}

export class RoomFacts {
  private readonly owners = new Map<string, Cached<RoomOwner>>()
  private readonly nicks = new Map<string, Cached<string>>()
  private readonly bans = new Map<string, Cached<Set<string>>>()
  private readonly profileMs: number
  private readonly bansMs: number

  constructor(private readonly options: RoomFactsOptions) {
    this.profileMs = options.profileMs ?? 60_000
    this.bansMs = options.bansMs ?? 5000
  }

  /** The group's owner; rejects with RoomError 10010 when the group does not exist. */
  owner(groupId: string): Promise<RoomOwner> {
    return this.cached(this.owners, groupId, this.profileMs, async () => {
      const answer = await this.options.rest.call('group_open_http_svc', 'get_group_info', {
        GroupIdList: [groupId],
        ResponseFilter: { GroupBaseInfoFilter: ['Owner_Account'] },
      })
      const info = (answer.GroupInfo as { ErrorCode?: number; Owner_Account?: string }[])?.[0]
      if (!info || info.ErrorCode !== 0 || typeof info.Owner_Account !== 'string') {
        throw new RoomError(ErrorCode.groupNotFound, `There is no room "${groupId.slice(0, 48)}"`)
      }
      return { ownerId: info.Owner_Account }
    })
  }

  /** The user's nickname from their profile; their user ID when they have none. */
  nick(userId: string): Promise<string> {
    return this.cached(this.nicks, userId, this.profileMs, async () => {
      const answer = await this.options.rest.call('profile', 'portrait_get', {
        To_Account: [userId],
        TagList: ['Tag_Profile_IM_Nick'],
      })
      const item = (
        answer.UserProfileItem as { ProfileItem?: { Tag: string; Value: unknown }[] }[]
      )?.[0]
      const nick = item?.ProfileItem?.find((p) => p.Tag === 'Tag_Profile_IM_Nick')?.Value
      return typeof nick === 'string' && nick !== '' ? nick : userId
    })
  }

  /** True while the user is banned from the group (REST get_group_ban_member, all pages). */
  async banned(groupId: string, userId: string): Promise<boolean> {
    const list = await this.cached(this.bans, groupId, this.bansMs, async () => {
      const banned = new Set<string>()
      for (let offset = 0, pages = 0; pages < 100; pages++) {
        const answer = await this.options.rest.call('group_open_http_svc', 'get_group_ban_member', {
          GroupId: groupId,
          Limit: 100,
          Offset: offset,
        })
        for (const entry of (answer.BannedAccountList as { Member_Account: string }[]) ?? []) {
          banned.add(entry.Member_Account)
        }
        const next = answer.NextOffset
        if (typeof next !== 'number' || next <= offset) break
        offset = next
      }
      return banned
    })
    return list.has(userId)
  }

  /** A member was kicked or banned (an exit callback): the next order rereads the ban list. */
  forgetBans(groupId: string): void {
    this.bans.delete(groupId)
  }

  private cached<T>(
    map: Map<string, Cached<T>>,
    key: string,
    maxAgeMs: number,
    read: () => Promise<T>,
  ): Promise<T> {
    const now = this.options.clock.now()
    const hit = map.get(key)
    if (hit && now - hit.at < maxAgeMs) return hit.value
    const value = read()
    const entry = { value, at: now }
    map.set(key, entry)
    // A failed read is not kept: the next order asks again.
    value.catch(() => {
      if (map.get(key) === entry) map.delete(key)
    })
    if (map.size > 10_000) map.delete(map.keys().next().value as string)
    return value
  }
}
