import Database from 'better-sqlite3'
import { migrate } from './migrations'

export type Db = Database.Database

export interface OpenDatabaseOptions {
  /** better-sqlite3's `nativeBinding`: the Electron-ABI build when running inside Electron. */
  nativeBinding?: string
}

/**
 * Opens (creating if needed) the room database and brings its schema up to date.
 *
 * WAL with synchronous=NORMAL: a committed transaction survives the process being killed (kill -9);
 * only an OS crash or power loss can lose the last commits, which is acceptable for chat history.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : undefined,
  )
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 2000')
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
