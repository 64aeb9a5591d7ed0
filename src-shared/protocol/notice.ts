import { z } from 'zod'

/**
 * The room's notice (the seed's "라이브 룸 공지"): Tencent's group Notification and Introduction,
 * edited by the console and shown by every viewer.
 *
 * - Limits are the REST API's, in UTF-8 bytes (reference §2.1: Notification ≤ 300, Introduction ≤
 *   240; one CJK character is 3 bytes). The seed's own text swaps them; the reference is right.
 * - Plain text is stored as it is. A **rich notice** — text plus an https image from an allowed
 *   host and/or an https link — is stored as a JSON string `{"text","image","link"}`, and only
 *   then: a plain notice stays readable by any Tencent client.
 * - A reader never runs what it reads: text renders as text, an image only from an allowed host
 *   over https, a link only over https.
 */

export const NOTIFICATION_MAX_BYTES = 300
export const INTRODUCTION_MAX_BYTES = 240

/**
 * Hosts a notice's image may come from: Tencent Cloud's object storage and CDN (where a Tencent
 * app keeps its images). `*.` matches any subdomain.
 */
export const NOTICE_IMAGE_HOSTS: readonly string[] = ['*.myqcloud.com', '*.qcloudimg.com']

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

const RichNotice = z.object({
  text: z.string(),
  image: z.string().optional(),
  link: z.string().optional(),
})

export interface Notice {
  text: string
  /** An https URL on an allowed host; absent when none (or not allowed). */
  image?: string
  /** An https URL; absent when none (or not https). */
  link?: string
}

function httpsUrl(value: string): URL | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url : undefined
  } catch {
    return undefined
  }
}

export function imageAllowed(value: string, hosts: readonly string[] = NOTICE_IMAGE_HOSTS) {
  const url = httpsUrl(value)
  if (!url) return false
  const host = url.hostname.toLowerCase()
  return hosts.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  )
}

export const linkAllowed = (value: string): boolean => httpsUrl(value) !== undefined

/** The Notification value for a notice: plain text unless it carries an image or a link. */
export function encodeNotice(notice: Notice): string {
  const image = notice.image?.trim() || undefined
  const link = notice.link?.trim() || undefined
  if (!image && !link) return notice.text
  return JSON.stringify({
    text: notice.text,
    ...(image ? { image } : {}),
    ...(link ? { link } : {}),
  })
}

/**
 * A stored Notification as a notice. Only a JSON object of exactly our shape is rich; any other
 * text (JSON or not) is plain. An image from a host not allowed, or a link that is not https, is
 * dropped — the text still shows.
 */
export function parseNotice(stored: string, hosts: readonly string[] = NOTICE_IMAGE_HOSTS): Notice {
  if (!stored.startsWith('{')) return { text: stored }
  let value: unknown
  try {
    value = JSON.parse(stored)
  } catch {
    return { text: stored }
  }
  const parsed = RichNotice.strict().safeParse(value)
  if (!parsed.success) return { text: stored }
  const { text, image, link } = parsed.data
  return {
    text,
    ...(image !== undefined && imageAllowed(image, hosts) ? { image } : {}),
    ...(link !== undefined && linkAllowed(link) ? { link } : {}),
  }
}

/** What the console's editor checks before "Publish notice" (the room checks again). */
export interface NoticeCheck {
  notificationBytes: number
  introductionBytes: number
  imageOk: boolean
  linkOk: boolean
  ok: boolean
}

export function checkNotice(notice: Notice, introduction: string): NoticeCheck {
  const notificationBytes = utf8Bytes(encodeNotice(notice))
  const introductionBytes = utf8Bytes(introduction)
  const image = notice.image?.trim()
  const link = notice.link?.trim()
  const imageOk = !image || imageAllowed(image)
  const linkOk = !link || linkAllowed(link)
  return {
    notificationBytes,
    introductionBytes,
    imageOk,
    linkOk,
    ok:
      notificationBytes <= NOTIFICATION_MAX_BYTES &&
      introductionBytes <= INTRODUCTION_MAX_BYTES &&
      imageOk &&
      linkOk,
  }
}
