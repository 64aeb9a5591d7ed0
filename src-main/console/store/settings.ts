import type { z } from 'zod'
import type { Db } from '../../common/sqlite'

/** Settings as JSON documents by key, each validated on the way out. */
export class SettingsStore {
  private readonly getStmt
  private readonly putStmt

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.getStmt = db.prepare<[string], { value: string }>(
      'SELECT value FROM settings WHERE key = ?',
    )
    this.putStmt = db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
  }

  /** The stored value if it still fits the schema, else the fallback (a newer or damaged row). */
  get<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const row = this.getStmt.get(key)
    if (!row) return fallback
    try {
      const parsed = schema.safeParse(JSON.parse(row.value))
      return parsed.success ? parsed.data : fallback
    } catch {
      return fallback
    }
  }

  put(key: string, value: unknown): void {
    this.putStmt.run(key, JSON.stringify(value), this.now())
  }
}
