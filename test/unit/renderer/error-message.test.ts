import { afterEach, describe, expect, it } from 'vitest'
import { errorMessage, muteUntilOf } from '../../../src-renderer/shared/error-message'
import { setLocale } from '../../../src-renderer/shared/i18n'
import { formatClock } from '../../../src-renderer/shared/time'

afterEach(() => setLocale('en'))

describe('errorMessage', () => {
  it('says until when a muted sender may speak again', () => {
    const until = new Date(2030, 0, 1, 13, 5, 9).getTime()
    expect(formatClock(until)).toBe('13:05:09')
    expect(errorMessage({ code: 10017, message: 'muted' }, { muteUntil: until })).toBe(
      'You are muted until 13:05:09.',
    )
    expect(errorMessage({ code: 10017, message: 'muted' })).toBe('You are muted in this room.')
  })

  it.each([
    [80002, 'The message is too long.'],
    [10007, 'You do not have permission to do that.'],
    [1005, 'Not connected. Wait for the connection to come back, then try again.'],
    [6014, 'Not logged in.'],
    [70001, 'Your sign-in has expired. Join again.'],
    [70003, 'Your sign-in was not accepted. Join again.'],
  ])('maps %i to words a person can act on', (code, words) => {
    expect(errorMessage({ code, message: 'server words' })).toBe(words)
  })

  it('keeps the server message for invalid requests and unknown codes', () => {
    expect(errorMessage({ code: 10004, message: 'GroupId is empty' })).toBe(
      'That request was not valid: GroupId is empty',
    )
    expect(errorMessage({ code: 99999, message: 'Something odd' })).toBe(
      'Something odd (code 99999)',
    )
  })

  it('is localized', () => {
    setLocale('ko')
    expect(errorMessage({ code: 80002, message: 'too long' })).toBe('메시지가 너무 깁니다.')
    setLocale('zh-CN')
    expect(errorMessage({ code: 99999, message: 'x' })).toBe('x（错误码 99999）')
  })
})

describe('muteUntilOf', () => {
  it('reads data.muteUntil only when it is a number', () => {
    expect(muteUntilOf({ muteUntil: 5 })).toBe(5)
    expect(muteUntilOf({ muteUntil: '5' })).toBeUndefined()
    expect(muteUntilOf(undefined)).toBeUndefined()
  })
})
