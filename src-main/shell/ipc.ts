import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron'
import { pathToFileURL } from 'node:url'
import { ContractCode, fail, IpcChannel } from '../../src-shared/contract'
import type { ConsoleApp } from '../console/console-app'
import { popOutOf } from './pop-out-window'

/**
 * The contract over Electron IPC. Every call's sender is checked — the app's own top frame
 * loaded from the built console page — before its payload reaches the dispatcher.
 */
export function registerContractIpc(app: ConsoleApp, consoleFile: string): void {
  const appUrl = pathToFileURL(consoleFile).toString()
  const trusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame
    return !!frame && frame === event.sender.mainFrame && frame.url.split(/[?#]/)[0] === appUrl
  }
  const watched = new WeakSet<object>()
  ipcMain.handle(IpcChannel.invoke, (event, name: unknown, input: unknown) => {
    if (!trusted(event))
      return fail(ContractCode.forbiddenSender, 'Calls are only taken from the LiveDesk window')
    // A window that closes docks back the panels it showed (issue 15 §2).
    const contents = event.sender
    if (!watched.has(contents)) {
      watched.add(contents)
      contents.once('destroyed', () => app.connectionClosed?.(contents))
    }
    // The app's own window: the person at this computer; a pop-out window may stay on top.
    return app.dispatch(name, input, {
      thisMachine: true,
      connection: contents,
      popOut: popOutOf(contents),
    })
  })
  app.events.subscribe((events) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && contents.getURL().split(/[?#]/)[0] === appUrl) {
        contents.send(IpcChannel.events, events)
      }
    }
  })
}
