import { describe, expect, it } from 'vitest'
import {
  GlobalHotkeys,
  globalAccelerators,
  showKeyCommand,
  type ShortcutPort,
} from '../../../src-main/desktop/global-hotkeys'
import {
  defaultBindings,
  stoppedStreamStatus,
  type StreamStatus,
} from '../../../src-shared/contract'

const stopped = stoppedStreamStatus
const live: StreamStatus = {
  ...stopped,
  state: 'started',
  outputActive: true,
  push: { url: 'rtmp://127.0.0.1/live/main', active: true },
}
const recording: StreamStatus = {
  ...stopped,
  state: 'started',
  outputActive: true,
  recording: { path: '/tmp/a.mkv', bytes: 1, active: true, parts: 1, totalBytes: 1, disk: null },
}

/** Electron's globalShortcut cannot run here: what it was asked, and one key another app holds. */
class RecordingPort implements ShortcutPort {
  held = new Map<string, () => void>()
  constructor(private readonly taken = new Set<string>()) {}
  register(accelerator: string, pressed: () => void) {
    if (this.taken.has(accelerator)) return false
    this.held.set(accelerator, pressed)
    return true
  }
  unregister(accelerator: string) {
    this.held.delete(accelerator)
  }
}

describe('global shortcuts of the desktop app (issue 15 §2)', () => {
  it('registers the show keys that may be global, as Electron accelerators', () => {
    const bindings = { ...defaultBindings(), 'show.pause': 'Shift+P', 'show.muteAll': null }
    expect(globalAccelerators(bindings)).toEqual([
      { action: 'show.goLive', accelerator: 'Control+Shift+L' },
      { action: 'show.record', accelerator: 'Control+Shift+E' },
    ])
  })

  it('does what the button shown for the key would do now', () => {
    const at = (stream: StreamStatus | null, muteAll = false, paused = false) => ({
      stream,
      muteAll,
      room: paused
        ? {
            state: 'paused' as const,
            showId: 's',
            since: 0,
            scheduledAt: null,
            replayUrl: null,
            startedAt: 0,
            endedAt: null,
            title: '',
            cause: null,
            endsAt: null,
          }
        : null,
    })
    expect(showKeyCommand('show.goLive', at(stopped))?.name).toBe('stream:go-live')
    expect(showKeyCommand('show.goLive', at(live))?.name).toBe('stream:end-live')
    expect(showKeyCommand('show.goLive', at({ ...live, state: 'stopping' }))).toBeNull()
    expect(showKeyCommand('show.record', at(stopped))?.name).toBe('stream:record')
    expect(showKeyCommand('show.record', at(recording))?.name).toBe('stream:stop-recording')
    expect(showKeyCommand('show.muteAll', at(stopped, true))).toEqual({
      name: 'room:set-mute-all',
      input: { on: false },
    })
    expect(showKeyCommand('show.pause', at(live))?.input).toEqual({ action: 'pause' })
    expect(showKeyCommand('show.pause', at(live, false, true))?.input).toEqual({
      action: 'resume',
    })
  })

  it('registers again on a change, logs a key another app holds, and gives all back', async () => {
    const port = new RecordingPort(new Set(['Control+Shift+E']))
    const ran: string[] = []
    const lines: string[] = []
    const hotkeys = new GlobalHotkeys(
      port,
      async (name) => {
        ran.push(name)
        if (name === 'stage:get-snapshot') return { ok: true, value: { status: live } }
        if (name === 'room:get-snapshot')
          return { ok: true, value: { muteAll: false, roomState: null } }
        return { ok: true, value: {} }
      },
      (line) => lines.push(line),
    )
    hotkeys.apply({ bindings: defaultBindings() })
    expect([...port.held.keys()].sort()).toEqual([
      'Control+Shift+L',
      'Control+Shift+M',
      'Control+Shift+P',
    ])
    expect(lines.join('\n')).toContain('Control+Shift+E')

    port.held.get('Control+Shift+L')?.()
    await new Promise((resolve) => setImmediate(resolve))
    expect(ran).toContain('stream:end-live')

    hotkeys.onEvents([
      {
        name: 'hotkeys:changed',
        payload: { bindings: { ...defaultBindings(), 'show.goLive': 'F9' } },
      },
    ])
    expect(port.held.has('F9')).toBe(true)
    expect(port.held.has('Control+Shift+L')).toBe(false)
    hotkeys.clear()
    expect(port.held.size).toBe(0)
  })
})
