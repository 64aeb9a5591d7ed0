import type {
  FilterAction,
  FilterKind,
  FilterOnTimeout,
  FilterRule,
} from '../../../../src-shared/contract/filters'
import type { Db, Migration } from '../../../common/sqlite'
import type { CallbackMsgElem } from '../../../common/im-callbacks'

/**
 * The filters' tables in the business database (business-store.ts; moderation owns versions
 * 300–399): the rules of each room, and the messages a rule held for the review queue.
 */
export const filterMigrations: readonly Migration[] = [
  {
    version: 300,
    name: 'filter-rules',
    up(db) {
      db.exec(`
        CREATE TABLE filter_rules (
          id INTEGER PRIMARY KEY,
          group_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('term', 'regex', 'link', 'repeat', 'caps')),
          pattern TEXT NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('reject', 'drop', 'hold', 'mask')),
          on_timeout TEXT NOT NULL CHECK (on_timeout IN ('allow', 'apply')),
          created_by TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          hits INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX filter_rules_by_group ON filter_rules (group_id, id);
      `)
    },
  },
  {
    version: 301,
    name: 'held-messages',
    up(db) {
      // A held message keeps what is needed to deliver it late as its sender's (send_group_msg
      // with From_Account) — its body as JSON, exactly as the callback carried it.
      db.exec(`
        CREATE TABLE held_messages (
          id INTEGER PRIMARY KEY,
          group_id TEXT NOT NULL,
          from_account TEXT NOT NULL,
          random INTEGER NOT NULL,
          msg_body TEXT NOT NULL,
          cloud_custom_data TEXT,
          rule_id INTEGER NOT NULL,
          held_at INTEGER NOT NULL,
          state TEXT NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'approved', 'denied', 'expired')),
          claimed_by TEXT,
          claim_until INTEGER,
          decided_by TEXT,
          decided_at INTEGER
        ) STRICT;
        CREATE INDEX held_messages_waiting ON held_messages (group_id, state, id);
      `)
    },
  },
  {
    version: 302,
    name: 'audit-log',
    up(db) {
      // One row per run of identical actions (count, first_at, last_at): a flood of one rule's
      // drops is one entry, not thousands.
      db.exec(`
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          group_id TEXT NOT NULL,
          actor TEXT NOT NULL,
          target TEXT NOT NULL,
          action TEXT NOT NULL,
          reason TEXT NOT NULL,
          duration_s INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          message TEXT NOT NULL,
          undo TEXT,
          count INTEGER NOT NULL DEFAULT 1 CHECK (count > 0),
          first_at INTEGER NOT NULL,
          last_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX audit_log_by_group ON audit_log (group_id, id);
      `)
    },
  },
  {
    version: 303,
    name: 'room-safety',
    up(db) {
      // saved_json: what the shield changed, as it was before (restored exactly when it goes down).
      db.exec(`
        CREATE TABLE room_safety (
          group_id TEXT PRIMARY KEY,
          slow_mode_s INTEGER NOT NULL DEFAULT 0,
          shield_on INTEGER NOT NULL DEFAULT 0 CHECK (shield_on IN (0, 1)),
          preset_json TEXT,
          saved_json TEXT
        ) STRICT;
        CREATE TABLE room_chatters (
          group_id TEXT NOT NULL,
          user_id TEXT NOT NULL,
          first_at INTEGER NOT NULL,
          PRIMARY KEY (group_id, user_id)
        ) STRICT, WITHOUT ROWID;
      `)
    },
  },
]

interface RuleRow {
  id: number
  group_id: string
  kind: string
  pattern: string
  action: string
  on_timeout: string
  created_by: string
  created_at: number
  hits: number
}

const ruleOf = (row: RuleRow): FilterRule => ({
  id: row.id,
  kind: row.kind as FilterKind,
  pattern: row.pattern,
  action: row.action as FilterAction,
  onTimeout: row.on_timeout as FilterOnTimeout,
  createdBy: row.created_by,
  createdAt: row.created_at,
  hits: row.hits,
})

export interface NewRule {
  groupId: string
  kind: FilterKind
  pattern: string
  action: FilterAction
  onTimeout: FilterOnTimeout
  createdBy: string
  createdAt: number
}

export interface HeldMessage {
  groupId: string
  fromAccount: string
  random: number
  msgBody: CallbackMsgElem[]
  cloudCustomData: string | undefined
  ruleId: number
  heldAt: number
}

export type HeldState = 'held' | 'approved' | 'denied' | 'expired'

/** A held message as the review queue reads it. */
export interface HeldRow {
  id: number
  group_id: string
  from_account: string
  random: number
  msg_body: string
  cloud_custom_data: string | null
  rule_id: number
  rule_pattern: string | null
  held_at: number
  state: HeldState
  claimed_by: string | null
  claim_until: number | null
  decided_by: string | null
  decided_at: number | null
}

const heldColumns = `h.*, r.pattern AS rule_pattern`
const heldFrom = `held_messages h LEFT JOIN filter_rules r ON r.id = h.rule_id`

