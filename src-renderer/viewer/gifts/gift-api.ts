import { GiftCatalogue } from '../../../src-shared/protocol/gift-catalogue'
import {
  GiftErrorCode,
  GiftOrderAnswer,
  WalletAnswer,
} from '../../../src-shared/protocol/gift-messages'
import { LikeTotal } from '../../../src-shared/protocol/gift-feed'
import type { ViewerSession } from '../../../src-shared/protocol/frames'

/**
 * The viewer page's calls to the business host (docs/business.md "Gifts"): the catalogue, the
 * wallet, orders and the like total. Orders carry an id chosen here, so a retry after a lost
 * answer is charged once.
 */

export type OrderResult =
  | { ok: true; answer: GiftOrderAnswer }
  /** `code` 0: no answer (network); the order may or may not be charged: retry with its id. */
  | { ok: false; code: number; message: string; data?: Record<string, unknown> }

const auth = (session: ViewerSession) => ({
  Authorization: `UserSig ${session.userId} ${session.userSig}`,
})

export async function fetchCatalogue(): Promise<
  (GiftCatalogue & { senderId: string }) | undefined
> {
  try {
    const response = await fetch('/business/gifts/catalogue')
    const body: unknown = await response.json()
    const parsed = GiftCatalogue.safeParse(body)
    const senderId = (body as { senderId?: unknown }).senderId
    return parsed.success && typeof senderId === 'string' ? { ...parsed.data, senderId } : undefined
  } catch {
    return undefined
  }
}

export async function fetchBalance(session: ViewerSession): Promise<number | undefined> {
  try {
    const response = await fetch('/business/wallet', { headers: auth(session) })
    const parsed = WalletAnswer.safeParse(await response.json())
    return parsed.success ? parsed.data.balance : undefined
  } catch {
    return undefined
  }
}

export async function fetchLikeTotal(roomId: string): Promise<number | undefined> {
  try {
    const response = await fetch(`/business/likes?groupId=${encodeURIComponent(roomId)}`)
    const parsed = LikeTotal.safeParse(await response.json())
    return parsed.success ? parsed.data.total : undefined
  } catch {
    return undefined
  }
}

/** A new order id: random, URL-safe, 22 characters. */
export function newOrderId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

async function placeOnce(
  session: ViewerSession,
  order: { orderId: string; groupId: string; giftId: string; count: number },
): Promise<OrderResult> {
  let response: Response
  try {
    response = await fetch('/business/gifts/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth(session) },
      body: JSON.stringify(order),
    })
  } catch {
    return { ok: false, code: 0, message: 'network' }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const parsed = GiftOrderAnswer.safeParse(body)
    if (parsed.success) return { ok: true, answer: parsed.data }
    return { ok: false, code: 0, message: 'bad answer' }
  }
  const error = body as { code?: unknown; message?: unknown; data?: unknown } | null
  return typeof error?.code === 'number'
    ? {
        ok: false,
        code: error.code,
        message: typeof error.message === 'string' ? error.message : '',
        ...(typeof error.data === 'object' && error.data !== null
          ? { data: error.data as Record<string, unknown> }
          : {}),
      }
    : { ok: false, code: 0, message: `HTTP ${response.status}` }
}

/**
 * Places an order; an unanswered attempt (network, 5xx, the billing system's silence) is retried
 * with the same id, twice.
 */
export async function placeOrder(
  session: ViewerSession,
  order: { groupId: string; giftId: string; count: number },
): Promise<OrderResult> {
  const withId = { ...order, orderId: newOrderId() }
  let result = await placeOnce(session, withId)
  for (
    let retry = 0;
    retry < 2 &&
    !result.ok &&
    (result.code === 0 ||
      result.code === 10002 ||
      result.code === GiftErrorCode.billingUnavailable);
    retry++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 300 * (retry + 1)))
    result = await placeOnce(session, withId)
  }
  return result
}
