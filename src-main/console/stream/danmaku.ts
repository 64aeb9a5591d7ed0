import fs from 'node:fs'
import path from 'node:path'
import type { DanmakuOverlay as DanmakuSettings } from '../../../src-shared/contract/stage'
import type { Clock } from '../../common/clock'
import { writePrivateFile } from '../../common/private-files'
import { overlayPlacement, type Overlay } from './ffmpeg-args'

/**
 * The room's chat burned into the outgoing picture, as scrolling danmaku (弹幕, the seed's Live
 * Director) or as a box of the latest lines — without a command channel into ffmpeg, so it works
 * with every ffmpeg build LiveDesk runs on.
 *
 * How. Each line of text on screen is a drawtext filter that re-reads its own small file before
 * every frame (`textfile` + `reload=1`, Overlay kind 'textfile'). For scrolling, the filters are
 * slots on lanes: a slot's x is a fixed function of the frame number n,
 *
 *   x = w − ((n + offset) mod F) · v       (v px per frame; one pass every F frames)
 *
 * so each slot enters at the right edge once per F frames and leaves at the left. A pass is
 * longer than the screen by L (the longest text drawn), which leaves every slot a stretch off
 * screen before it re-enters: that is when its file is rewritten with the next waiting line (or
 * emptied). Main only needs to know roughly which frame the encoder is on — its progress reports
 * say, every half second — because a change a few frames early or late still falls in that
 * stretch. A line is cut to fit L, so it never shows while its file changes.
 */

export interface DanmakuLine {
  nick: string
  text: string
}

export interface DanmakuOptions {
  settings: DanmakuSettings
  /** The program's frame. */
  width: number
  height: number
  fps: number
  /** A folder of its own for the slot files (removed on close). */
  dir: string
  clock: Clock
  /**
   * The frame the encoder is drawing now (extrapolated from its last progress report), or null
   * before its first one; it restarts at 0 with a restarted encoder, as drawtext's n does.
   */
  frameNow: () => number | null
}

/** Seconds a scrolling line takes to cross the picture. */
const crossingSeconds = { slow: 12, normal: 8, fast: 5 } as const
/** The longest line, as a share of the width. */
const longestShare = 0.6
/** Slots per lane: with L = 0.6 w, two lines a lane never touch. */
const slotsPerLane = 2
/** How long before its pass a slot's file is written (covers the frame estimate's error). */
const leadSeconds = 0.3
/** Lines waiting beyond this are dropped oldest first: danmaku shows a sample of a busy chat. */
const maxWaiting = 64
const tickMs = 50

interface Slot {
  file: string
  offset: number
  /** The pass (cycle index) its file was last written for. */
  writtenFor: number
}

/** Roughly how wide `text` draws at `size` px: Hangul, Han and kana about a square each. */
export function textWidth(text: string, size: number): number {
  let width = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    const wide =
      (code >= 0x1100 && code <= 0x11ff) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7af) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd)
    width += wide ? size : size * 0.6
  }
  return width
}

/** `text` cut (with an ellipsis) to draw no wider than `max` px. */
export function fitText(text: string, size: number, max: number): string {
  if (textWidth(text, size) <= max) return text
  let out = ''
  for (const char of text) {
    if (textWidth(`${out}${char}…`, size) > max) break
    out += char
  }
  return `${out}…`
}

/**
 * One line as it is drawn: no line breaks, no control characters, and no emoji — drawtext has
 * one font and no fallback, and no CJK font carries colour emoji, so they would show as boxes.
 */
export function flatten(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
      .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f|\p{Emoji_Modifier}/gu, '')
      .replace(/ {2,}/g, ' ')
      .trim()
  )
}

export class DanmakuOverlay {
  private readonly slots: Slot[] = []
  private readonly boxFile: string
  private readonly waiting: DanmakuLine[] = []
  private readonly recent: DanmakuLine[] = []
  private readonly size: number
  private readonly lineHeight: number
  /** Frames per pass, and px per frame. */
  private readonly period: number
  private readonly speed: number
  private readonly longest: number
  private cancelTick: (() => void) | null = null
  private boxDirty = false

