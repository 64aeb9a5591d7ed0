import type { GroupAttributes } from '../../../src-shared/protocol/frames'
import type { Db } from '../../common/sqlite'

/** Group attributes (reference §2.2): a key/value map per group. */
export class AttributeQueries {
  private readonly selectAll
  private readonly deleteAll

  constructor(db: Db) {
    this.selectAll = db.prepare<[string], { key: string; value: string }>(
      'SELECT key, value FROM group_attributes WHERE group_id = ? ORDER BY key',
    )
    this.deleteAll = db.prepare('DELETE FROM group_attributes WHERE group_id = ?')
    const insertOne = db.prepare(
      'INSERT INTO group_attributes (group_id, key, value) VALUES (?, ?, ?)',
    )
    this.replace = db.transaction((groupId: string, attributes: GroupAttributes) => {
      this.deleteAll.run(groupId)
      for (const [key, value] of Object.entries(attributes)) insertOne.run(groupId, key, value)
    })
  }

  /** Replaces the group's whole map in one transaction. */
  readonly replace: (groupId: string, attributes: GroupAttributes) => void

  all(groupId: string): GroupAttributes {
    return Object.fromEntries(this.selectAll.all(groupId).map((row) => [row.key, row.value]))
  }
}
