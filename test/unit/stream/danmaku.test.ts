import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DanmakuOverlay as DanmakuSettings } from '../../../src-shared/contract/stage'
import {
  DanmakuOverlay,
  fitText,
  flatten,
  textWidth,
} from '../../../src-main/console/stream/danmaku'
import { manualClock, type ManualClock } from '../../support/manual-clock'

let dir: string
let clock: ManualClock
/** The encoder's frame as the overlay would estimate it; null before its first report. */
let frame: number | null

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-danmaku-'))
  clock = manualClock(0)
  frame = null
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

function overlay(settings: Partial<DanmakuSettings> = {}) {
  return new DanmakuOverlay({
    settings: DanmakuSettings.parse({ kind: 'danmaku', ...settings }),
    width: 1280,
    height: 720,
    fps: 30,
    dir: path.join(dir, 'd'),
    clock,
    frameNow: () => frame,
  })
}

const read = (file: string) => fs.readFileSync(file, 'utf8')

/** Parses a slot's x expression: w-mod(n+OFFSET,PERIOD)*SPEED. */
function geometry(x: string | number) {
  const m = /^w-mod\(n\+(\d+),(\d+)\)\*([\d.]+)$/.exec(String(x))
  if (!m) throw new Error(`not a slot expression: ${x}`)
  return { offset: Number(m[1]), period: Number(m[2]), speed: Number(m[3]) }
}

describe('danmaku overlay', () => {
  it('lays scrolling slots on lanes across the top band, two a lane, staggered', () => {
    const d = overlay({ area: 'top', speed: 'normal', size: 32 })
    const layers = d.layers()
    // 720 × (0.45 − 0.10) = 252 px of band, 46 px lines → 5 lanes × 2 slots.
    expect(layers).toHaveLength(10)
    const slots = layers.map((layer) => {
      if (layer.kind !== 'textfile') throw new Error('a slot is a textfile layer')
      return { ...geometry(layer.x), y: layer.y, file: layer.file }
    })
    // 8 s to cross 1280 px at 30 fps; a pass is the width and the longest line (0.6 w).
    expect(slots[0]?.speed).toBeCloseTo(1280 / (8 * 30), 3)
    expect(slots[0]?.period).toBe(Math.ceil((1280 + 768) / (1280 / 240)))
    expect(new Set(slots.map((s) => s.offset)).size).toBe(10)
    expect(new Set(slots.map((s) => s.y))).toEqual(new Set([72, 118, 164, 210, 256]))
    for (const slot of slots) expect(read(slot.file)).toBe('')
    d.close()
    expect(fs.existsSync(path.join(dir, 'd'))).toBe(false)
  })

  it('writes a waiting line into a slot only in the stretch before it enters, once a pass', () => {
    const d = overlay({ area: 'top' })
    const slots = d.layers().map((layer) => {
      if (layer.kind !== 'textfile') throw new Error('textfile')
      return { ...geometry(layer.x), file: layer.file }
    })
    d.start()
    d.push({ nick: 'Alice', text: '안녕하세요' })
    // No frame estimate yet (the encoder has not reported): nothing is placed.
    clock.advance(200)
    expect(slots.every((slot) => read(slot.file) === '')).toBe(true)
    expect(d.waitingCount()).toBe(1)

    // Walk the frames: each tick, the line may only land where that slot is off screen
    // (its position in the pass within the last 0.3 s, i.e. 9 frames).
    frame = 0
    let placed: (typeof slots)[number] | undefined
    for (let step = 0; step < 2000 && !placed; step++) {
      clock.advance(50)
      frame += 1.5
      placed = slots.find((slot) => read(slot.file) === '안녕하세요')
      if (placed) {
        const position = (Math.round(frame) + placed.offset) % placed.period
        expect(position).toBeGreaterThanOrEqual(placed.period - 9)
      }
    }
    expect(placed).toBeDefined()
    expect(d.waitingCount()).toBe(0)
    // Only one slot took it; the next pass of that slot empties it again.
    expect(slots.filter((slot) => read(slot.file) === '안녕하세요')).toHaveLength(1)
    for (let step = 0; step < 2000 && read(placed!.file) !== ''; step++) {
      clock.advance(50)
      frame += 1.5
    }
    expect(read(placed!.file)).toBe('')
    d.close()
  })

  it('keeps a busy chat to a sample: the oldest waiting lines go first', () => {
    const d = overlay()
    for (let i = 0; i < 100; i++) d.push({ nick: 'v', text: `line ${i}` })
    expect(d.waitingCount()).toBe(64)
    d.close()
  })

  it('a box shows the latest lines with their nicks, one line each', () => {
    const d = overlay({ mode: 'box', lines: 3, position: 'bottom-right' })
    const [layer] = d.layers()
    expect(layer).toMatchObject({ kind: 'textfile', box: true, x: 'w-tw-20', y: 'h-th-20' })
    d.start()
    d.push({ nick: 'Alice', text: 'one' })
    d.push({ nick: 'Bob', text: 'two\nlines' })
    d.push({ nick: 'Chen', text: '三' })
    d.push({ nick: 'Dana', text: 'four' })
    d.push({ nick: 'Eve', text: '\u0007 \n ' })
    clock.advance(50)
    if (layer?.kind !== 'textfile') throw new Error('textfile')
    expect(read(layer.file)).toBe('Bob: two lines\nChen: 三\nDana: four')
    d.close()
  })

  it('draws no emoji (the font has none: they would be boxes) and keeps the words', () => {
    expect(flatten('선물 보냈어요 🎁')).toBe('선물 보냈어요')
    expect(flatten('👍🏽 nice 👨‍👩‍👧 show')).toBe('nice show')
    expect(flatten('中文 ★ 1')).toBe('中文 ★ 1')
  })

  it('measures Hangul and Han as wide, and cuts long lines with an ellipsis', () => {
    expect(textWidth('abc', 10)).toBeCloseTo(18)
    expect(textWidth('한국어', 10)).toBe(30)
    expect(textWidth('中文', 10)).toBe(20)
    expect(fitText('short', 10, 100)).toBe('short')
    const cut = fitText('가'.repeat(50), 20, 200)
    expect(cut.endsWith('…')).toBe(true)
    expect(textWidth(cut, 20)).toBeLessThanOrEqual(200)
  })
})