  constructor(private readonly options: DanmakuOptions) {
    const { settings, width, height, fps, dir } = options
    // The size is set for a 720p picture and scales with the profile.
    this.size = Math.max(10, Math.round((settings.size * height) / 720))
    this.lineHeight = Math.round(this.size * 1.45)
    this.speed = width / (crossingSeconds[settings.speed] * fps)
    this.longest = Math.round(width * longestShare)
    this.period = Math.ceil((width + this.longest) / this.speed)
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    this.boxFile = path.join(dir, 'box.txt')
    if (settings.mode === 'scroll') {
      const lanes = this.laneCount()
      for (let lane = 0; lane < lanes; lane++) {
        for (let j = 0; j < slotsPerLane; j++) {
          // Lanes are staggered so their free stretches come at different times.
          const offset = Math.round(
            (j / slotsPerLane + lane / (slotsPerLane * lanes)) * this.period,
          )
          this.slots.push({ file: path.join(dir, `lane-${lane}-${j}.txt`), offset, writtenFor: -1 })
        }
      }
      for (const slot of this.slots) replaceTextFile(slot.file, '')
    } else {
      replaceTextFile(this.boxFile, '')
    }
  }

  /** The drawtext layers for the encoder (ffmpeg-args' 'textfile' overlays). */
  layers(): Overlay[] {
    const { settings } = this.options
    if (settings.mode === 'box') {
      const { x, y } = overlayPlacement(settings.position, 'text')
      return [
        {
          kind: 'textfile',
          file: this.boxFile,
          x,
          y,
          size: this.size,
          opacity: settings.opacity,
          box: true,
        },
      ]
    }
    const top = this.bandTop()
    return this.slots.map((slot, index) => ({
      kind: 'textfile',
      file: slot.file,
      x: `w-mod(n+${slot.offset},${this.period})*${this.speed.toFixed(3)}`,
      y: top + Math.floor(index / slotsPerLane) * this.lineHeight,
      size: this.size,
      opacity: settings.opacity,
      box: false,
    }))
  }

  /** A chat line for the picture (the caller decides which lines qualify). */
  push(line: DanmakuLine): void {
    const text = flatten(line.text)
    if (!text) return
    const entry = { nick: flatten(line.nick), text }
    if (this.options.settings.mode === 'box') {
      this.recent.push(entry)
      if (this.recent.length > this.options.settings.lines) this.recent.shift()
      this.boxDirty = true
    } else {
      this.waiting.push(entry)
      if (this.waiting.length > maxWaiting) this.waiting.shift()
    }
  }

  /** Starts placing lines; call once the encoder runs with these layers. */
  start(): void {
    if (this.cancelTick) return
    const loop = () => {
      this.tick()
      this.cancelTick = this.options.clock.setTimer(loop, tickMs)
    }
    this.cancelTick = this.options.clock.setTimer(loop, tickMs)
  }

  /** Stops and removes the slot files. */
  close(): void {
    this.cancelTick?.()
    this.cancelTick = null
    fs.rmSync(this.options.dir, { recursive: true, force: true })
  }

  /** Lines waiting for a free slot (for tests and the Stage). */
  waitingCount(): number {
    return this.waiting.length
  }

  private tick(): void {
    if (this.options.settings.mode === 'box') {
      if (!this.boxDirty) return
      const max = this.options.width * 0.4
      const text = this.recent
        .map((line) => fitText(`${line.nick}: ${line.text}`, this.size, max))
        .join('\n')
      if (replaceTextFile(this.boxFile, text)) this.boxDirty = false
      return
    }
    const frame = this.options.frameNow()
    if (frame === null) return
    const lead = Math.ceil(leadSeconds * this.options.fps)
    // Cut to what stays off screen while the file changes (the lead, and as much again for
    // the frame estimate's error).
    const max = this.longest - 2 * lead * this.speed
    for (const slot of this.slots) {
      const position = (frame + slot.offset) % this.period
      if (position < this.period - lead) continue
      const pass = Math.floor((frame + slot.offset) / this.period) + 1
      if (slot.writtenFor === pass) continue
      const line = this.waiting[0]
      if (!replaceTextFile(slot.file, line ? fitText(line.text, this.size, max) : '')) continue
      slot.writtenFor = pass
      if (line) this.waiting.shift()
    }
  }

  private laneCount(): number {
    const [top, bottom] = this.band()
    return Math.max(
      1,
      Math.min(12, Math.floor(((bottom - top) * this.options.height) / this.lineHeight)),
    )
  }

  private bandTop(): number {
    return Math.round(this.band()[0] * this.options.height)
  }

  /** The band the lanes fill, as shares of the height (clear of the corners' overlays). */
  private band(): [number, number] {
    switch (this.options.settings.area) {
      case 'top':
        return [0.1, 0.45]
      case 'bottom':
        return [0.5, 0.85]
      case 'full':
        return [0.1, 0.85]
    }
  }
}

/** drawtext may read the file at any moment: replace it whole (writePrivateFile renames). */
export function replaceTextFile(file: string, text: string): boolean {
  try {
    writePrivateFile(file, text)
    return true
  } catch {
    // Windows refuses to replace a file another process has open; the next tick tries again.
    return false
  }
}
