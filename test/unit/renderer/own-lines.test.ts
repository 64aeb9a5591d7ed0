import { describe, expect, it } from 'vitest'
import type { ChatLineData } from '../../../src-renderer/shared/chat-line'
import { OwnLines } from '../../../src-renderer/viewer/own-lines'

const line = (id: string, text: string, self = true): ChatLineData => ({
  id,
  from: self ? 'v_me' : 'v_other',
  nick: 'Me',
  time: 0,
  text,
  self,
  type: 'TIMTextElem',
})

describe("the viewer's own lines and the room's copies", () => {
  it('an echo with the same ID replaces nothing', () => {
    const own = new OwnLines()
    own.sent(line('a', 'hi'))
    expect(own.arrived(line('a', 'hi'))).toBeUndefined()
    // Answered once: a later copy of the same words is a new line of theirs.
    expect(own.arrived(line('b', 'hi'))).toBeUndefined()
  })

  it('a held line approved later (a new ID) takes the place of the one shown', () => {
    const own = new OwnLines()
    own.sent(line('held', 'visit good.example.com'))
    own.sent(line('n1', 'hello'))
    expect(own.arrived(line('n1', 'hello'))).toBeUndefined()
    expect(own.arrived(line('approved', 'visit good.example.com'))).toBe('held')
    expect(own.arrived(line('again', 'visit good.example.com'))).toBeUndefined()
  })

  it("another member's line, or other words, replace nothing", () => {
    const own = new OwnLines()
    own.sent(line('held', 'same words'))
    expect(own.arrived(line('x', 'same words', false))).toBeUndefined()
    expect(own.arrived(line('y', 'other words'))).toBeUndefined()
    expect(own.arrived(line('z', 'same words'))).toBe('held')
  })

  it('remembers only the latest 50 waiting lines (a dropped one is never echoed)', () => {
    const own = new OwnLines()
    for (let i = 0; i < 51; i++) own.sent(line(`d${i}`, `line ${i}`))
    expect(own.arrived(line('late0', 'line 0'))).toBeUndefined()
    expect(own.arrived(line('late50', 'line 50'))).toBe('d50')
  })
})
