import { z } from 'zod'

/**
 * The moderation audit log (issue 13 §5): every moderation action — who, on whom, what, why, for
 * how long, the message it concerned — kept by the business host, shown and exported by the
 * console. The same shapes on the business HTTP API (`/business/audit/…`) and in the contract.
 */

export const AuditAction = z.enum([
  'mute',
  'unmute',
  'kick',
  'ban',
  'unban',
  'delete-message',
  'mute-all',
  'unmute-all',
  'filter-add',
  'filter-remove',
  /** A filter rule acted on a message by itself (the actor is `filters`). */
  'filter-reject',
  'filter-drop',
  'filter-hold',
  'filter-mask',
  'review-approve',
  'review-deny',
  'slow-mode',
  'shield-on',
  'shield-off',
])
export type AuditAction = z.infer<typeof AuditAction>

/** What a console reports of an action it took (the actor is who signed the request). */
export const AuditReport = z
  .object({
    action: AuditAction,
    target: z.string().max(64).default(''),
    reason: z.string().max(200).default(''),
    /** Seconds, for mutes and bans; 0 otherwise. */
    durationSeconds: z.number().int().nonnegative().max(4_294_967_295).default(0),
    /** The message it concerned (its text, cut to 200 characters). */
    message: z.string().max(200).default(''),
  })
  .strict()
export type AuditReport = z.input<typeof AuditReport>

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  actor: z.string(),
  target: z.string(),
  action: AuditAction,
  reason: z.string(),
  durationSeconds: z.number().int(),
  /** Unix ms when a mute or ban ends (0: none, or it ends never). */
  expiresAt: z.number(),
  message: z.string(),
  /** The action that undoes it, if any (a mute's unmute, a ban's unban). */
  undo: AuditAction.nullable(),
  /** Identical actions in a row are one entry: how many, the first and the last (Unix ms). */
  count: z.number().int().positive(),
  firstAt: z.number(),
  lastAt: z.number(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const AuditQuery = z
  .object({
    actor: z.string().max(64).optional(),
    target: z.string().max(64).optional(),
    action: AuditAction.optional(),
  })
  .strict()
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditSnapshot = z.object({
  available: z.boolean(),
  /** Newest first, at most AUDIT_PAGE. */
  entries: z.array(AuditEntry),
})
export type AuditSnapshot = z.infer<typeof AuditSnapshot>

export const AUDIT_PAGE = 500
/** Identical actions this close together are one entry, ms. */
export const AUDIT_MERGE_MS = 10 * 60_000

/** The undo of an action, if it has one. */
export function undoOf(action: AuditAction): AuditAction | null {
  return action === 'mute'
    ? 'unmute'
    : action === 'ban'
      ? 'unban'
      : action === 'mute-all'
        ? 'unmute-all'
        : null
}

const csvColumns = [
  'id',
  'firstAt',
  'lastAt',
  'count',
  'actor',
  'action',
  'target',
  'reason',
  'durationSeconds',
  'expiresAt',
  'message',
] as const

/** One CSV field: quoted when it must be, and never read as a formula by a spreadsheet. */
function csvField(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The entries as CSV (RFC 4180, times as ISO 8601 UTC), for a spreadsheet. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const iso = (ms: number) => (ms ? new Date(ms).toISOString() : '')
  const rows = entries.map((entry) =>
    csvColumns
      .map((column) => {
        const value = entry[column]
        return csvField(
          column === 'firstAt' || column === 'lastAt' || column === 'expiresAt'
            ? iso(value as number)
            : (value as string | number),
        )
      })
      .join(','),
  )
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n'
}

/** The entries as JSON, as the business host keeps them. */
export function auditJson(entries: readonly AuditEntry[]): string {
  return JSON.stringify(entries, null, 2) + '\n'
}
