import { z } from 'zod'
import { defaultMessageCap, maxMessageCap } from '../protocol/message-cap'

/** The embedded room's own settings (the console's "Room connection" section; issue 15 §4). */
export const RoomSettings = z
  .object({
    /** Messages the room admits per second before it sheds by priority (reference §1.1). */
    messageCap: z.number().int().min(1).max(maxMessageCap),
  })
  .strict()
export type RoomSettings = z.infer<typeof RoomSettings>

export const defaultRoomSettings: RoomSettings = { messageCap: defaultMessageCap }

export const RoomSettingsSnapshot = z.object({
  /** What was saved (the next start's value, unless `--msg-cap` is given). */
  settings: RoomSettings,
  /** The cap the embedded room runs with now. */
  messageCap: z.number().int().positive(),
  /** This run's cap came from `--msg-cap`; saving still applies at once, and at later starts. */
  fromCommandLine: z.boolean(),
  /** The console runs a Tencent room, whose cap is the IM app's (the embedded room is idle). */
  tencentRoom: z.boolean(),
})
export type RoomSettingsSnapshot = z.infer<typeof RoomSettingsSnapshot>
