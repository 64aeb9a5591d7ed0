import { useEffect, useRef, useSyncExternalStore } from 'react'
import {
  actionFor,
  chordOfEvent,
  defaultBindings,
  type HotkeyAction,
  type HotkeyBindings,
  type HotkeyScope,
} from '../../../src-shared/contract/hotkeys'

/**
 * The console page's mirror of main's shortcuts, and who answers each action. One console per
 * page, so one store: the panels that own an action (the Stage its Go live, the chat its lines)
 * register for it where they are, and the key handlers read the same bindings the cheat sheet
 * lists.
 */
let bindings: HotkeyBindings = defaultBindings()
let sheetOpen = false
/** Where focus was when the cheat sheet opened; it goes back there when it closes. */
let opener: HTMLElement | null = null
const listeners = new Set<() => void>()
const handlers = new Map<HotkeyAction, () => void>()

function changed(): void {
  for (const listener of listeners) listener()
}
function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const hotkeyStore = {
  bindings: () => bindings,
  /** Main's snapshot (on load, on `hotkeys:changed`, after a save). */
  setBindings(next: HotkeyBindings): void {
    bindings = next
    changed()
  },
  sheetOpen: () => sheetOpen,
  setSheetOpen(open: boolean): void {
    if (open === sheetOpen) return
    if (open) opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    sheetOpen = open
    changed()
    if (!open && opener?.isConnected) {
      const back = opener
      requestAnimationFrame(() => back.focus())
    }
  },
}

export function useBindings(): HotkeyBindings {
  return useSyncExternalStore(subscribe, hotkeyStore.bindings)
}

export function useSheetOpen(): boolean {
  return useSyncExternalStore(subscribe, hotkeyStore.sheetOpen)
}

/** Answers `action` while the calling component is mounted (its latest `run`). */
export function useHotkeyHandler(action: HotkeyAction, run: () => void): void {
  const latest = useRef(run)
  useEffect(() => {
    latest.current = run
  })
  useEffect(() => {
    const handler = () => latest.current()
    handlers.set(action, handler)
    return () => {
      if (handlers.get(action) === handler) handlers.delete(action)
    }
  }, [action])
}

/** Runs the action if someone answers it. */
export function runHotkey(action: HotkeyAction): boolean {
  const handler = handlers.get(action)
  if (!handler) return false
  handler()
  return true
}

/** The action a keydown means in `scope` with the current bindings, or null. */
export function hotkeyOf(
  event: Parameters<typeof chordOfEvent>[0],
  scope: HotkeyScope,
): HotkeyAction | null {
  const chord = chordOfEvent(event)
  return chord === null ? null : actionFor(bindings, scope, chord)
}

const NOT_TYPING = new Set([
  'button',
  'checkbox',
  'radio',
  'range',
  'color',
  'file',
  'submit',
  'reset',
  'image',
])

/** Focus is where keys type text: a shortcut must never take them (issue 15 §2). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type)
}
