import { checkLevelRules, type LevelRules } from '../../../../src-shared/protocol/levels'
import type { Db, Migration } from '../../../common/sqlite'

/**
 * The level rules an anchor saved for a room (issue 12 §3's editor), in the business database
 * (numbers 260–279 with the audience). One row per room, replaced on each save; a room without a
 * row follows the host's rules.
 */
export const levelRulesMigrations: readonly Migration[] = [
  {
    version: 261,
    name: 'level-rules',
    up(db) {
      db.exec(`
        CREATE TABLE level_rules (
          group_id TEXT PRIMARY KEY,
          rules_json TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
]

/** The room's saved rules; undefined when it has none (or they no longer pass the check). */
export function readLevelRules(db: Db, groupId: string): LevelRules | undefined {
  const row = db.prepare('SELECT rules_json FROM level_rules WHERE group_id = ?').get(groupId) as
    { rules_json: string } | undefined
  if (!row) return undefined
  const checked = checkLevelRules(JSON.parse(row.rules_json))
  return checked.ok ? checked.rules : undefined
}

export function writeLevelRules(db: Db, groupId: string, rules: LevelRules, at: number): void {
  db.prepare(
    `INSERT INTO level_rules VALUES (?, ?, ?)
     ON CONFLICT (group_id) DO UPDATE SET rules_json = excluded.rules_json, updated_at = excluded.updated_at`,
  ).run(groupId, JSON.stringify(rules), at)
}
