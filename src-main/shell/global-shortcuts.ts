import { globalShortcut } from 'electron'
import type { ContractEvent } from '../../src-shared/contract'
import type { ConsoleApp } from '../console/console-app'
import { GlobalHotkeys } from '../desktop/global-hotkeys'

/**
 * Electron's globalShortcut for the show keys (src-main/desktop/global-hotkeys.ts decides): the
 * bindings main keeps, registered at start and again when they change, all given back on quit.
 */
export async function startGlobalShortcuts(
  consoleApp: ConsoleApp,
  log: (line: string) => void,
): Promise<{ close(): void }> {
  const caller = { thisMachine: true }
  const hotkeys = new GlobalHotkeys(
    {
      register: (accelerator, pressed) => {
        try {
          return globalShortcut.register(accelerator, pressed)
        } catch {
          // An accelerator this platform cannot name.
          return false
        }
      },
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
    },
    (name, input) => consoleApp.dispatch(name, input, caller),
    log,
  )
  const snapshot = await consoleApp.dispatch('hotkeys:get', {}, caller)
  if (snapshot.ok) hotkeys.apply(snapshot.value as Parameters<GlobalHotkeys['apply']>[0])
  const unsubscribe = consoleApp.events.subscribe((batch: readonly ContractEvent[]) =>
    hotkeys.onEvents(batch),
  )
  return {
    close: () => {
      unsubscribe()
      hotkeys.clear()
    },
  }
}
