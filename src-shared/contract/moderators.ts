import { z } from 'zod'

/**
 * Moderators with their own identities (issue 13 §4). The owner (the anchor) invites a moderator
 * or an admin by name; the invite is a link whose token is shown once and kept only as its
 * SHA-256. Opening it gives a console as that person: moderation panels only, and never an action
 * on someone of their rank or above (owner > admin > moderator > viewer). Main enforces it on
 * every command, not the page.
 */

/** What an invite makes its holder. */
export const ModeratorRole = z.enum(['moderator', 'admin'])
export type ModeratorRole = z.infer<typeof ModeratorRole>

/** Who a console is: the owner's own (the access link, the desktop window) or an invite's. */
export const ConsoleRole = z.enum(['owner', 'admin', 'moderator'])
export type ConsoleRole = z.infer<typeof ConsoleRole>

export const ConsoleIdentity = z.object({
  role: ConsoleRole,
  /** The name the owner gave the invite; '' for the owner. */
  name: z.string(),
  /** The IM identity the person acts as in the room (an admin's is a group admin). */
  userId: z.string(),
})
export type ConsoleIdentity = z.infer<typeof ConsoleIdentity>

/**
 * The close code of a moderator's contract socket whose invite was revoked or ran out: the page
 * does not reconnect; it reloads and the host says why.
 */
export const MODERATOR_ENDED_CLOSE = 4403

/** Tencent's limit on group admins in one AVChatRoom (`modify_admin`, reference §3.2). */
export const MAX_ROOM_ADMINS = 5

/** Longest invite: a week (and a timer that fits in setTimeout's 2^31 ms). */
export const MAX_INVITE_HOURS = 168

export const ModeratorCode = {
  /** This console's role may not use the command (`params.command`, `params.role`). */
  roleForbidden: 13101,
  /** The target ranks as high as the caller or higher (`params.targetRole`). */
  targetProtected: 13102,
  /** The room has MAX_ROOM_ADMINS admins already (`params.max`). */
  adminLimit: 13103,
  /** No such invite (revoked meanwhile, by another console of the owner's). */
  inviteNotFound: 13104,
  /** Another live invite has this name (names are how actions are attributed). */
  nameTaken: 13105,
  /** This moderator's invite was revoked or ran out. */
  sessionEnded: 13106,
  /** No browser console runs, so a link could not reach anyone (start with --host or --port). */
  noBrowserConsole: 13107,
} as const

export const InviteName = z
  .string()
  .trim()
  .min(1, 'Name the moderator')
  .max(32)
  .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), { message: 'No control characters' })

export const ModeratorInviteRequest = z
  .object({
    name: InviteName,
    role: ModeratorRole,
    expiresInHours: z.number().int().min(1).max(MAX_INVITE_HOURS),
  })
  .strict()
export type ModeratorInviteRequest = z.infer<typeof ModeratorInviteRequest>

export const ModeratorEntry = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  role: ModeratorRole,
  userId: z.string(),
  /** Unix ms. */
  createdAt: z.number(),
  expiresAt: z.number(),
  /** An invite past its expiry stays listed (as expired) until revoked. */
  expired: z.boolean(),
  /** A console opened with it is connected now. */
  online: z.boolean(),
})
export type ModeratorEntry = z.infer<typeof ModeratorEntry>

export const ModeratorsSnapshot = z.object({
  /** Oldest first; revoked invites are gone. */
  moderators: z.array(ModeratorEntry),
})
export type ModeratorsSnapshot = z.infer<typeof ModeratorsSnapshot>

export const ModeratorInviteResult = z.object({
  entry: ModeratorEntry,
  /** The link with the invite's token: shown this once, never kept. */
  link: z.string(),
  /** The same link at this machine's LAN addresses. */
  lanLinks: z.array(z.string()),
  snapshot: ModeratorsSnapshot,
})
export type ModeratorInviteResult = z.infer<typeof ModeratorInviteResult>

/** Commands a moderator's or an admin's console may use: the moderation panels and the chat view. */
const moderatorCommands = [
  'app:get-info',
  'app:get-access',
  'app:get-identity',
  'room:get-snapshot',
  'room:get-members',
  'moderation:mute',
  'moderation:unmute',
  'moderation:kick',
  'moderation:ban',
  'moderation:delete-message',
  'filters:get-snapshot',
  'filters:add-rule',
  'filters:remove-rule',
  'review:get-snapshot',
  'review:claim',
  'review:decide',
  'audit:get-entries',
  'safety:get-settings',
  // The keyboard shortcuts as the owner set them (moderation keys included); only read.
  'hotkeys:get',
  // Each console's own layout (issue 15 §1): main keys it by the caller's user and role.
  'layout:get',
  'layout:choose-preset',
  'layout:arrange',
  'layout:pop-out',
  'layout:dock',
  'layout:stay-on-top',
] as const
/** An admin also runs the room's switches (mute-all, slow mode, shield mode). */
const adminCommands = [...moderatorCommands, 'room:set-mute-all', 'safety:save-settings'] as const

const allowed: Record<Exclude<ConsoleRole, 'owner'>, ReadonlySet<string>> = {
  moderator: new Set(moderatorCommands),
  admin: new Set(adminCommands),
}

/** Whether a console of `role` may send `command` (the owner may send every one). */
export function roleMay(role: ConsoleRole, command: string): boolean {
  return role === 'owner' || allowed[role].has(command)
}

/**
 * Events a moderator's console is not sent: the owner's invites (names and identities of the
 * team) and the Stage's stream, which it has no panel for.
 */
const ownerOnlyEvents: ReadonlySet<string> = new Set([
  'moderators:changed',
  'stream:status-changed',
])

/** Whether a console of `role` is sent the event `name`. */
export function roleHears(role: ConsoleRole, name: string): boolean {
  return role === 'owner' || !ownerOnlyEvents.has(name)
}

/** Who someone is in the room, for the rank rule: a viewer is anyone without a role. */
export type TargetRole = ConsoleRole | 'viewer'

const rank: Record<TargetRole, number> = { owner: 3, admin: 2, moderator: 1, viewer: 0 }

/** An action of `caller` on `target` is allowed only downwards: owner > admin > moderator > viewer. */
export function mayActOn(caller: ConsoleRole, target: TargetRole): boolean {
  return caller === 'owner' || rank[caller] > rank[target]
}

/**
 * The invite as a `livedesk://invite` link (issue 16 §3's deep links): another LiveDesk opens the
 * moderator's console from it in a window of its own.
 */
export function desktopInviteLink(link: string): string {
  return `livedesk://invite?url=${encodeURIComponent(link)}`
}
