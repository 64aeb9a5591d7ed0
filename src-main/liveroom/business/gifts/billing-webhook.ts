import { z } from 'zod'
import { postSigned, webhookUrl } from '../signed-webhook'
import {
  type BillingAnswer,
  type BillingCharge,
  type BillingPort,
  BillingRefusal,
  BillingUnavailableError,
} from './billing'

/**
 * An external billing system behind a signed webhook (`--billing-url`; docs/business.md "Another
 * billing system"). Each call is one POST of JSON to the one URL, signed as the business host's
 * webhooks are (signed-webhook.ts):
 *
 * - a charge: `{"type":"charge", orderId, userId, groupId, giftId, count, price, amount}` →
 *   `{"ok":true,"balance":N}` or `{"ok":false,"code":"insufficient-balance"|"unknown-user"|
 *   "refused","message"?,"balance"?}`;
 * - a balance: `{"type":"balance", userId}` → `{"ok":true,"balance":N}` or
 *   `{"ok":false,"code":"unknown-user"}`.
 *
 * Only a 2xx answer of that shape counts; anything else, or nothing within `timeoutMs`, is
 * BillingUnavailableError (the order is not committed; the viewer retries with the same id). The
 * secret and the URL's path and query are never logged or put in an error.
 */

export interface BillingWebhookOptions {
  url: string
  secret: string
  /** ms; default 3000. */
  timeoutMs?: number
}

export const defaultBillingTimeoutMs = 3000

const Balance = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
/** The billing system's words, cut to what a line on a screen holds. */
const Words = z
  .string()
  .transform((text) => text.slice(0, 200))
  .optional()

const ChargeAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), balance: Balance }),
  z.object({
    ok: z.literal(false),
    code: z.enum(BillingRefusal),
    message: Words,
    balance: Balance.optional(),
  }),
])

const BalanceAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), balance: Balance }),
  z.object({ ok: z.literal(false), code: z.literal('unknown-user'), message: Words }),
])

export class BillingWebhook implements BillingPort {
  readonly name: string
  private readonly url: URL
  private readonly timeoutMs: number

  constructor(private readonly options: BillingWebhookOptions) {
    this.url = webhookUrl(options.url, options.secret, 'The billing webhook')
    this.timeoutMs = options.timeoutMs ?? defaultBillingTimeoutMs
    if (!Number.isSafeInteger(this.timeoutMs) || this.timeoutMs < 1) {
      throw new Error(
        `billing timeoutMs must be a positive integer (got ${String(this.timeoutMs)})`,
      )
    }
    this.name = `billing webhook at ${this.url.host}`
  }

  async charge(charge: BillingCharge): Promise<BillingAnswer> {
    const answer = await this.ask(
      {
        type: 'charge',
        orderId: charge.orderId,
        userId: charge.userId,
        groupId: charge.groupId,
        giftId: charge.giftId,
        count: charge.count,
        price: charge.price,
        amount: charge.amount,
      },
      ChargeAnswer,
    )
    if (answer.ok) return { ok: true, balance: answer.balance }
    return {
      ok: false,
      code: answer.code,
      ...(answer.message !== undefined ? { message: answer.message } : {}),
      ...(answer.balance !== undefined ? { balance: answer.balance } : {}),
    }
  }

  async balance(userId: string): Promise<number | undefined> {
    const answer = await this.ask({ type: 'balance', userId }, BalanceAnswer)
    return answer.ok ? answer.balance : undefined
  }

  private async ask<T>(request: Record<string, unknown>, shape: z.ZodType<T>): Promise<T> {
    const what = `the ${this.name} (${String(request.type)})`
    let body: unknown
    try {
      const response = await postSigned(this.url, this.options.secret, JSON.stringify(request), {
        timeoutMs: this.timeoutMs,
      })
      if (!response.ok) {
        await response.body?.cancel()
        throw new BillingUnavailableError(`${what} answered ${response.status}`)
      }
      body = await response.json()
    } catch (error) {
      if (error instanceof BillingUnavailableError) throw error
      const name = (error as Error).name
      throw new BillingUnavailableError(
        name === 'TimeoutError'
          ? `${what} did not answer within ${this.timeoutMs} ms`
          : name === 'SyntaxError'
            ? `${what} answered something other than JSON`
            : `${what} could not be reached`,
      )
    }
    const parsed = shape.safeParse(body)
    if (!parsed.success) {
      throw new BillingUnavailableError(`${what} answered JSON of another shape`)
    }
    return parsed.data
  }
}
