import { createHash, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

/**
 * CSS's push event callbacks (reference §8.2), the stream's side of the business host's port:
 * `event_type` 1 (push started) and 0 (push interrupted), signed `sign = MD5(key + t)` where `t`
 * is the notice's expiry (Unix seconds; a notice is valid for 10 minutes). On Tencent Cloud they
 * arrive over HTTP (POST /business/css/callback); the embedded ingest's publish events are turned
 * into the same StreamPushEvent in process (liveroom/index.ts), so one machine serves both.
 *
 * The stream is the room's by name: a room's stream ID is its group ID (the embedded ingest
 * publishes `/live/<groupId>`; on Tencent, push to the stream named after the group).
 */

export interface StreamPushEvent {
  /** The group whose stream it is (= CSS's stream_id). */
  groupId: string
  kind: 'started' | 'interrupted'
  /** CSS's errcode (reference §8.2: 1 deleteStream, 2 closeStream, 3 TCP closed, …); 0: none. */
  errcode: number
}

const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
])

/** The fields of a push event this host reads (CSS sends more; unknown fields are stripped). */
export const CssPushBody = z.object({
  event_type: numeric,
  stream_id: z.string().min(1).max(128),
  t: numeric,
  sign: z.string(),
  errcode: numeric.optional(),
  errmsg: z.string().optional(),
  sequence: z.string().optional(),
})
export type CssPushBody = z.infer<typeof CssPushBody>

/** A notice's validity (reference §8.2), and the clock difference tolerated beyond it. */
export const CSS_NOTICE_VALID_MS = 10 * 60_000
const CLOCK_SKEW_MS = 60_000

export function cssSign(key: string, t: number): string {
  return createHash('md5').update(`${key}${t}`, 'utf8').digest('hex')
}

export type CssCheck =
  | { ok: true; event: StreamPushEvent | undefined }
  | { ok: false; reason: 'body' | 'sign' | 'expired' }

/**
 * Checks a push callback's body: its sign (constant time; upper-case hex accepted) and that `t`
 * has not passed — nor lies further ahead than a notice lives, which no fresh notice does. An
 * event type other than 1 and 0 (recording, screenshot) is valid and carries no event.
 */
export function checkCssPush(body: unknown, key: string, now: number): CssCheck {
  const parsed = CssPushBody.safeParse(body)
  if (!parsed.success) return { ok: false, reason: 'body' }
  const { t, sign, event_type: type, stream_id: groupId, errcode = 0 } = parsed.data
  const expected = Buffer.from(cssSign(key, t), 'utf8')
  const given = Buffer.from(sign.toLowerCase(), 'utf8')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'sign' }
  }
  const expiresAt = t * 1000
  if (expiresAt < now || expiresAt > now + CSS_NOTICE_VALID_MS + CLOCK_SKEW_MS) {
    return { ok: false, reason: 'expired' }
  }
  if (type === 1) return { ok: true, event: { groupId, kind: 'started', errcode } }
  if (type === 0) return { ok: true, event: { groupId, kind: 'interrupted', errcode } }
  return { ok: true, event: undefined }
}
