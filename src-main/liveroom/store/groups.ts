import type { AppDefinedField, Role } from '../../../src-shared/protocol/frames'
import type { Db } from '../../common/sqlite'

export interface GroupRow {
  groupId: string
  name: string
  /** '' when the group has no owner (created through REST without Owner_Account). */
  ownerId: string
  createdAt: number
}

/** The full profile (reference §2.1); the fields beyond GroupRow came with migration 0040. */
export interface GroupProfile extends GroupRow {
  introduction: string
  notification: string
  faceUrl: string
  muteAllMembers: boolean
  appDefinedData: AppDefinedField[]
  /** Last profile change, ms. */
  infoTime: number
}

export type GroupProfileChanges = Partial<
  Pick<
    GroupProfile,
    'name' | 'introduction' | 'notification' | 'faceUrl' | 'muteAllMembers' | 'appDefinedData'
  >
>

interface GroupRecord {
  group_id: string
  name: string
  owner_id: string
  created_at: number
  introduction: string
  notification: string
  face_url: string
  mute_all: number
  app_defined_json: string
  info_time: number
}

const columns =
  'group_id, name, owner_id, created_at, introduction, notification, face_url, mute_all, app_defined_json, info_time'

function parseFields(json: string): AppDefinedField[] {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value)
      ? value.filter(
          (f): f is AppDefinedField =>
            typeof f === 'object' &&
            f !== null &&
            typeof (f as AppDefinedField).Key === 'string' &&
            typeof (f as AppDefinedField).Value === 'string',
        )
      : []
  } catch {
    return []
  }
}

function toProfile(row: GroupRecord): GroupProfile {
  return {
    groupId: row.group_id,
    name: row.name,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    introduction: row.introduction,
    notification: row.notification,
    faceUrl: row.face_url,
    muteAllMembers: row.mute_all === 1,
    appDefinedData: parseFields(row.app_defined_json),
    infoTime: row.info_time,
  }
}

export class GroupQueries {
  private readonly selectOne
  private readonly insertOne
  private readonly updateOne
  private readonly deleteOne
  private readonly selectAdmin
  private readonly selectAdmins
  private readonly insertAdmin
  private readonly deleteAdmin
  private readonly selectIds

  constructor(private readonly db: Db) {
    this.selectOne = db.prepare<[string], GroupRecord>(
      `SELECT ${columns} FROM groups WHERE group_id = ?`,
    )
    this.insertOne = db.prepare(
      `INSERT INTO groups (${columns})
       VALUES (@groupId, @name, @ownerId, @createdAt, @introduction, @notification, @faceUrl,
               @muteAll, @appDefinedJson, @createdAt)`,
    )
    this.updateOne = db.prepare(
      `UPDATE groups SET name = @name, introduction = @introduction, notification = @notification,
         face_url = @faceUrl, mute_all = @muteAll, app_defined_json = @appDefinedJson,
         info_time = @infoTime
       WHERE group_id = @groupId`,
    )
    this.deleteOne = db.prepare('DELETE FROM groups WHERE group_id = ?')
    this.selectAdmin = db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM group_admins WHERE group_id = ? AND user_id = ?',
    )
    this.selectAdmins = db.prepare<[string], { user_id: string }>(
      'SELECT user_id FROM group_admins WHERE group_id = ? ORDER BY user_id',
    )
    this.insertAdmin = db.prepare(
      'INSERT OR IGNORE INTO group_admins (group_id, user_id) VALUES (?, ?)',
    )
    this.deleteAdmin = db.prepare('DELETE FROM group_admins WHERE group_id = ? AND user_id = ?')
    this.selectIds = db.prepare<[], { group_id: string }>(
      'SELECT group_id FROM groups ORDER BY group_id',
    )
  }

  /** Every group's id (send_broadcast_msg reaches them all). */
  ids(): string[] {
    return this.selectIds.all().map((row) => row.group_id)
  }

  get(groupId: string): GroupRow | undefined {
    const row = this.selectOne.get(groupId)
    return row
      ? { groupId: row.group_id, name: row.name, ownerId: row.owner_id, createdAt: row.created_at }
      : undefined
  }

  profile(groupId: string): GroupProfile | undefined {
    const row = this.selectOne.get(groupId)
    return row ? toProfile(row) : undefined
  }

  create(group: GroupRow & GroupProfileChanges): void {
    this.insertOne.run({
      groupId: group.groupId,
      name: group.name,
      ownerId: group.ownerId,
      createdAt: group.createdAt,
      introduction: group.introduction ?? '',
      notification: group.notification ?? '',
      faceUrl: group.faceUrl ?? '',
      muteAll: group.muteAllMembers ? 1 : 0,
      appDefinedJson: JSON.stringify(group.appDefinedData ?? []),
    })
  }

  /** Applies the changes and returns the new profile, or undefined when the group is gone. */
  update(groupId: string, changes: GroupProfileChanges, now: number): GroupProfile | undefined {
    const current = this.profile(groupId)
    if (!current) return undefined
    const next: GroupProfile = { ...current, ...changes, infoTime: now }
    this.updateOne.run({
      groupId,
      name: next.name,
      introduction: next.introduction,
      notification: next.notification,
      faceUrl: next.faceUrl,
      muteAll: next.muteAllMembers ? 1 : 0,
      appDefinedJson: JSON.stringify(next.appDefinedData),
      infoTime: now,
    })
    return next
  }

  /** Deletes the group; its messages, admins, mutes, bans and attributes go with it (CASCADE). */
  destroy(groupId: string): boolean {
    return this.deleteOne.run(groupId).changes > 0
  }

  setAdmin(groupId: string, userId: string, admin: boolean): void {
    if (admin) this.insertAdmin.run(groupId, userId)
    else this.deleteAdmin.run(groupId, userId)
  }

  /** Sets or clears several admins in one transaction. */
  setAdmins(groupId: string, userIds: readonly string[], admin: boolean): void {
    this.db.transaction(() => {
      for (const userId of userIds) this.setAdmin(groupId, userId, admin)
    })()
  }

  admins(groupId: string): string[] {
    return this.selectAdmins.all(groupId).map((row) => row.user_id)
  }

  roleOf(group: GroupRow, userId: string): Role {
    if (group.ownerId === userId) return 'Owner'
    return this.selectAdmin.get(group.groupId, userId) ? 'Admin' : 'Member'
  }
}
