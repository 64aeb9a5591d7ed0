import { useEffect } from 'react'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import type { RoomState } from '../room-state'
import { CheatSheet } from './CheatSheet'
import {
  hotkeyOf,
  hotkeyStore,
  isTyping,
  runHotkey,
  useHotkeyHandler,
  useSheetOpen,
} from './hotkey-store'

interface HotkeysRuntimeProps {
  api: Api
  room: RoomState
  /** The console's status line. */
  announce(text: string): void
  /** The header's Mute all switch, as if flipped. */
  onMuteAll(on: boolean): void
}

/**
 * The console's keyboard shortcuts at work: main's bindings mirrored, the show keys heard
 * anywhere on the page but in a text field or under a modal dialog, the room's Pause (BRB) and
 * Mute all answered, and the cheat sheet.
 */
export function HotkeysRuntime({ api, room, announce, onMuteAll }: HotkeysRuntimeProps) {
  const sheetOpen = useSheetOpen()

  useEffect(() => {
    const load = async () => {
      const result = await api.call('hotkeys:get', {})
      if (result.ok) hotkeyStore.setBindings(result.value.bindings)
    }
    const offLink = api.onLink((link) => {
      if (link === 'open') void load()
    })
    const offChanged = api.on('hotkeys:changed', (snapshot) =>
      hotkeyStore.setBindings(snapshot.bindings),
    )
    return () => {
      offLink()
      offChanged()
    }
  }, [api])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A panel that took the key (a chat line's M) has said so; a modal dialog keeps its keys.
      if (event.defaultPrevented || event.isComposing || event.repeat) return
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return
      const action = hotkeyOf(event, 'show')
      if (action && runHotkey(action)) event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  useHotkeyHandler('show.shortcuts', () => hotkeyStore.setSheetOpen(true))
  useHotkeyHandler('show.muteAll', () => {
    if (room.loaded) onMuteAll(!room.muteAll)
  })
  useHotkeyHandler('show.pause', () => {
    // Paused resumes; anything else asks to pause, and the business host says if it cannot.
    const resume = room.liveState?.state === 'paused'
    void api
      .call('room-state:act', { action: resume ? 'resume' : 'pause' })
      .then((result) =>
        announce(
          result.ok
            ? t(resume ? 'hotkeys.showResumed' : 'hotkeys.showPaused')
            : t('roomState.failed', { reason: errorMessage(result.error) }),
        ),
      )
  })

  return sheetOpen ? <CheatSheet /> : null
}
