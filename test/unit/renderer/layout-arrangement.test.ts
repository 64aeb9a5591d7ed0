import { describe, expect, it } from 'vitest'
import {
  columnStepOf,
  droppedAt,
  FILL_ROWS_MIN,
  fillRows,
  moved,
  reshaped,
  resized,
  rowsAfterDrag,
  rowStepOf,
  spanAfterDrag,
} from '../../../src-renderer/console/layout/arrangement'
import type { PanelId, PanelPlacement } from '../../../src-shared/contract'

const arrangement: PanelPlacement[] = [
  { panel: 'stage', span: 2, rows: 'fill' },
  { panel: 'chat', span: 1, rows: 'fill' },
  { panel: 'moderators', span: 1, rows: 7 },
  { panel: 'notice', span: 1, rows: 7 },
  { panel: 'lottery', span: 1, rows: 7 },
]
const names = (panels: PanelPlacement[]) => panels.map((p) => p.panel)
const all = () => true
// A moderator's console: the owner's panels are in the arrangement but not shown.
const moderatorSees = (id: PanelId) => id !== 'stage' && id !== 'moderators'

describe('a panel dropped on the dashboard (issue 15 §1)', () => {
  it('lands where the panel it was dropped on was, the others shifting by one', () => {
    expect(names(droppedAt(arrangement, 'lottery', 'chat', all))).toEqual([
      'stage',
      'lottery',
      'chat',
      'moderators',
      'notice',
    ])
    expect(names(droppedAt(arrangement, 'stage', 'notice', all))).toEqual([
      'chat',
      'moderators',
      'notice',
      'stage',
      'lottery',
    ])
  })

  it('keeps its size, and leaves the panels this console does not show in their slots', () => {
    const next = droppedAt(arrangement, 'lottery', 'chat', moderatorSees)
    expect(next).toEqual([
      { panel: 'stage', span: 2, rows: 'fill' },
      { panel: 'lottery', span: 1, rows: 7 },
      { panel: 'moderators', span: 1, rows: 7 },
      { panel: 'chat', span: 1, rows: 'fill' },
      { panel: 'notice', span: 1, rows: 7 },
    ])
  })

  it('changes nothing when dropped on itself or on a panel not shown', () => {
    expect(droppedAt(arrangement, 'chat', 'chat', all)).toEqual(arrangement)
    expect(droppedAt(arrangement, 'chat', 'stage', moderatorSees)).toEqual(arrangement)
  })

  it('moves one shown place with "Move earlier" and "Move later", past hidden ones', () => {
    expect(names(moved(arrangement, 'notice', -1, moderatorSees))).toEqual([
      'stage',
      'notice',
      'moderators',
      'chat',
      'lottery',
    ])
    expect(moved(arrangement, 'lottery', 1, all)).toEqual(arrangement)
  })
})

describe('a panel’s edge dragged (issue 15 §1)', () => {
  it('snaps to whole columns, 1 to 3', () => {
    // 400 px columns with a 10 px gap.
    expect(spanAfterDrag(1, 0, 410)).toBe(1)
    expect(spanAfterDrag(1, 190, 410)).toBe(1)
    expect(spanAfterDrag(1, 220, 410)).toBe(2)
    expect(spanAfterDrag(1, 820, 410)).toBe(3)
    expect(spanAfterDrag(1, 5000, 410)).toBe(3)
    expect(spanAfterDrag(3, -420, 410)).toBe(2)
    expect(spanAfterDrag(2, -5000, 410)).toBe(1)
    // No columns measured (a hidden grid): unchanged.
    expect(spanAfterDrag(2, 300, 0)).toBe(2)
  })

  it('reads a column and its gap from the grid’s computed style', () => {
    expect(columnStepOf({ gridTemplateColumns: '400px 400px 400px', columnGap: '10px' })).toBe(410)
    expect(columnStepOf({ gridTemplateColumns: 'none', columnGap: 'normal' })).toBe(0)
  })

  it('keeps the new width in the arrangement', () => {
    expect(resized(arrangement, 'chat', 3)[1]).toEqual({ panel: 'chat', span: 3, rows: 'fill' })
    expect(resized(arrangement, 'chat', 7)[1]).toEqual({ panel: 'chat', span: 3, rows: 'fill' })
  })
})

describe('a panel made taller or shorter (issue 15 §1)', () => {
  it('snaps a drag on its bottom edge to whole row tracks, 1 to 24', () => {
    // A track of 36 px and a gap of 10.
    expect(rowsAfterDrag(10, 0, 46)).toBe(10)
    expect(rowsAfterDrag(10, 22, 46)).toBe(10)
    expect(rowsAfterDrag(10, 24, 46)).toBe(11)
    expect(rowsAfterDrag(10, -100, 46)).toBe(8)
    expect(rowsAfterDrag(10, -5000, 46)).toBe(1)
    expect(rowsAfterDrag(10, 5000, 46)).toBe(24)
    // No tracks measured: unchanged.
    expect(rowsAfterDrag(4, 300, 0)).toBe(4)
  })

  it('reads a row track and its gap from the grid’s computed style', () => {
    expect(rowStepOf({ gridAutoRows: '36px', rowGap: '10px' })).toBe(46)
    expect(rowStepOf({ gridAutoRows: 'auto', rowGap: 'normal' })).toBe(0)
  })

  it('keeps the new height in the arrangement, a fill panel’s as rows of its own', () => {
    expect(reshaped(arrangement, 'stage', 9)[0]).toEqual({ panel: 'stage', span: 2, rows: 9 })
    expect(reshaped(arrangement, 'notice', 0)[3]).toEqual({ panel: 'notice', span: 1, rows: 1 })
    expect(reshaped(arrangement, 'notice', 99)[3]).toEqual({ panel: 'notice', span: 1, rows: 24 })
  })

  it('spans what is left of the screen below a fill panel’s top, in whole tracks', () => {
    // 1440×900: a grid 740 px tall with 10 px of padding, tracks of 36 and gaps of 10.
    const view = { viewHeight: 740, paddingTop: 10, paddingBottom: 10, rowStep: 46, rowGap: 10 }
    // From the top: (740 − 10 − 10 + 10) / 46 = 15.9 → 15 tracks, 680 px: the bottom 40 px spare.
    expect(fillRows({ ...view, top: 10 })).toBe(15)
    // Below a slim bar of one track.
    expect(fillRows({ ...view, top: 56 })).toBe(14)
    // Below a tall panel (5 tracks) in a small window too little is left: a screen's
    // worth, from the top.
    expect(fillRows({ ...view, viewHeight: 480, top: 240 })).toBe(10)
    // A tiny window: never fewer than the least a fill panel takes.
    expect(fillRows({ ...view, viewHeight: 200, top: 10 })).toBe(FILL_ROWS_MIN)
    // A very tall one: never more than a panel may be.
    expect(fillRows({ ...view, viewHeight: 4000, top: 10 })).toBe(24)
  })
})
