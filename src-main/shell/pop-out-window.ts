import type { BrowserWindow, WebContents } from 'electron'
import type { PopOutWindow } from '../console/contract/dispatch'

/**
 * The desktop app's pop-out windows (issue 15 §2), by the webContents their calls come from: the
 * only senders main lets stay on top of other windows ("Stay on top" in the pop-out's tools).
 */
const popOuts = new WeakMap<WebContents, PopOutWindow>()

/** `win` shows a popped-out panel; its calls may keep it above other windows. */
export function adoptPopOut(win: BrowserWindow): void {
  popOuts.set(win.webContents, {
    stayOnTop(on) {
      if (on !== undefined && !win.isDestroyed()) win.setAlwaysOnTop(on)
      return !win.isDestroyed() && win.isAlwaysOnTop()
    },
  })
}

/** The pop-out window `sender` is, or undefined for the main window and anything else. */
export function popOutOf(sender: WebContents): PopOutWindow | undefined {
  return popOuts.get(sender)
}
