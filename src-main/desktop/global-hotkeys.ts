import {
  canBeGlobal,
  HOTKEYS,
  toAccelerator,
  type CommandName,
  type ContractEvent,
  type HotkeyAction,
  type HotkeyBindings,
  type HotkeySnapshot,
  type RoomSnapshot,
  type StageSnapshot,
  type StreamStatus,
} from '../../src-shared/contract'
import type { RoomState } from '../../src-shared/protocol/room-state'

/**
 * The show keys as global shortcuts of the desktop app (issue 15 §2, OBS-style): Go live / End,
 * Record, Pause (BRB) and Mute all work while another app has focus. The shell passes Electron's
 * globalShortcut in as a port (src-main/shell/global-shortcuts.ts); the browser host has none.
 *
 * A key pressed runs the command the console's button would, decided from main's state at that
 * moment. End goes without the window's confirmation, as OBS's hotkeys and the tray's End do:
 * the anchor chose the key for it.
 */

export interface ShortcutPort {
  /** False when another app holds the accelerator (or the OS refused it). */
  register(accelerator: string, pressed: () => void): boolean
  unregister(accelerator: string): void
}

type Run = (name: CommandName, input: unknown) => Promise<{ ok: boolean; value?: unknown }>

/** The global actions with their accelerators: bound, and chords that may be global. */
export function globalAccelerators(
  bindings: HotkeyBindings,
): { action: HotkeyAction; accelerator: string }[] {
  return HOTKEYS.filter((h) => h.global).flatMap((h) => {
    const chord = bindings[h.action]
    return chord !== null && canBeGlobal(chord)
      ? [{ action: h.action, accelerator: toAccelerator(chord) }]
      : []
  })
}

/** What a show key does now: the button the console shows for it, or nothing while it settles. */
export function showKeyCommand(
  action: HotkeyAction,
  state: { stream: StreamStatus | null; muteAll: boolean; room: RoomState | null },
): { name: CommandName; input: unknown } | null {
  const { stream } = state
  const running = stream !== null && stream.state !== 'stopped'
  switch (action) {
    case 'show.goLive':
      if (!stream || stream.state === 'stopping') return null
      return {
        name: running && stream.push !== null ? 'stream:end-live' : 'stream:go-live',
        input: {},
      }
    case 'show.record':
      if (!stream || stream.state === 'stopping') return null
      return {
        name: running && stream.recording?.active ? 'stream:stop-recording' : 'stream:record',
        input: {},
      }
    case 'show.pause':
      return {
        name: 'room-state:act',
        input: { action: state.room?.state === 'paused' ? 'resume' : 'pause' },
      }
    case 'show.muteAll':
      return { name: 'room:set-mute-all', input: { on: !state.muteAll } }
    default:
      return null
  }
}

export class GlobalHotkeys {
  private registered: string[] = []

  constructor(
    private readonly port: ShortcutPort,
    private readonly run: Run,
    private readonly log: (line: string) => void,
  ) {}

  /** Registers the current bindings (after a start, and on every `hotkeys:changed`). */
  apply(snapshot: HotkeySnapshot): void {
    this.clear()
    for (const { action, accelerator } of globalAccelerators(snapshot.bindings)) {
      if (this.port.register(accelerator, () => void this.press(action))) {
        this.registered.push(accelerator)
      } else {
        this.log(`global shortcut ${accelerator} (${action}) is taken by another app`)
      }
    }
  }

  /** The events main emits: a change of bindings registers them again. */
  onEvents = (events: readonly ContractEvent[]): void => {
    const latest = events.findLast((e) => e.name === 'hotkeys:changed')
    if (latest?.name === 'hotkeys:changed') this.apply(latest.payload)
  }

  async press(action: HotkeyAction): Promise<void> {
    const [stage, room] = await Promise.all([
      this.run('stage:get-snapshot', {}),
      this.run('room:get-snapshot', {}),
    ])
    const roomSnapshot = room.ok ? (room.value as RoomSnapshot) : null
    const command = showKeyCommand(action, {
      stream: stage.ok ? (stage.value as StageSnapshot).status : null,
      muteAll: roomSnapshot?.muteAll ?? false,
      room: roomSnapshot?.roomState ?? null,
    })
    if (!command) return
    const result = await this.run(command.name, command.input)
    if (!result.ok) this.log(`global shortcut ${action}: ${command.name} refused`)
  }

  /** Every shortcut given back (on quit). */
  clear(): void {
    for (const accelerator of this.registered) this.port.unregister(accelerator)
    this.registered = []
  }
}
