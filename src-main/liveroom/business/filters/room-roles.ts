import { ErrorCode } from '../../../../src-shared/protocol/codes'
import type { Clock } from '../../../common/clock'
import type { RestCaller } from '../callback-port'

/**
 * Who may moderate a room, as the room itself says (so it holds behind Tencent Cloud too): its
 * owner (`get_group_info`'s Owner_Account) and its admins (`get_admin_list`), read through REST
 * and kept a few seconds — a console that adds rules in a row costs one read, and a removed
 * admin loses the right within `ttlMs`.
 */
export type RoomRole = 'owner' | 'admin' | 'member'

interface Known {
  owner: string
  admins: ReadonlySet<string>
  at: number
}

export class RoomRoles {
  private readonly known = new Map<string, Known>()
  private readonly reading = new Map<string, Promise<Known | undefined>>()
  /** Bumped by forget: a read begun before it is not kept. */
  private readonly generation = new Map<string, number>()

  constructor(
    private readonly rest: RestCaller,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly ttlMs = 5000,
    private readonly refusalTtlMs = 1000,
  ) {}

  /** The caller's role in `groupId`; a room that does not exist makes everyone a member. */
  async roleOf(groupId: string, userId: string): Promise<RoomRole> {
    let known = await this.read(groupId, this.ttlMs)
    // A refusal is checked against a read at most a second old: an admin just made is let in.
    if (known && known.owner !== userId && !known.admins.has(userId)) {
      known = await this.read(groupId, this.refusalTtlMs)
    }
    if (!known) return 'member'
    if (known.owner === userId) return 'owner'
    return known.admins.has(userId) ? 'admin' : 'member'
  }

  /**
   * Whether `userId` is known to moderate `groupId`, without waiting (for the before-send path):
   * from what was read last, however old; a room not read yet is read in the background.
   */
  knownModerator(groupId: string, userId: string): boolean {
    const known = this.known.get(groupId)
    if (!known) {
      this.read(groupId, this.ttlMs).catch(() => {})
      return false
    }
    return known.owner === userId || known.admins.has(userId)
  }

  /** Forgets what was read (after this host changed an admin itself). */
  forget(groupId: string): void {
    this.known.delete(groupId)
    // A read under way began before the change: it answers its callers but is not kept.
    this.reading.delete(groupId)
    this.generation.set(groupId, (this.generation.get(groupId) ?? 0) + 1)
  }

  /**
   * What the room says, read at most `maxAgeMs` ago. One read per room at a time: the chat's
   * before-send path asks on every line, and at hundreds of lines a second each asking for its
   * own read made two REST calls per line while the first was under way (issue 15 §4).
   */
  private read(groupId: string, maxAgeMs: number): Promise<Known | undefined> {
    const cached = this.known.get(groupId)
    if (cached && this.clock.now() - cached.at < maxAgeMs) return Promise.resolve(cached)
    let reading = this.reading.get(groupId)
    if (!reading) {
      const started = this.fetch(groupId, this.generation.get(groupId) ?? 0)
      reading = started.finally(() => {
        if (this.reading.get(groupId) === reading) this.reading.delete(groupId)
      })
      this.reading.set(groupId, reading)
    }
    return reading
  }

  private async fetch(groupId: string, generation: number): Promise<Known | undefined> {
    const info = await this.rest.call('group_open_http_svc', 'get_group_info', {
      GroupIdList: [groupId],
      ResponseFilter: { GroupBaseInfoFilter: ['Owner_Account'] },
    })
    const group = (
      info.GroupInfo as { ErrorCode?: number; Owner_Account?: string }[] | undefined
    )?.[0]
    if (!group || (group.ErrorCode ?? 0) === ErrorCode.groupNotFound) return undefined
    let admins: string[] = []
    try {
      const list = await this.rest.call('group_open_avchatroom_http_svc', 'get_admin_list', {
        GroupId: groupId,
      })
      admins = ((list.Admin_List as { Admin_Account?: string }[] | undefined) ?? [])
        .map((admin) => admin.Admin_Account ?? '')
        .filter(Boolean)
    } catch {
      // Editions without the admin list (reference §12): only the owner is known to moderate.
    }
    const known = {
      owner: group.Owner_Account ?? '',
      admins: new Set(admins),
      at: this.clock.now(),
    }
    if ((this.generation.get(groupId) ?? 0) === generation) this.known.set(groupId, known)
    return known
  }
}
