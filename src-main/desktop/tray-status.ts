import type { CommandName, StreamStatus } from '../../src-shared/contract'

/**
 * What the tray shows and offers (issue 16 §3), from main's stream status and the room's mute-all,
 * as pure data: the shell turns it into Electron's Tray and Menu (src-main/shell/tray.ts).
 */

/** The icon files are resources/tray/tray-<status>.png (scripts/render-resources.mjs). */
export const TRAY_STATUSES = ['live', 'recording', 'paused', 'offline'] as const
export type TrayStatus = (typeof TRAY_STATUSES)[number]

/**
 * live: the push is up. paused: the push dropped and is reconnecting (viewers see nothing; the
 * show is not over). recording: recording without a push. offline: nothing is on air or being
 * recorded (stopped, or still starting).
 */
export function trayStatus(stream: StreamStatus | null): TrayStatus {
  if (!stream || stream.state === 'stopped') return 'offline'
  if (stream.state === 'reconnecting' || stream.outputReconnecting) return 'paused'
  // Only `started` is on air: while starting, the push has not been taken yet.
  if (stream.state !== 'started') return 'offline'
  if (stream.push?.active) return 'live'
  if (stream.recording?.active) return 'recording'
  return 'offline'
}

/** The show is on: an update waits for it to end (update-service.ts). */
export function showIsOn(stream: StreamStatus | null): boolean {
  return !!stream && stream.state !== 'stopped'
}

export type TrayItemId = 'go-live' | 'end' | 'record' | 'mute-all' | 'show'

export interface TrayItem {
  id: TrayItemId
  /** An i18n key (src-shared/i18n): the shell translates it. */
  label: 'trayGoLive' | 'trayEnd' | 'trayRecord' | 'trayMuteAll' | 'trayShow'
  enabled: boolean
  /** Only for the mute-all checkbox. */
  checked?: boolean
}

export function trayItems(stream: StreamStatus | null, muteAll: boolean): TrayItem[] {
  const running = showIsOn(stream)
  return [
    { id: 'go-live', label: 'trayGoLive', enabled: !running },
    { id: 'record', label: 'trayRecord', enabled: !running },
    { id: 'end', label: 'trayEnd', enabled: running && stream?.state !== 'stopping' },
    { id: 'mute-all', label: 'trayMuteAll', enabled: true, checked: muteAll },
    { id: 'show', label: 'trayShow', enabled: true },
  ]
}

/** The contract command a tray item runs (the same the console's buttons run), or null for Show. */
export function trayCommand(
  id: TrayItemId,
  muteAll: boolean,
): { name: CommandName; input: unknown } | null {
  switch (id) {
    case 'go-live':
      return { name: 'stream:go-live', input: {} }
    case 'record':
      return { name: 'stream:record', input: {} }
    case 'end':
      return { name: 'stream:stop', input: {} }
    case 'mute-all':
      return { name: 'room:set-mute-all', input: { on: !muteAll } }
    case 'show':
      return null
  }
}
