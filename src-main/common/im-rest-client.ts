import { randomInt } from 'node:crypto'
import { RestTransportCode } from '../../src-shared/contract/result'
import { RoomError } from './room-error'

/** The codes this client answers with when Tencent's envelope never arrives (in the contract). */
export { RestTransportCode }

export interface ImRestClientOptions {
  /** `http://host:port` of the embedded room, or `https://adminapisgp.im.qcloud.com` etc. */
  baseUrl: string
  sdkAppId: number
  /** An App admin account (`administrator` by default in the embedded room). */
  identifier: string
  /** A fresh UserSig for `identifier`, asked for on every call so expiry never bites. */
  userSig: () => string
  timeoutMs?: number
  fetch?: typeof fetch
}

/** Tencent's response envelope; the command's own fields sit beside it. */
export interface RestEnvelope {
  ActionStatus: 'OK' | 'FAIL'
  ErrorCode: number
  ErrorInfo: string
}
export type RestAnswer = RestEnvelope & Record<string, unknown>

/**
 * Tencent IM's server REST API (reference §3): one POST per command, Tencent's JSON bodies, and the
 * `ActionStatus/ErrorCode/ErrorInfo` envelope turned into a value or a thrown RoomError — so a
 * failed call reaches the renderer with Tencent's code and the server's own words.
 */
export class ImRestClient {
  private readonly fetch: typeof fetch
  private readonly timeoutMs: number

  constructor(private readonly options: ImRestClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch
    this.timeoutMs = options.timeoutMs ?? 10_000
  }

  /** `service/command`, e.g. `group_open_http_svc/forbid_send_msg`. Resolves on ErrorCode 0. */
  async call(service: string, command: string, body: Record<string, unknown>): Promise<RestAnswer> {
    const url = this.url(service, command)
    const name = `${service}/${command}`
    let response: Response
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError'
      throw new RoomError(
        RestTransportCode.unreachable,
        `The room's REST API could not be reached (${name} ${timedOut ? 'timed out' : 'failed'})`,
        undefined,
        { reason: timedOut ? 'restTimeout' : 'restUnreachable', command: name },
      )
    }
    const text = await response.text().catch(() => '')
    if (response.status !== 200) {
      throw new RoomError(
        RestTransportCode.httpError,
        `The room's REST API answered HTTP ${response.status} to ${name}`,
        undefined,
        { status: response.status, command: name },
      )
    }
    const answer = parseEnvelope(text)
    if (!answer) {
      throw new RoomError(
        RestTransportCode.badResponse,
        `The room's REST API sent an answer to ${name} that is not Tencent's JSON envelope`,
        undefined,
        { command: name },
      )
    }
    if (answer.ErrorCode !== 0 || answer.ActionStatus !== 'OK') {
      const code = answer.ErrorCode !== 0 ? answer.ErrorCode : RestTransportCode.badResponse
      // ErrorInfo is the server's words, for logs; the renderer words the code.
      throw new RoomError(code, answer.ErrorInfo || `${name} failed with error ${code}`, answer)
    }
    return answer
  }

  private url(service: string, command: string): string {
    const query = new URLSearchParams({
      sdkappid: String(this.options.sdkAppId),
      identifier: this.options.identifier,
      usersig: this.options.userSig(),
      random: String(randomInt(0, 4_294_967_295)),
      contenttype: 'json',
    })
    const base = this.options.baseUrl.replace(/\/+$/, '')
    return `${base}/v4/${encodeURIComponent(service)}/${encodeURIComponent(command)}?${query}`
  }
}

function parseEnvelope(text: string): RestAnswer | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const answer = value as Partial<RestEnvelope>
  if (typeof answer.ErrorCode !== 'number' || typeof answer.ActionStatus !== 'string') return null
  if (typeof answer.ErrorInfo !== 'string') answer.ErrorInfo = ''
  return answer as RestAnswer
}
