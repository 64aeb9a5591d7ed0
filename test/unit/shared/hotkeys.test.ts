import { describe, expect, it } from 'vitest'
import {
  actionFor,
  bindingProblem,
  bindingsProblem,
  canBeGlobal,
  chordOfEvent,
  defaultBindings,
  HotkeyCode,
  HOTKEYS,
  normalBindings,
  parseChord,
  toAccelerator,
  type KeyLike,
} from '../../../src-shared/contract/hotkeys'

const key = (over: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...over,
})

describe('parseChord', () => {
  it('writes every spelling of a chord one way, modifiers in a fixed order', () => {
    expect(parseChord('shift + ctrl + l')).toEqual({ ok: true, chord: 'Ctrl+Shift+L' })
    expect(parseChord('Control+Option+Cmd+k')).toEqual({ ok: true, chord: 'Ctrl+Alt+Meta+K' })
    expect(parseChord('del')).toEqual({ ok: true, chord: 'Delete' })
    expect(parseChord('f9')).toEqual({ ok: true, chord: 'F9' })
    expect(parseChord('Ctrl+up')).toEqual({ ok: true, chord: 'Ctrl+ArrowUp' })
    expect(parseChord('Ctrl++')).toEqual({ ok: true, chord: 'Ctrl+Plus' })
  })

  it('does not write Shift before a symbol it takes to type it', () => {
    expect(parseChord('Shift+?')).toEqual({ ok: true, chord: '?' })
    expect(parseChord('?')).toEqual({ ok: true, chord: '?' })
  })

  it('refuses what is not one key: modifiers alone, two keys, unknown names, empty', () => {
    for (const text of ['', 'Ctrl', 'Ctrl+Shift', 'A+B', 'Ctrl+Banana', 'F25', 'Ctrl+']) {
      expect(parseChord(text).ok, text).toBe(false)
    }
  })
})

describe('chordOfEvent', () => {
  it('names letters by the physical key, whatever the input method types', () => {
    expect(chordOfEvent(key({ key: 'ㅡ', code: 'KeyM' }))).toBe('M')
    expect(chordOfEvent(key({ key: 'L', code: 'KeyL', ctrlKey: true, shiftKey: true }))).toBe(
      'Ctrl+Shift+L',
    )
    expect(chordOfEvent(key({ key: '!', code: 'Digit1', shiftKey: true }))).toBe('Shift+1')
  })

  it('names a symbol by what it types and a named key by its name', () => {
    expect(chordOfEvent(key({ key: '?', code: 'Slash', shiftKey: true }))).toBe('?')
    expect(chordOfEvent(key({ key: 'Delete', code: 'Delete' }))).toBe('Delete')
    expect(chordOfEvent(key({ key: 'ArrowDown', code: 'ArrowDown' }))).toBe('ArrowDown')
  })

  it('is nothing for a modifier on its own or a composing input method', () => {
    expect(chordOfEvent(key({ key: 'Control', code: 'ControlLeft', ctrlKey: true }))).toBeNull()
    expect(chordOfEvent(key({ key: 'Process', code: 'Backquote' }))).toBeNull()
  })

  it('makes the chord parseChord writes for the same keys', () => {
    for (const { default: chord } of HOTKEYS) {
      const parsed = parseChord(chord)
      expect(parsed).toEqual({ ok: true, chord })
    }
  })
})

describe('the binding table', () => {
  it('has defaults that conflict with nothing and use nothing reserved', () => {
    expect(bindingsProblem(defaultBindings())).toBeNull()
  })

  it('refuses a chord another action holds where both work, naming that action', () => {
    const bindings = defaultBindings()
    expect(bindingProblem(bindings, 'show.record', 'ctrl+shift+l')).toEqual({
      code: HotkeyCode.conflict,
      action: 'show.record',
      chord: 'Ctrl+Shift+L',
      other: 'show.goLive',
    })
    // A show key works in the chat too: it cannot take the chat's M.
    expect(bindingProblem(bindings, 'show.goLive', 'M')).toMatchObject({
      code: HotkeyCode.conflict,
      other: 'chat.mute',
    })
    // The chat and the review queue never have focus at once: both may use the same letter.
    expect(bindingProblem(bindings, 'review.deny', 'M')).toBeNull()
  })

  it('lets a key go to another action once its holder is unbound', () => {
    const bindings = { ...defaultBindings(), 'chat.mute': null }
    expect(bindingProblem(bindings, 'show.goLive', 'M')).toBeNull()
  })

  it('refuses keys that walk the lists, work every control, or the browser takes first', () => {
    const bindings = defaultBindings()
    expect(bindingProblem(bindings, 'chat.ban', 'ArrowDown')).toMatchObject({
      code: HotkeyCode.reserved,
      fixed: 'chat.move',
    })
    expect(bindingProblem(bindings, 'show.muteAll', 'Enter')).toMatchObject({
      code: HotkeyCode.reserved,
    })
    expect(bindingProblem(bindings, 'show.record', 'Ctrl+Shift+R')).toMatchObject({
      code: HotkeyCode.reserved,
    })
    expect(bindingProblem(bindings, 'review.claim', 'Tab')).toMatchObject({
      code: HotkeyCode.reserved,
    })
    // Arrow keys walk the review queue and the chat, not the show.
    expect(bindingProblem(bindings, 'show.pause', 'ArrowUp')).toMatchObject({
      code: HotkeyCode.reserved,
    })
    expect(bindingProblem(bindings, 'chat.mute', 'Banana')).toMatchObject({
      code: HotkeyCode.badChord,
    })
  })

  it('finds the first problem in a whole set', () => {
    const bindings = { ...defaultBindings(), 'review.approve': 'J' }
    expect(bindingsProblem(bindings)).toMatchObject({ code: HotkeyCode.conflict })
  })

  it('fills what is missing with defaults and writes what is there one way', () => {
    const bindings = normalBindings({ 'show.goLive': 'shift+ctrl+g', 'chat.ban': null })
    expect(bindings['show.goLive']).toBe('Ctrl+Shift+G')
    expect(bindings['chat.ban']).toBeNull()
    expect(bindings['chat.mute']).toBe('M')
  })

  it("runs a scope's own key first, then the show's", () => {
    const bindings = defaultBindings()
    expect(actionFor(bindings, 'chat', 'M')).toBe('chat.mute')
    expect(actionFor(bindings, 'review', 'M')).toBeNull()
    expect(actionFor(bindings, 'review', 'Ctrl+Shift+M')).toBe('show.muteAll')
    expect(actionFor(bindings, 'show', 'A')).toBeNull()
    expect(actionFor(bindings, 'show', '?')).toBe('show.shortcuts')
  })
})

describe('global shortcuts', () => {
  it('are only chords that cannot be typing: Ctrl, Alt or Meta, or a function key', () => {
    expect(canBeGlobal('Ctrl+Shift+L')).toBe(true)
    expect(canBeGlobal('F9')).toBe(true)
    expect(canBeGlobal('Shift+L')).toBe(false)
    expect(canBeGlobal('M')).toBe(false)
  })

  it("are Electron's accelerator names", () => {
    expect(toAccelerator('Ctrl+Shift+L')).toBe('Control+Shift+L')
    expect(toAccelerator('Meta+ArrowUp')).toBe('Super+Up')
    expect(toAccelerator('Alt+Plus')).toBe('Alt+Plus')
  })
})
