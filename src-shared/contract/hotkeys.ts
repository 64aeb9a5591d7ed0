import { z } from 'zod'

/**
 * The console's keyboard shortcuts (issue 15 §2, issue 13 §7): one table that the key handlers,
 * the cheat sheet, the settings and the desktop app's global shortcuts all read.
 *
 * A chord is written `Ctrl+Alt+Shift+Meta+Key`, modifiers in that order, e.g. `Ctrl+Shift+L`,
 * `M`, `Delete`, `?`. Letters are upper case and name the physical key (KeyboardEvent.code), so
 * a Korean or Chinese input method does not change what M means. A symbol key names the
 * character it types (`?`), Shift included in it.
 *
 * Defaults: OBS ships none and its users bind Ctrl+Shift chords (a plain letter would fire while
 * typing in another app once it is global); YouTube, Gmail and GitHub open their cheat sheet with
 * `?` and move with J/K. The show keys avoid what Chromium and Electron's View menu already take
 * (Ctrl+Shift+R reload, I devtools, N/T/W windows and tabs, B bookmarks, Q quit).
 */

/** Where a shortcut works: `show` anywhere in the console, the others where focus is. */
export const HotkeyScope = z.enum(['show', 'chat', 'review'])
export type HotkeyScope = z.infer<typeof HotkeyScope>

export const HotkeyAction = z.enum([
  'show.goLive',
  'show.record',
  'show.pause',
  'show.muteAll',
  'show.shortcuts',
  'chat.mute',
  'chat.ban',
  'chat.delete',
  'review.next',
  'review.previous',
  'review.approve',
  'review.deny',
  'review.claim',
])
export type HotkeyAction = z.infer<typeof HotkeyAction>

export interface HotkeyDefinition {
  action: HotkeyAction
  scope: HotkeyScope
  default: string
  /** Also a global shortcut in the desktop app (OBS-style): the show's own controls. */
  global: boolean
}

export const HOTKEYS: readonly HotkeyDefinition[] = [
  { action: 'show.goLive', scope: 'show', default: 'Ctrl+Shift+L', global: true },
  { action: 'show.record', scope: 'show', default: 'Ctrl+Shift+E', global: true },
  { action: 'show.pause', scope: 'show', default: 'Ctrl+Shift+P', global: true },
  { action: 'show.muteAll', scope: 'show', default: 'Ctrl+Shift+M', global: true },
  { action: 'show.shortcuts', scope: 'show', default: '?', global: false },
  { action: 'chat.mute', scope: 'chat', default: 'M', global: false },
  { action: 'chat.ban', scope: 'chat', default: 'B', global: false },
  { action: 'chat.delete', scope: 'chat', default: 'Delete', global: false },
  { action: 'review.next', scope: 'review', default: 'J', global: false },
  { action: 'review.previous', scope: 'review', default: 'K', global: false },
  { action: 'review.approve', scope: 'review', default: 'A', global: false },
  { action: 'review.deny', scope: 'review', default: 'D', global: false },
  { action: 'review.claim', scope: 'review', default: 'C', global: false },
]

/** Keys that are not rebindable: how a list is walked, and what every control needs. */
export type FixedKey =
  'chat.move' | 'chat.ends' | 'chat.menu' | 'chat.leave' | 'chat.pause' | 'review.move'
export const FIXED_KEYS: readonly { key: FixedKey; scope: HotkeyScope; chords: string[] }[] = [
  { key: 'chat.move', scope: 'chat', chords: ['ArrowUp', 'ArrowDown'] },
  { key: 'chat.ends', scope: 'chat', chords: ['Home', 'End'] },
  { key: 'chat.menu', scope: 'chat', chords: ['Enter'] },
  { key: 'chat.leave', scope: 'chat', chords: ['Escape'] },
  { key: 'chat.pause', scope: 'chat', chords: ['Ctrl+Alt'] },
  { key: 'review.move', scope: 'review', chords: ['ArrowUp', 'ArrowDown'] },
]

/** Keys every control needs (focus, activate, cancel): never a shortcut anywhere. */
const ALWAYS_RESERVED = new Set(['Tab', 'Shift+Tab', 'Enter', 'Space', 'Escape'])
/** Taken by Chromium or Electron's View menu before the page sees them, or closing things. */
const BROWSER_RESERVED = new Set([
  'Ctrl+R',
  'Ctrl+Shift+R',
  'Ctrl+Shift+I',
  'Ctrl+W',
  'Ctrl+Shift+W',
  'Ctrl+T',
  'Ctrl+Shift+T',
  'Ctrl+N',
  'Ctrl+Shift+N',
  'Ctrl+Q',
  'Ctrl+Shift+Q',
  'Ctrl+Tab',
  'Ctrl+Shift+Tab',
  'Alt+F4',
  'F5',
  'F11',
  'F12',
])

