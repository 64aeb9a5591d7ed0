import { GiftErrorCode } from '../../../src-shared/protocol/gift-messages'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import type { OrderResult } from './gift-api'

/** What a refused order tells the viewer, in their language (the server's words are for logs). */
export function orderErrorText(result: Extract<OrderResult, { ok: false }>): string {
  const number = (name: string) => {
    const value = result.data?.[name]
    return typeof value === 'number' ? value : 0
  }
  switch (result.code) {
    case 0:
      return t('gifts.error.network')
    case GiftErrorCode.insufficientBalance:
      // An external billing system may refuse without saying the balance.
      return typeof result.data?.balance === 'number'
        ? t('gifts.error.insufficient', { amount: number('amount'), balance: number('balance') })
        : t('gifts.error.insufficientAmount', { amount: number('amount') })
    case GiftErrorCode.unknownGift:
      return t('gifts.error.unknownGift')
    case GiftErrorCode.countOutOfRange:
      return t('gifts.error.count', { min: number('min') || 1, max: number('max') || 9999 })
    case GiftErrorCode.senderBanned:
      return t('gifts.error.banned')
    case GiftErrorCode.roomNotLive:
      return t('gifts.error.notLive')
    case GiftErrorCode.orderIdReused:
      return t('gifts.error.reused')
    case GiftErrorCode.billingUnavailable:
      return t('gifts.error.billingUnavailable')
    case GiftErrorCode.billingRefused: {
      const sentence =
        result.data?.reason === 'unknown-user'
          ? t('gifts.error.billingUnknownUser')
          : t('gifts.error.billingRefused')
      // The billing system's own words, as the deployment wrote them (rendered as text).
      const detail = result.data?.detail
      return typeof detail === 'string' && detail !== ''
        ? t('error.detail', { text: sentence, detail: detail.slice(0, 200) })
        : sentence
    }
    default:
      return errorMessage({ code: result.code, message: result.message })
  }
}
