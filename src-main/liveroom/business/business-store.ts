import {
  type Db,
  type Migration,
  openDatabase,
  type OpenDatabaseOptions,
} from '../../common/sqlite'
// Moderation (issue 13): 300–399.
import { filterMigrations } from './filters/filter-store'
import { giftMigrations } from './gifts/gift-migrations'
import { levelMigrations } from './levels/levels-capability'
import { lotteryMigrations } from './lottery/lottery-capability'
import { roomStateMigrations } from './room-state/room-state-store'
// Audience and heat, level rules (issue 12 §3): 260–279.
import { audienceMigrations } from './audience/audience-store'
import { levelRulesMigrations } from './levels/level-rules-store'

/**
 * The business host's own database (DESIGN.md: "Its own store" — wallets and the gift ledger,
 * room state, levels, lotteries, filters, the review queue, the audit log), never the room's: the
 * same business host runs behind a Tencent IM app that has no database of ours. WAL with
 * synchronous=FULL: a committed order (money) survives a power loss, not only a kill -9.
 *
 * Each capability keeps its migrations beside its code, in its own range of version numbers (so
 * two capabilities never number alike): gifts and likes 100–199, room state, notices, levels and
 * the lottery 200–299, filters, the review queue and the audit log 300–399.
 */
export const businessMigrations: readonly Migration[] = [
  ...giftMigrations,
  ...roomStateMigrations,
  ...lotteryMigrations,
  ...levelMigrations,
  ...filterMigrations,
  ...audienceMigrations,
  ...levelRulesMigrations,
]

export function openBusinessStore(file: string, options: OpenDatabaseOptions = {}): Db {
  // Each capability numbers its own migrations, so each one applied is recorded by number.
  const db = openDatabase(file, businessMigrations, 'The business database', {
    ...options,
    record: 'each',
  })
  db.pragma('synchronous = FULL')
  return db
}