export const HotkeyBindings = z.record(HotkeyAction, z.string().max(40).nullable())
export type HotkeyBindings = z.infer<typeof HotkeyBindings>

/** What main keeps and every console mirrors: each action's chord, null when unbound. */
export const HotkeySnapshot = z.object({ bindings: HotkeyBindings })
export type HotkeySnapshot = z.infer<typeof HotkeySnapshot>

export function defaultBindings(): HotkeyBindings {
  return Object.fromEntries(HOTKEYS.map((h) => [h.action, h.default])) as HotkeyBindings
}

export function definitionOf(action: HotkeyAction): HotkeyDefinition {
  const found = HOTKEYS.find((h) => h.action === action)
  if (!found) throw new Error(`No hotkey ${action}`)
  return found
}

/** Codes of a refused binding (params: `chord`, `action`, `other`, `fixed`). */
export const HotkeyCode = {
  /** Not a key we can name: empty, only modifiers, an unknown key name. */
  badChord: 15201,
  /** The chord is already another action's where both work. */
  conflict: 15202,
  /** The chord moves focus, activates controls, walks a list, or the browser takes it. */
  reserved: 15203,
} as const

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const
type Modifier = (typeof MODIFIERS)[number]

const MODIFIER_NAMES: Record<string, Modifier> = {
  ctrl: 'Ctrl',
  control: 'Ctrl',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
  meta: 'Meta',
  cmd: 'Meta',
  command: 'Meta',
  super: 'Meta',
  win: 'Meta',
}

const NAMED_KEYS: Record<string, string> = {
  delete: 'Delete',
  del: 'Delete',
  backspace: 'Backspace',
  insert: 'Insert',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  arrowup: 'ArrowUp',
  up: 'ArrowUp',
  arrowdown: 'ArrowDown',
  down: 'ArrowDown',
  arrowleft: 'ArrowLeft',
  left: 'ArrowLeft',
  arrowright: 'ArrowRight',
  right: 'ArrowRight',
  space: 'Space',
  ' ': 'Space',
  enter: 'Enter',
  return: 'Enter',
  escape: 'Escape',
  esc: 'Escape',
  tab: 'Tab',
  plus: 'Plus',
  '+': 'Plus',
}

/** Printable symbols a key can name (Shift is part of typing them, so it is not written). */
const SYMBOLS = new Set([...'`~!@#$%^&*()-_=[]{}\\|;:\'",.<>/?'])

function normalKey(raw: string): string | null {
  if (/^[a-z]$/i.test(raw)) return raw.toUpperCase()
  if (/^[0-9]$/.test(raw)) return raw
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(raw)) return raw.toUpperCase()
  if (SYMBOLS.has(raw)) return raw
  return NAMED_KEYS[raw.toLowerCase()] ?? null
}

function isSymbol(key: string): boolean {
  return SYMBOLS.has(key)
}

export type ChordParse = { ok: true; chord: string } | { ok: false; chord: string }

/**
 * A chord as typed in (`ctrl + shift + l`, `Cmd+K`, `del`) in its one written form, or not a
 * chord. `+` as a key is `Plus`.
 */
export function parseChord(text: string): ChordParse {
  const raw = text.trim()
  const parts = raw === '+' ? ['Plus'] : raw.split('+').map((p) => p.trim())
  if (raw.endsWith('++')) parts.splice(parts.length - 2, 2, 'Plus')
  const mods = new Set<Modifier>()
  let key: string | null = null
  for (const part of parts) {
    if (part === '') return { ok: false, chord: raw }
    const mod = MODIFIER_NAMES[part.toLowerCase()]
    if (mod) {
      mods.add(mod)
      continue
    }
    if (key !== null) return { ok: false, chord: raw }
    key = normalKey(part)
    if (key === null) return { ok: false, chord: raw }
  }
  if (key === null) return { ok: false, chord: raw }
  if (isSymbol(key)) mods.delete('Shift')
  return { ok: true, chord: [...MODIFIERS.filter((m) => mods.has(m)), key].join('+') }
}

