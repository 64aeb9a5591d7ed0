import type { Migration } from '../../../common/sqlite'

/**
 * The gifts-and-likes tables of the business database (business-store.ts; this capability's
 * version numbers are 100–199). Money: every balance change and the order that caused it are one
 * transaction, and a balance below zero is refused by the table itself, not only by the code.
 */
export const giftMigrations: readonly Migration[] = [
  {
    version: 100,
    name: 'gift-wallets-ledger-combos',
    up(db) {
      db.exec(`
        CREATE TABLE gift_wallets (
          user_id TEXT PRIMARY KEY,
          balance INTEGER NOT NULL CHECK (balance >= 0),
          granted INTEGER NOT NULL CHECK (granted >= 0),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE gift_orders (
          user_id TEXT NOT NULL,
          order_id TEXT NOT NULL,
          group_id TEXT NOT NULL,
          gift_id TEXT NOT NULL,
          count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 9999),
          price INTEGER NOT NULL CHECK (price > 0),
          amount INTEGER NOT NULL CHECK (amount > 0),
          balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
          combo_id TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (user_id, order_id)
        ) STRICT;
        CREATE INDEX gift_orders_group_time ON gift_orders (group_id, created_at);
        CREATE TABLE gift_combos (
          combo_id TEXT PRIMARY KEY,
          group_id TEXT NOT NULL,
          user_id TEXT NOT NULL,
          sender_nick TEXT NOT NULL,
          gift_id TEXT NOT NULL,
          total INTEGER NOT NULL CHECK (total > 0),
          amount INTEGER NOT NULL CHECK (amount > 0),
          sent INTEGER NOT NULL DEFAULT 0,
          delivered INTEGER NOT NULL DEFAULT 0,
          messages INTEGER NOT NULL DEFAULT 0,
          started_at INTEGER NOT NULL,
          last_at INTEGER NOT NULL,
          ended INTEGER NOT NULL DEFAULT 0 CHECK (ended IN (0, 1)),
          thanked_at INTEGER,
          thanked_by TEXT
        ) STRICT;
        CREATE INDEX gift_combos_group_time ON gift_combos (group_id, last_at);
        CREATE TABLE like_totals (
          group_id TEXT PRIMARY KEY,
          total INTEGER NOT NULL CHECK (total >= 0),
          updated_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
]
