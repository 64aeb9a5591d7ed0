import { afterEach, describe, expect, it } from 'vitest'
import {
  formatSpan,
  lineNick,
  lineText,
  recentRate,
  type ChatLineData,
} from '../../../src-renderer/shared/chat-line'
import { setLocale } from '../../../src-renderer/shared/i18n'
import { PERMANENT_SECONDS } from '../../../src-shared/contract'
import type { ModerationNotice } from '../../../src-shared/protocol/business-messages'

afterEach(() => setLocale('en'))

const line = (moderation?: Partial<ModerationNotice>): ChatLineData => ({
  id: 'm1',
  from: moderation ? (moderation.operatorId ?? 'mod_mina') : 'v_bob',
  nick: moderation ? (moderation.operatorName ?? 'Mina') : 'Bob',
  time: 0,
  text: moderation ? '' : 'hello',
  self: false,
  ...(moderation && {
    moderation: {
      action: 'mute',
      operatorId: 'mod_mina',
      operatorName: 'Mina',
      operatorRole: 'moderator',
      targetId: 'v_bob',
      targetNick: 'Bob',
      seconds: 600,
      ...moderation,
    },
  }),
})

describe('a chat line in words', () => {
  it('a member’s line is their nick and their text', () => {
    expect(lineNick(line())).toBe('Bob')
    expect(lineText(line())).toBe('hello')
  })

  it('a moderation line names the moderator and says what they did, in each language', () => {
    expect([lineNick(line({})), lineText(line({}))]).toEqual(['Mina', 'muted Bob for 10 min'])
    expect(lineText(line({ action: 'ban', seconds: 7 * 86_400 }))).toBe('banned Bob for 7 d')
    expect(lineText(line({ action: 'ban', seconds: PERMANENT_SECONDS }))).toBe(
      'banned Bob permanently',
    )
    expect(lineText(line({ action: 'kick' }))).toBe('removed Bob from the room')
    expect(lineText(line({ action: 'delete-message' }))).toBe('deleted a message')
    setLocale('ko')
    expect(lineText(line({}))).toBe('Bob 님을 10분 동안 채팅 금지했습니다')
    expect(lineText(line({ action: 'unban' }))).toBe('Bob 님의 차단을 풀었습니다')
    setLocale('zh-CN')
    expect(lineText(line({ action: 'mute', seconds: 7200 }))).toBe('将 Bob 禁言 2 小时')
    expect(lineText(line({ action: 'unmute' }))).toBe('解除了 Bob 的禁言')
  })

  it('the owner’s own action is the host’s; a target without a nick is named by id', () => {
    const owners = line({ operatorId: 'anchor', operatorName: '', operatorRole: 'owner' })
    expect(lineNick(owners)).toBe('Host')
    expect(lineText(line({ targetNick: '', action: 'unmute' }))).toBe('unmuted v_bob')
  })

  it('a length is said in its largest whole unit', () => {
    expect([formatSpan(45), formatSpan(90), formatSpan(600), formatSpan(3600)]).toEqual([
      '45 s',
      '90 s',
      '10 min',
      '1 h',
    ])
  })
})

const numbered = (n: number, time: number): ChatLineData => ({
  id: `m${n}`,
  from: 'u',
  nick: 'u',
  time,
  text: `line ${n}`,
  self: false,
})

describe('recentRate', () => {
  it('is 0 for an empty chat', () => {
    expect(recentRate([])).toBe(0)
  })

  it('counts the lines in the second up to the newest, not those before', () => {
    const lines = [
      numbered(0, 0),
      numbered(1, 500),
      numbered(2, 1_200),
      numbered(3, 1_900),
      numbered(4, 2_100),
    ]
    expect(recentRate(lines)).toBe(3)
    expect(recentRate(lines, 2_000)).toBe(4)
  })

  it('counts a storm of 1,000 lines a second as 1,000, lines sharing a millisecond included', () => {
    const lines = Array.from({ length: 10_000 }, (_, n) => numbered(n, Math.floor(n / 2) * 2))
    expect(recentRate(lines)).toBe(1_000)
  })
})