/** What a keydown needs to name its chord (a KeyboardEvent is one). */
export interface KeyLike {
  key: string
  code: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

/**
 * The chord a keydown is, or null for a lone modifier or a key we do not name. Letters and digits
 * by their physical key (an input method's ㅡ for M is still M); symbols by what they type.
 */
export function chordOfEvent(event: KeyLike): string | null {
  let key: string | null
  const letter = /^Key([A-Z])$/.exec(event.code)
  const digit = /^Digit([0-9])$/.exec(event.code)
  if (letter?.[1]) key = letter[1]
  else if (digit?.[1]) key = digit[1]
  else if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'Process', 'Dead'].includes(event.key))
    return null
  else key = normalKey(event.key)
  if (key === null) return null
  const mods: Modifier[] = []
  if (event.ctrlKey) mods.push('Ctrl')
  if (event.altKey) mods.push('Alt')
  if (event.shiftKey && !isSymbol(key)) mods.push('Shift')
  if (event.metaKey) mods.push('Meta')
  return [...mods, key].join('+')
}

/** Two scopes whose keys can meet: the same one, or the show's (which works everywhere). */
function overlaps(a: HotkeyScope, b: HotkeyScope): boolean {
  return a === b || a === 'show' || b === 'show'
}

export type BindingProblem =
  | { code: typeof HotkeyCode.badChord; action: HotkeyAction; chord: string }
  | { code: typeof HotkeyCode.conflict; action: HotkeyAction; chord: string; other: HotkeyAction }
  | { code: typeof HotkeyCode.reserved; action: HotkeyAction; chord: string; fixed?: FixedKey }

/**
 * Why `chord` cannot be `action`'s with the other bindings as they are, or null when it can.
 * Another action of an overlapping scope holding it is a conflict (the person decides which goes).
 */
export function bindingProblem(
  bindings: HotkeyBindings,
  action: HotkeyAction,
  chord: string,
): BindingProblem | null {
  const parsed = parseChord(chord)
  if (!parsed.ok) return { code: HotkeyCode.badChord, action, chord }
  const written = parsed.chord
  const scope = definitionOf(action).scope
  if (ALWAYS_RESERVED.has(written) || BROWSER_RESERVED.has(written)) {
    return { code: HotkeyCode.reserved, action, chord: written }
  }
  for (const fixed of FIXED_KEYS) {
    if (overlaps(scope, fixed.scope) && fixed.chords.includes(written)) {
      return { code: HotkeyCode.reserved, action, chord: written, fixed: fixed.key }
    }
  }
  for (const other of HOTKEYS) {
    if (other.action === action || !overlaps(scope, other.scope)) continue
    const held = bindings[other.action]
    if (held !== null && held !== undefined && parseChord(held).chord === written) {
      return { code: HotkeyCode.conflict, action, chord: written, other: other.action }
    }
  }
  return null
}

/** The first problem of a whole set of bindings (what main checks before it keeps them). */
export function bindingsProblem(bindings: HotkeyBindings): BindingProblem | null {
  for (const { action } of HOTKEYS) {
    const chord = bindings[action]
    if (chord === null) continue
    const problem = bindingProblem(bindings, action, chord)
    if (problem) return problem
  }
  return null
}

/** Every binding in its written form; an action missing from `partial` gets its default. */
export function normalBindings(partial: Partial<Record<HotkeyAction, string | null>>) {
  const out = defaultBindings()
  for (const { action } of HOTKEYS) {
    const chord = partial[action]
    if (chord === undefined) continue
    out[action] = chord === null ? null : parseChord(chord).chord
  }
  return out
}

/** The action `chord` runs in `scope` (a scope's own keys first, then the show's). */
export function actionFor(
  bindings: HotkeyBindings,
  scope: HotkeyScope,
  chord: string,
): HotkeyAction | null {
  const order = scope === 'show' ? ['show'] : [scope, 'show']
  for (const s of order) {
    const found = HOTKEYS.find((h) => h.scope === s && bindings[h.action] === chord)
    if (found) return found.action
  }
  return null
}

/**
 * A global shortcut takes the key from every app while LiveDesk runs: only a chord with Ctrl,
 * Alt or Meta, or a function key, may be one (a plain M would stop the anchor typing M anywhere).
 */
export function canBeGlobal(chord: string): boolean {
  const parts = chord.split('+')
  const key = parts.at(-1) ?? ''
  return parts.some((p) => p === 'Ctrl' || p === 'Alt' || p === 'Meta') || /^F\d+$/.test(key)
}

/** Electron's accelerator for a chord (https://www.electronjs.org/docs/latest/api/accelerator). */
export function toAccelerator(chord: string): string {
  const names: Record<string, string> = {
    Ctrl: 'Control',
    Meta: 'Super',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    Enter: 'Return',
  }
  return chord
    .split('+')
    .map((part) => names[part] ?? part)
    .join('+')
}