/** Prepared statements over the filters' tables. */
export class FilterStore {
  private readonly selectRules
  private readonly countRules
  private readonly insertRule
  private readonly deleteRule
  private readonly addHits
  private readonly insertHeld
  private readonly selectWaiting
  private readonly selectHeld
  private readonly updateClaim
  private readonly updateDecided
  private readonly updateReverted
  private readonly updateExpired

  constructor(private readonly db: Db) {
    this.selectRules = db.prepare<[string], RuleRow>(
      'SELECT * FROM filter_rules WHERE group_id = ? ORDER BY id',
    )
    this.countRules = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM filter_rules WHERE group_id = ?',
    )
    this.insertRule = db.prepare<[string, string, string, string, string, string, number]>(
      `INSERT INTO filter_rules (group_id, kind, pattern, action, on_timeout, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.deleteRule = db.prepare<[string, number]>(
      'DELETE FROM filter_rules WHERE group_id = ? AND id = ?',
    )
    this.addHits = db.prepare<[number, number]>(
      'UPDATE filter_rules SET hits = hits + ? WHERE id = ?',
    )
    this.insertHeld = db.prepare<[string, string, number, string, string | null, number, number]>(
      `INSERT INTO held_messages (group_id, from_account, random, msg_body, cloud_custom_data, rule_id, held_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.selectWaiting = db.prepare<[string], HeldRow>(
      `SELECT ${heldColumns} FROM ${heldFrom} WHERE h.group_id = ? AND h.state = 'held' ORDER BY h.id`,
    )
    this.selectHeld = db.prepare<[string, number], HeldRow>(
      `SELECT ${heldColumns} FROM ${heldFrom} WHERE h.group_id = ? AND h.id = ?`,
    )
    this.updateClaim = db.prepare<[string, number, number]>(
      `UPDATE held_messages SET claimed_by = ?, claim_until = ? WHERE id = ? AND state = 'held'`,
    )
    this.updateDecided = db.prepare<[string, string, number, number]>(
      `UPDATE held_messages SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'held'`,
    )
    this.updateReverted = db.prepare<[number]>(
      `UPDATE held_messages SET state = 'held', decided_by = NULL, decided_at = NULL WHERE id = ?`,
    )
    this.updateExpired = db.prepare<[number, number]>(
      `UPDATE held_messages SET state = 'expired', decided_by = '', decided_at = ? WHERE state = 'held' AND held_at <= ?`,
    )
  }

  /** The messages waiting for review in a room, oldest first. */
  waiting(groupId: string): HeldRow[] {
    return this.selectWaiting.all(groupId)
  }

  held(groupId: string, id: number): HeldRow | undefined {
    return this.selectHeld.get(groupId, id)
  }

  /** False when the item is no longer waiting. */
  claim(id: number, by: string, until: number): boolean {
    return this.updateClaim.run(by, until, id).changes > 0
  }

  /**
   * Settles a waiting item; false when it was settled already (by another moderator's request that
   * came first: the check and the write are one statement).
   */
  decide(id: number, state: Exclude<HeldState, 'held'>, by: string, at: number): boolean {
    return this.updateDecided.run(state, by, at, id).changes > 0
  }

  /** Puts an approved item back in the queue (its late delivery failed). */
  revert(id: number): void {
    this.updateReverted.run(id)
  }

  /** Expires what was held at or before `heldBefore`; how many. */
  expire(now: number, heldBefore: number): number {
    return this.updateExpired.run(now, heldBefore).changes
  }

  rules(groupId: string): FilterRule[] {
    return this.selectRules.all(groupId).map(ruleOf)
  }

  count(groupId: string): number {
    return this.countRules.get(groupId)?.n ?? 0
  }

  add(rule: NewRule): FilterRule {
    const { lastInsertRowid } = this.insertRule.run(
      rule.groupId,
      rule.kind,
      rule.pattern,
      rule.action,
      rule.onTimeout,
      rule.createdBy,
      rule.createdAt,
    )
    const { groupId: _groupId, ...fields } = rule
    return { ...fields, id: Number(lastInsertRowid), hits: 0 }
  }

  /** False when there was no such rule. */
  remove(groupId: string, id: number): boolean {
    return this.deleteRule.run(groupId, id).changes > 0
  }

  /** Adds matches to rules' counts, in one transaction (batched: not one write per message). */
  countHits(hits: ReadonlyMap<number, number>): void {
    if (hits.size === 0) return
    this.db.transaction(() => {
      for (const [id, count] of hits) this.addHits.run(count, id)
    })()
  }

  hold(message: HeldMessage): number {
    const { lastInsertRowid } = this.insertHeld.run(
      message.groupId,
      message.fromAccount,
      message.random,
      JSON.stringify(message.msgBody),
      message.cloudCustomData ?? null,
      message.ruleId,
      message.heldAt,
    )
    return Number(lastInsertRowid)
  }
}
