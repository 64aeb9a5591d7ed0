import type { FixedKey, HotkeyAction, HotkeyScope } from '../../src-shared/contract/hotkeys'
import { t, type MessageKey } from './i18n'

/** A shortcut's action in words (the cheat sheet, the settings, a conflict's error). */
export function hotkeyActionName(action: HotkeyAction): string {
  return t(`hotkeys.action.${action}` satisfies MessageKey)
}

export function fixedKeyName(key: FixedKey): string {
  return t(`hotkeys.fixed.${key}` satisfies MessageKey)
}

export function hotkeyScopeName(scope: HotkeyScope): string {
  return t(`hotkeys.scope.${scope}` satisfies MessageKey)
}

/** A chord as a person reads it: the written form, with arrows as arrows. */
export function chordText(chord: string): string {
  const names: Record<string, string> = {
    ArrowUp: '↑',
    ArrowDown: '↓',
    ArrowLeft: '←',
    ArrowRight: '→',
  }
  return chord
    .split('+')
    .map((part) => names[part] ?? part)
    .join('+')
}
