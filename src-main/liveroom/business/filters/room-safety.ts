import {
  type RoomSafety,
  type RoomSafetyChange,
  SLOW_MODE_CODE,
  ShieldPreset,
} from '../../../../src-shared/contract/room-safety'
import type { Db } from '../../../common/sqlite'
import type { FilterStore } from './filter-store'

/**
 * Slow mode and shield mode (issue 13 §6), per room, kept in the business database.
 *
 * - Slow mode: a sender's messages must be `slowModeSeconds` apart; a faster one is refused in the
 *   before-send answer with SLOW_MODE_CODE (Tencent's pass-through range, so the sender's client
 *   gets the code and words it). The room's owner and admins are not slowed.
 * - Shield mode: one switch applies a preset — slow mode, every link refused (a rule of its own),
 *   first-time chatters held for review — and turning it off restores exactly what was there
 *   before (the slow-mode interval saved when it went up; only the shield's own rule removed).
 */

interface SafetyRow {
  slow_mode_s: number
  shield_on: number
  preset_json: string | null
  saved_json: string | null
}

interface Saved {
  slowModeSeconds: number
  linkRuleId: number | null
}

export type SafetyVerdict = { kind: 'allow' } | { kind: 'slow'; waitMs: number } | { kind: 'hold' }

/** Who is spared slow mode and the shield: known moderators (read without waiting). */
export type IsModerator = (groupId: string, userId: string) => boolean

export class RoomSafetyRules {
  private readonly select
  private readonly upsert
  private readonly insertChatter
  private readonly selectChatters
  /** groupId → who has chatted there (loaded once per room; written once per new chatter). */
  private readonly chatters = new Map<string, Set<string>>()
  /** groupId → userId → when their last message went through (ms). */
  private readonly lastSent = new Map<string, Map<string, number>>()
  private readonly cache = new Map<string, RoomSafety>()

  constructor(
    private readonly db: Db,
    private readonly rules: FilterStore,
  ) {
    this.select = db.prepare<[string], SafetyRow>('SELECT * FROM room_safety WHERE group_id = ?')
    this.upsert = db.prepare<[string, number, number, string, string | null]>(
      `INSERT INTO room_safety (group_id, slow_mode_s, shield_on, preset_json, saved_json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (group_id) DO UPDATE SET slow_mode_s = excluded.slow_mode_s,
         shield_on = excluded.shield_on, preset_json = excluded.preset_json, saved_json = excluded.saved_json`,
    )
    this.selectChatters = db
      .prepare<[string], string>('SELECT user_id FROM room_chatters WHERE group_id = ?')
      .pluck()
    this.insertChatter = db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO room_chatters (group_id, user_id, first_at) VALUES (?, ?, ?)',
    )
  }

  settings(groupId: string): RoomSafety {
    const cached = this.cache.get(groupId)
    if (cached) return cached
    const row = this.select.get(groupId)
    const preset = ShieldPreset.parse(row?.preset_json ? JSON.parse(row.preset_json) : {})
    const settings: RoomSafety = {
      available: true,
      slowModeSeconds: row?.slow_mode_s ?? 0,
      shield: { on: row?.shield_on === 1, preset },
    }
    this.cache.set(groupId, settings)
    return settings
  }

  /**
   * Applies a change. The shield going up saves what it changes and applies the preset; going
   * down restores what it saved. Returns the settings and what the shield did (for the audit).
   */
  change(
    groupId: string,
    change: RoomSafetyChange,
    now: number,
    by: string,
  ): { settings: RoomSafety; shield: 'up' | 'down' | undefined } {
    const before = this.settings(groupId)
    const row = this.select.get(groupId)
    let saved = row?.saved_json ? (JSON.parse(row.saved_json) as Saved) : null
    let slow = change.slowModeSeconds ?? before.slowModeSeconds
    const preset = change.preset ? ShieldPreset.parse(change.preset) : before.shield.preset
    let on = before.shield.on
    let shield: 'up' | 'down' | undefined
    this.db.transaction(() => {
      if (change.shieldOn === true && !on) {
        saved = { slowModeSeconds: slow, linkRuleId: null }
        if (preset.slowModeSeconds > 0) slow = Math.max(slow, preset.slowModeSeconds)
        if (preset.blockLinks) {
          saved.linkRuleId = this.rules.add({
            groupId,
            kind: 'link',
            pattern: '',
            action: 'reject',
            onTimeout: 'allow',
            createdBy: `shield:${by}`,
            createdAt: now,
          }).id
        }
        on = true
        shield = 'up'
      } else if (change.shieldOn === false && on) {
        if (saved) {
          // What a moderator set while the shield was up is theirs; only the shield's own change
          // of slow mode is undone.
          slow = change.slowModeSeconds ?? saved.slowModeSeconds
          if (saved.linkRuleId !== null) this.rules.remove(groupId, saved.linkRuleId)
        }
        saved = null
        on = false
        shield = 'down'
      }
      this.upsert.run(
        groupId,
        slow,
        on ? 1 : 0,
        JSON.stringify(preset),
        saved ? JSON.stringify(saved) : null,
      )
    })()
    this.cache.delete(groupId)
    return { settings: this.settings(groupId), shield }
  }

  /** Slow mode and the shield's first-message hold for one message (moderators pass). */
  check(groupId: string, userId: string, now: number, moderator: boolean): SafetyVerdict {
    const settings = this.settings(groupId)
    if (moderator) return { kind: 'allow' }
    if (settings.slowModeSeconds > 0) {
      const last = this.lastSent.get(groupId)?.get(userId)
      const gap = settings.slowModeSeconds * 1000
      if (last !== undefined && now - last < gap)
        return { kind: 'slow', waitMs: gap - (now - last) }
    }
    let seen = this.chatters.get(groupId)
    if (!seen) this.chatters.set(groupId, (seen = new Set(this.selectChatters.all(groupId))))
    const first = !seen.has(userId)
    if (first) {
      seen.add(userId)
      this.insertChatter.run(groupId, userId, now)
    }
    if (first && settings.shield.on && settings.shield.preset.holdFirstTimeChatters) {
      return { kind: 'hold' }
    }
    return { kind: 'allow' }
  }

  /** A message of `userId` went through at `now`: the slow-mode interval runs from here. */
  sent(groupId: string, userId: string, now: number): void {
    if (this.settings(groupId).slowModeSeconds === 0) return
    let users = this.lastSent.get(groupId)
    if (!users) this.lastSent.set(groupId, (users = new Map()))
    users.set(userId, now)
    // Forget senders whose interval is long over, so the map stays the size of the active chat.
    if (users.size > 10_000) {
      const gap = this.settings(groupId).slowModeSeconds * 1000
      for (const [user, at] of users) if (now - at >= gap) users.delete(user)
    }
  }
}

/** The before-send answer for a slowed message: the code and words the sender's client shows. */
export function slowAnswer(waitMs: number) {
  return {
    ErrorCode: SLOW_MODE_CODE,
    ErrorInfo: `Slow mode: wait ${Math.ceil(waitMs / 1000)} s before your next message`,
  }
}
