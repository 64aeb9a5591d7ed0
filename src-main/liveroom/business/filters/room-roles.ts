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

  constructor(
    private readonly rest: RestCaller,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly ttlMs = 5000,
    private readonly refusalTtlMs = 1000,
  ) {}

  /** The caller's role in `groupId`; a room that does not exist makes everyone a member. */
  async roleOf(groupId: string, userId: string): Promise<RoomRole> {
    let known = await this.read(groupId)
    // A refusal is checked against a read at most a second old: an admin just made is let in.
    if (known && known.owner !== userId && !known.admins.has(userId)) {
      if (this.clock.now() - known.at >= this.refusalTtlMs) {
        this.known.delete(groupId)
        known = await this.read(groupId)
      }
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
      this.read(groupId).catch(() => {})
      return false
    }
    return known.owner === userId || known.admins.has(userId)
  }

  /** Forgets what was read (after this host changed an admin itself). */
  forget(groupId: string): void {
    this.known.delete(groupId)
  }

  private async read(groupId: string): Promise<Known | undefined> {
    const cached = this.known.get(groupId)
    if (cached && this.clock.now() - cached.at < this.ttlMs) return cached
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
    this.known.set(groupId, known)
    return known
  }
}
