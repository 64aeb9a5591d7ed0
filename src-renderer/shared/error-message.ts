import { ContractCode, type ContractError } from '../../src-shared/contract/result'
import { ErrorCode } from '../../src-shared/protocol/codes'
import { t } from './i18n'
import { formatClock } from './time'

/** Extra facts some errors carry (a 10017 ack's `data.muteUntil`). */
export interface ErrorDetails {
  muteUntil?: number
}

/** The one place that turns an error code into words a person can act on. */
export function errorMessage(error: ContractError, details: ErrorDetails = {}): string {
  switch (error.code) {
    case ErrorCode.muted:
      return details.muteUntil && details.muteUntil > 0
        ? t('error.muted', { time: formatClock(details.muteUntil) })
        : t('error.mutedNoTime')
    case ErrorCode.messageTooLong:
      return t('error.tooLong')
    case ErrorCode.noPermission:
      return t('error.noPermission')
    case ErrorCode.invalidParameter:
    case ContractCode.invalidPayload:
      return t('error.invalid', { message: error.message })
    case ContractCode.notConnected:
      return t('error.notConnected')
    case ErrorCode.notLoggedIn:
      return t('error.notLoggedIn')
    case ErrorCode.userSigExpired:
      return t('error.sigExpired')
    case ErrorCode.userSigInvalid:
      return t('error.sigInvalid')
    case ErrorCode.rejectedByCallback:
      return t('error.rejected')
    case ErrorCode.sendFrequencyLimit:
      return t('error.rateLimited')
    case ErrorCode.groupNotFound:
      return t('error.groupNotFound')
    case ErrorCode.notInGroup:
      return t('error.notInGroup')
    default:
      return t('error.fallback', { message: error.message, code: error.code })
  }
}

/** `data.muteUntil` of an error, when the server sent one. */
export function muteUntilOf(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const value = (data as { muteUntil?: unknown }).muteUntil
  return typeof value === 'number' ? value : undefined
}
