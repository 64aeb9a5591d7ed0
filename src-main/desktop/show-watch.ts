import type { ContractEvent, StreamStatus } from '../../src-shared/contract'
import { streamNotice, type Notice } from './notices'
import { showIsOn } from './tray-status'

/**
 * What the desktop shell follows of the console, from the same batched events the window gets:
 * the stream's status and the room's mute-all. It drives the tray, the OS notices and the
 * updater's "wait for the show to end".
 */
export interface ShowWatchSinks {
  /** The stream or mute-all changed (the tray redraws). */
  changed(stream: StreamStatus | null, muteAll: boolean): void
  /** Live or recording started or ended. */
  showChanged(on: boolean): void
  notice(notice: Notice): void
}

export class ShowWatch {
  private stream: StreamStatus | null = null
  private muteAll = false

  constructor(private readonly sinks: ShowWatchSinks) {}

  /** The state at start (the stage and room snapshots). */
  seed(stream: StreamStatus | null, muteAll: boolean): void {
    this.stream = stream
    this.muteAll = muteAll
    this.sinks.changed(stream, muteAll)
    if (showIsOn(stream)) this.sinks.showChanged(true)
  }

  apply = (events: readonly ContractEvent[]): void => {
    let changed = false
    for (const event of events) {
      if (event.name === 'stream:status-changed') {
        const before = this.stream
        const next = event.payload
        this.stream = next
        const notice = streamNotice(before, next)
        if (notice) this.sinks.notice(notice)
        if (showIsOn(before) !== showIsOn(next)) this.sinks.showChanged(showIsOn(next))
        changed ||=
          before?.state !== next.state ||
          before?.push?.active !== next.push?.active ||
          before?.recording?.active !== next.recording?.active
      } else if (event.name === 'room:mute-all-changed') {
        changed ||= this.muteAll !== event.payload.muteAll
        this.muteAll = event.payload.muteAll
      } else if (event.name === 'room:snapshot-replaced') {
        changed ||= this.muteAll !== event.payload.muteAll
        this.muteAll = event.payload.muteAll
      }
    }
    if (changed) this.sinks.changed(this.stream, this.muteAll)
  }

  current(): { stream: StreamStatus | null; muteAll: boolean } {
    return { stream: this.stream, muteAll: this.muteAll }
  }
}
