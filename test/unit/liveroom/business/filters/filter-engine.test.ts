import { describe, expect, it } from 'vitest'
import type { FilterRule } from '../../../../../src-shared/contract/filters'
import {
  CompiledRules,
  compilePattern,
} from '../../../../../src-main/liveroom/business/filters/filter-engine'

let nextId = 1
const rule = (fields: Partial<FilterRule> & Pick<FilterRule, 'kind' | 'action'>): FilterRule => ({
  id: nextId++,
  pattern: '',
  onTimeout: 'allow',
  createdBy: 'anchor',
  createdAt: 0,
  hits: 0,
  ...fields,
})
const inTime = { elapsedMs: () => 0, deadlineMs: 1000 }

describe('the filter engine', () => {
  it('allows what no rule matches', () => {
    const rules = new CompiledRules([rule({ kind: 'term', pattern: 'spam', action: 'reject' })])
    expect(rules.decide(['hello there'], inTime)).toEqual({ kind: 'allow' })
  })

  it('gives the strongest matching action: reject over drop over hold over mask', () => {
    const mask = rule({ kind: 'term', pattern: 'bad', action: 'mask' })
    const hold = rule({ kind: 'term', pattern: 'worse', action: 'hold' })
    const reject = rule({ kind: 'term', pattern: 'worst', action: 'reject' })
    const rules = new CompiledRules([mask, hold, reject])
    expect(rules.decide(['bad and worse'], inTime)).toMatchObject({ kind: 'hold', rule: hold })
    expect(rules.decide(['b a d, w0rse, w o r s t'], inTime)).toMatchObject({
      kind: 'reject',
      rule: reject,
    })
  })

  it('masks every match in the original text, leaving the rest as sent', () => {
    const rules = new CompiledRules([
      rule({ kind: 'term', pattern: 'spam', action: 'mask' }),
      rule({ kind: 'term', pattern: '시발', action: 'mask' }),
    ])
    expect(rules.decide(['no ｓｐａｍ, no s p a m! 아 ㅅㅣㅂㅏㄹ 진짜'], inTime)).toMatchObject({
      kind: 'mask',
      texts: ['no ***, no ***! 아 *** 진짜'],
    })
  })

  it('checks regular expressions, links (with an allow-list), repeats and shouting', () => {
    const regex = rule({ kind: 'regex', pattern: 'buy\\s+followers', action: 'drop' })
    const links = rule({ kind: 'link', pattern: 'livedesk.app', action: 'mask' })
    const repeat = rule({ kind: 'repeat', action: 'hold' })
    const caps = rule({ kind: 'caps', action: 'reject' })
    const rules = new CompiledRules([regex, links, repeat, caps])
    expect(rules.decide(['BUY   Followers cheap'], inTime)).toMatchObject({ rule: regex })
    expect(rules.decide(['see https://evil.example.com/x and livedesk.app/docs'], inTime)).toEqual(
      expect.objectContaining({ kind: 'mask', texts: ['see *** and livedesk.app/docs'] }),
    )
    expect(rules.decide(['wow!!!!!!!!!!!!'], inTime)).toMatchObject({ rule: repeat })
    expect(rules.decide(['THIS IS SO LOUD RIGHT NOW'], inTime)).toMatchObject({ rule: caps })
    expect(rules.decide(['This is fine, OK?'], inTime)).toEqual({ kind: 'allow' })
  })

  it('refuses patterns that are not regular expressions or could run away', () => {
    expect(compilePattern('(a+)+$')).toBe('runaway')
    expect(compilePattern('(x*)*')).toBe('runaway')
    expect(compilePattern('(a|b')).toBe('invalid')
    expect(compilePattern('buy\\s+now')).toBeInstanceOf(RegExp)
  })

  it('fails open when the rules cannot be checked in time, unless a rule fails closed', () => {
    const open = rule({ kind: 'term', pattern: 'spam', action: 'reject' })
    const late = { elapsedMs: () => 5, deadlineMs: 5 }
    expect(new CompiledRules([open]).decide(['spam'], late)).toEqual({
      kind: 'timeout',
      rule: undefined,
      checked: 0,
    })
    const closed = rule({ kind: 'term', pattern: 'scam', action: 'hold', onTimeout: 'apply' })
    expect(new CompiledRules([open, closed]).decide(['hi'], late)).toMatchObject({
      kind: 'timeout',
      rule: closed,
    })
  })
})
