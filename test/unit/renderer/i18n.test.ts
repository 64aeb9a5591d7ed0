import { describe, expect, it } from 'vitest'
import {
  detectLocale,
  locales,
  placeholders,
  translate,
  type Locale,
  type MessageKey,
} from '../../../src-renderer/shared/i18n'

const others: Locale[] = ['ko', 'zh-CN']
const englishKeys = Object.keys(locales.en) as MessageKey[]

describe('locales', () => {
  it.each(others)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(locales[locale]).sort()).toEqual([...englishKeys].sort())
  })

  it.each(others)('%s uses the same {params} as English in every message', (locale) => {
    const mismatched = englishKeys.filter(
      (key) =>
        placeholders(locales[locale][key]).join(',') !== placeholders(locales.en[key]).join(','),
    )
    expect(mismatched).toEqual([])
  })

  it.each(['en', ...others] as Locale[])('%s has no empty message', (locale) => {
    const empty = englishKeys.filter((key) => locales[locale][key].trim() === '')
    expect(empty).toEqual([])
  })

  it('keeps the accessible names that tests and screen readers rely on', () => {
    expect(translate('en', 'chat')).toBe('Chat')
    expect(translate('en', 'online')).toBe('Online')
    expect(translate('en', 'message')).toBe('Message')
    expect(translate('en', 'send')).toBe('Send')
    expect(translate('en', 'moderate', { nick: 'Alice' })).toBe('Moderate Alice')
    expect(translate('en', 'mute60')).toBe('Mute 1 minute')
    expect(translate('en', 'mute600')).toBe('Mute 10 minutes')
    expect(translate('en', 'mute3600')).toBe('Mute 1 hour')
    expect(translate('en', 'muteAll')).toBe('Mute all')
    expect(translate('en', 'members')).toBe('Members')
    expect(translate('en', 'muteCustom')).toBe('Mute…')
    expect(translate('en', 'unmute')).toBe('Unmute')
    expect(translate('en', 'kick')).toBe('Kick')
    expect(translate('en', 'ban3600')).toBe('Ban 1 hour')
    expect(translate('en', 'ban86400')).toBe('Ban 1 day')
    expect(translate('en', 'banPermanent')).toBe('Ban permanently')
  })
})

describe('translate', () => {
  it('fills params and leaves unknown placeholders visible', () => {
    expect(translate('ko', 'moderate', { nick: '민수' })).toBe('민수 관리')
    expect(translate('en', 'moderate')).toBe('Moderate {nick}')
  })

  it('does not treat replacement text as a pattern', () => {
    expect(translate('en', 'moderate', { nick: '$& {nick} <b>' })).toBe('Moderate $& {nick} <b>')
  })
})

describe('detectLocale', () => {
  it('prefers ?lang= over the browser language', () => {
    expect(detectLocale('?lang=ko', 'en-US')).toBe('ko')
    expect(detectLocale('?token=x&lang=zh-CN', 'ko-KR')).toBe('zh-CN')
  })

  it('maps browser languages: ko* → ko, zh* → zh-CN, anything else → en', () => {
    expect(detectLocale('', 'ko-KR')).toBe('ko')
    expect(detectLocale('', 'zh-TW')).toBe('zh-CN')
    expect(detectLocale('', 'zh')).toBe('zh-CN')
    expect(detectLocale('', 'fr-FR')).toBe('en')
    expect(detectLocale('', undefined)).toBe('en')
  })

  it('ignores an unknown ?lang= and falls back to the browser language', () => {
    expect(detectLocale('?lang=xx', 'ko')).toBe('ko')
  })
})
