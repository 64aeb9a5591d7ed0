import type { BrowserWindow, Rectangle } from 'electron'
import { readFileSync, writeFileSync } from 'node:fs'

type Bounds = Partial<Rectangle> & { width: number; height: number }
const DEFAULT: Bounds = { width: 1440, height: 900 }

export function loadWindowState(file: string): Bounds {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Rectangle>
    const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n)
    if (ok(saved.width) && ok(saved.height) && saved.width! >= 400 && saved.height! >= 300) {
      return {
        width: saved.width!,
        height: saved.height!,
        ...(ok(saved.x) && ok(saved.y) ? { x: saved.x!, y: saved.y! } : {}),
      }
    }
  } catch {
    // First start, or a damaged file: the default size is the right answer for both.
  }
  return DEFAULT
}

export function trackWindowState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | null = null
  const save = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isMaximized()) return
    try {
      writeFileSync(file, JSON.stringify(win.getBounds()), { mode: 0o600 })
    } catch {
      // Not being able to remember the window's size is no reason to disturb the show.
    }
  }
  const later = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  win.on('resize', later)
  win.on('move', later)
  win.on('close', save)
}
