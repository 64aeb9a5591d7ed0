import { ContractCode } from '../../../src-shared/contract'

/**
 * The business host's HTTP API (`/business/…`, docs/business.md) as the console calls it: as the
 * console's own user, proved by a UserSig in the Authorization header. An error answer becomes a
 * coded error the contract carries as it is (its `data` as the params the renderer words).
 */
export interface BusinessApiOptions {
  /** `http://host:port` of the business host (the embedded room's own port). */
  baseUrl: string
  userId: string
  /** A fresh UserSig for `userId`. */
  userSig: () => string
  timeoutMs?: number
}

export class BusinessApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly params?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'BusinessApiError'
  }
}

export class BusinessApi {
  constructor(private readonly options: BusinessApiOptions) {}

  /**
   * `actor`: the moderator this console acts for (issue 13 §4). The business host records it as
   * who did it — and honours it only from the room's owner, who signs the request.
   */
  async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    actor?: string,
  ): Promise<T> {
    const { baseUrl, userId, userSig } = this.options
    if (actor && typeof body === 'object' && body !== null) body = { ...body, Actor: actor }
    let response: Response
    try {
      response = await fetch(`${baseUrl}/business/${path}`, {
        method,
        headers: {
          'Content-Type': 'application/json',
          Authorization: `UserSig ${userId} ${userSig()}`,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      })
    } catch (error) {
      throw new BusinessApiError(
        ContractCode.notConnected,
        `The business host could not be reached: ${(error as Error).message}`,
        { reason: 'restUnreachable' },
      )
    }
    const answer = (await response.json().catch(() => undefined)) as
      { code?: unknown; message?: unknown; data?: Record<string, unknown> } | undefined
    if (response.ok && answer !== undefined) return answer as T
    const code = typeof answer?.code === 'number' ? answer.code : ContractCode.internal
    const message = typeof answer?.message === 'string' ? answer.message : `HTTP ${response.status}`
    throw new BusinessApiError(code, `business ${method} ${path}: ${message}`, answer?.data)
  }
}
