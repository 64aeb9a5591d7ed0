import type { Role } from '../../../src-shared/protocol/frames'
import type { Db } from './database'

export interface GroupRow {
  groupId: string
  name: string
  ownerId: string
  createdAt: number
}

interface GroupRecord {
  group_id: string
  name: string
  owner_id: string
  created_at: number
}

export class GroupQueries {
  private readonly selectOne
  private readonly insertOne
  private readonly selectAdmin
  private readonly insertAdmin
  private readonly deleteAdmin

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], GroupRecord>(
      'SELECT group_id, name, owner_id, created_at FROM groups WHERE group_id = ?',
    )
    this.insertOne = db.prepare(
      'INSERT INTO groups (group_id, name, owner_id, created_at) VALUES (@groupId, @name, @ownerId, @createdAt)',
    )
    this.selectAdmin = db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM group_admins WHERE group_id = ? AND user_id = ?',
    )
    this.insertAdmin = db.prepare(
      'INSERT OR IGNORE INTO group_admins (group_id, user_id) VALUES (?, ?)',
    )
    this.deleteAdmin = db.prepare('DELETE FROM group_admins WHERE group_id = ? AND user_id = ?')
  }

  get(groupId: string): GroupRow | undefined {
    const row = this.selectOne.get(groupId)
    return row
      ? { groupId: row.group_id, name: row.name, ownerId: row.owner_id, createdAt: row.created_at }
      : undefined
  }

  create(group: GroupRow): void {
    this.insertOne.run(group)
  }

  setAdmin(groupId: string, userId: string, admin: boolean): void {
    if (admin) this.insertAdmin.run(groupId, userId)
    else this.deleteAdmin.run(groupId, userId)
  }

  roleOf(group: GroupRow, userId: string): Role {
    if (group.ownerId === userId) return 'Owner'
    return this.selectAdmin.get(group.groupId, userId) ? 'Admin' : 'Member'
  }
}
