import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { writePrivateFile } from '../common/private-files'
import { UPDATE_CHANNELS } from './update-feed'

/**
 * What only the desktop app has: the update feed and the OS notifications (issue 16 §2, §3). Kept
 * in `desktop.json` in the data folder (0600), beside the console's own settings; the app's menu
 * switches the notifications, and the feed URL is set here or at build time.
 */
export const NOTICE_KINDS = ['pushDropped', 'reconnected', 'largeGift', 'heldMessage'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]
/**
 * The kinds the app can raise today, and so the switches the menu shows: the stream's own. Large
 * gifts and held messages need the gift feed's and the review queue's events in the contract
 * (notices.ts's giftNotice and heldNotice are ready for them).
 */
export const RAISED_NOTICE_KINDS: readonly NoticeKind[] = ['pushDropped', 'reconnected']

export const DesktopSettings = z.object({
  updates: z
    .object({
      /** A generic feed's folder URL; null: the build's (LIVEDESK_UPDATE_URL). */
      feedUrl: z.string().max(2048).nullable().default(null),
      channel: z.enum(UPDATE_CHANNELS).default('latest'),
      checkAtStart: z.boolean().default(true),
    })
    .prefault({}),
  notifications: z
    .object({
      pushDropped: z.boolean().default(true),
      reconnected: z.boolean().default(true),
      largeGift: z.boolean().default(true),
      heldMessage: z.boolean().default(true),
      /** A gift worth at least this much (in the catalogue's unit) is "large". */
      largeGiftValue: z.number().int().min(1).default(1000),
    })
    .prefault({}),
})
export type DesktopSettings = z.infer<typeof DesktopSettings>

export const DESKTOP_SETTINGS_FILE = 'desktop.json'

/** The saved settings; a missing or damaged file (or one from a newer LiveDesk) gives the defaults. */
export function loadDesktopSettings(dataDir: string): DesktopSettings {
  const file = join(dataDir, DESKTOP_SETTINGS_FILE)
  if (existsSync(file)) {
    try {
      const parsed = DesktopSettings.safeParse(JSON.parse(readFileSync(file, 'utf8')))
      if (parsed.success) return parsed.data
    } catch {
      // Damaged: the defaults, and the next save replaces it.
    }
  }
  return DesktopSettings.parse({})
}

export function saveDesktopSettings(dataDir: string, settings: DesktopSettings): void {
  const file = join(dataDir, DESKTOP_SETTINGS_FILE)
  writePrivateFile(file, `${JSON.stringify(DesktopSettings.parse(settings), null, 2)}\n`)
}
