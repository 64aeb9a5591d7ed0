import { type Db, type Migration, migrate as migrateDatabase } from '../../common/sqlite'

/** The room database's numbered migrations (common/sqlite.ts runs them). */

export const migrations: readonly Migration[] = [
  {
    version: 10,
    name: 'groups-and-profiles',
    up(db) {
      db.exec(`
        CREATE TABLE groups (
          group_id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          owner_id TEXT NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE group_admins (
          group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          PRIMARY KEY (group_id, user_id)
        ) STRICT;
        CREATE TABLE profiles (
          user_id TEXT PRIMARY KEY,
          nick TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
  {
    version: 20,
    name: 'messages',
    up(db) {
      db.exec(`
        CREATE TABLE messages (
          group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          msg_id TEXT NOT NULL UNIQUE,
          from_id TEXT NOT NULL,
          nick TEXT NOT NULL,
          time INTEGER NOT NULL,
          priority TEXT NOT NULL CHECK (priority IN ('High', 'Normal', 'Low', 'Lowest')),
          body_json TEXT NOT NULL,
          random INTEGER,
          PRIMARY KEY (group_id, seq)
        ) STRICT;
        -- Duplicate-send detection looks a message up by its sender's Random.
        CREATE INDEX messages_by_random ON messages (group_id, from_id, random) WHERE random IS NOT NULL;
      `)
    },
  },
  {
    version: 30,
    name: 'mutes',
    up(db) {
      db.exec(`
        CREATE TABLE mutes (
          group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          mute_until INTEGER NOT NULL,
          operator_id TEXT NOT NULL,
          PRIMARY KEY (group_id, user_id)
        ) STRICT;
      `)
    },
  },
  {
    version: 40,
    name: 'group-profile',
    up(db) {
      // The REST profile fields (reference §2.1). Existing groups keep empty values and
      // MuteAllMember off; info_time starts at creation.
      db.exec(`
        ALTER TABLE groups ADD COLUMN introduction TEXT NOT NULL DEFAULT '';
        ALTER TABLE groups ADD COLUMN notification TEXT NOT NULL DEFAULT '';
        ALTER TABLE groups ADD COLUMN face_url TEXT NOT NULL DEFAULT '';
        ALTER TABLE groups ADD COLUMN mute_all INTEGER NOT NULL DEFAULT 0 CHECK (mute_all IN (0, 1));
        ALTER TABLE groups ADD COLUMN app_defined_json TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE groups ADD COLUMN info_time INTEGER NOT NULL DEFAULT 0;
        UPDATE groups SET info_time = created_at;
      `)
    },
  },
  {
    version: 50,
    name: 'accounts',
    up(db) {
      // Accounts known to the app: imported through REST or seen at login. Viewers that only
      // have a profile (viewer-session) count as known too; see AccountQueries.exists.
      db.exec(`
        CREATE TABLE accounts (
          user_id TEXT PRIMARY KEY,
          face_url TEXT NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
  {
    version: 60,
    name: 'message-extras',
    up(db) {
      db.exec(`
        ALTER TABLE messages ADD COLUMN cloud_custom_data TEXT;
        ALTER TABLE messages ADD COLUMN is_modified INTEGER NOT NULL DEFAULT 0 CHECK (is_modified IN (0, 1));
      `)
    },
  },
  {
    version: 70,
    name: 'bans',
    up(db) {
      // AVChatRoom bans (REST ban_group_member, the client `ban`): one row per banned member,
      // kept after it ends (a lookup compares banned_until with the clock).
      db.exec(`
        CREATE TABLE bans (
          group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          banned_until INTEGER NOT NULL,
          operator_id TEXT NOT NULL,
          reason TEXT NOT NULL DEFAULT '',
          PRIMARY KEY (group_id, user_id)
        ) STRICT;
      `)
    },
  },
  {
    version: 80,
    name: 'message-recall',
    up(db) {
      // A recalled message keeps its row (its sequence stays taken) and leaves history.
      db.exec(`
        ALTER TABLE messages ADD COLUMN recalled INTEGER NOT NULL DEFAULT 0 CHECK (recalled IN (0, 1));
      `)
    },
  },
  {
    version: 90,
    name: 'group-attributes',
    up(db) {
      db.exec(`
        CREATE TABLE group_attributes (
          group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (group_id, key)
        ) STRICT;
      `)
    },
  },
  {
    version: 100,
    name: 'sign-outs',
    up(db) {
      // REST im_open_login_svc/kick revokes the user's earlier UserSigs (reference §12): when it
      // happened, in ms, one row per user.
      db.exec(`
        CREATE TABLE sign_outs (
          user_id TEXT PRIMARY KEY,
          signed_out_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
  {
    version: 110,
    name: 'viewer-identities',
    up(db) {
      // Issue 9, §2: the identities /api/viewer-session mints (anonymous viewers), with the address
      // each was minted from and when it was last used (abandoned ones are pruned); and a group's
      // bans of an address, which keep out identities minted there after the ban.
      db.exec(`
        CREATE TABLE viewer_identities (
          user_id TEXT PRIMARY KEY,
          minted_at INTEGER NOT NULL,
          minted_address TEXT NOT NULL,
          seen_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX viewer_identities_by_address ON viewer_identities (minted_address, minted_at);
        CREATE INDEX viewer_identities_by_seen ON viewer_identities (seen_at);
        CREATE TABLE address_bans (
          group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
          address TEXT NOT NULL,
          banned_at INTEGER NOT NULL,
          banned_until INTEGER NOT NULL,
          PRIMARY KEY (group_id, address)
        ) STRICT;
      `)
    },
  },
]

/** Brings the room database up to date (to `upTo`, for tests); refuses a newer schema. */
export function migrate(db: Db, upTo = Number.POSITIVE_INFINITY): number {
  return migrateDatabase(db, migrations, 'The room database', upTo)
}
