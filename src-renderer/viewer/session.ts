import { ViewerSession } from '../../src-shared/protocol/frames'

export type SessionResult =
  | { ok: true; session: ViewerSession }
  | { ok: false; code: number; message: string; data?: unknown }
  | { ok: false; status: number }

/** POST /api/viewer-session: a UserSig for a new viewer with this nickname. */
export async function requestViewerSession(nickname: string): Promise<SessionResult> {
  let response: Response
  try {
    response = await fetch('/api/viewer-session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname }),
    })
  } catch {
    return { ok: false, status: 0 }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const parsed = ViewerSession.safeParse(body)
    return parsed.success
      ? { ok: true, session: parsed.data }
      : { ok: false, status: response.status }
  }
  if (isCodeMessage(body)) {
    return { ok: false, code: body.code, message: body.message, data: body.data }
  }
  return { ok: false, status: response.status }
}

function isCodeMessage(body: unknown): body is { code: number; message: string; data?: unknown } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'number' &&
    typeof (body as { message?: unknown }).message === 'string'
  )
}

/** The room id is the last path segment of /room/<roomId>. */
export function roomIdFromPath(pathname: string): string {
  const last = pathname.split('/').filter(Boolean).at(-1) ?? ''
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}
