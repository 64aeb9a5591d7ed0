import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The long-lived credential that keeps an anonymous viewer the same person across reloads and
 * browser restarts (issue 9, §2): `<user id>.<issued at, base36 ms>.<HMAC-SHA256>`, signed with a
 * key derived from the room's secret key (so it survives restarts and dies with the key). The page
 * never reads it: it rides in an HttpOnly cookie on the viewer-session endpoint only.
 */

/** Browsers cap a cookie's life at 400 days (RFC 6265bis); the credential lives as long. */
export const viewerCredentialSeconds = 400 * 86_400

export interface ViewerCredentials {
  issue(userId: string, now: number): string
  /** The user ID a credential names, when it is ours, whole and not too old. */
  verify(credential: string, now: number): string | undefined
}

export function viewerCredentials(secretKey: string): ViewerCredentials {
  const key = createHmac('sha256', secretKey).update('livedesk-viewer-credential').digest()
  const mac = (body: string) => createHmac('sha256', key).update(body).digest('base64url')
  return {
    issue(userId, now) {
      const body = `${userId}.${now.toString(36)}`
      return `${body}.${mac(body)}`
    },
    verify(credential, now) {
      const match = /^([A-Za-z0-9_-]{1,32})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(
        credential,
      )
      if (!match) return undefined
      const [, userId, issued, signature] = match as unknown as [string, string, string, string]
      const expected = Buffer.from(mac(`${userId}.${issued}`))
      const given = Buffer.from(signature)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
      const issuedAt = parseInt(issued, 36)
      if (!(issuedAt <= now + 60_000 && now - issuedAt < viewerCredentialSeconds * 1000)) {
        return undefined
      }
      return userId
    },
  }
}
