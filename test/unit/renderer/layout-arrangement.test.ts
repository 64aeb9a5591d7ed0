import { describe, expect, it } from 'vitest'
import {
  columnStepOf,
  droppedAt,
  moved,
  resized,
  spanAfterDrag,
} from '../../../src-renderer/console/layout/arrangement'
import type { PanelId, PanelPlacement } from '../../../src-shared/contract'

const arrangement: PanelPlacement[] = [
  { panel: 'stage', span: 2 },
  { panel: 'chat', span: 1 },
  { panel: 'moderators', span: 1 },
  { panel: 'notice', span: 1 },
  { panel: 'lottery', span: 1 },
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

  it('keeps its width, and leaves the panels this console does not show in their slots', () => {
    const next = droppedAt(arrangement, 'lottery', 'chat', moderatorSees)
    expect(next).toEqual([
      { panel: 'stage', span: 2 },
      { panel: 'lottery', span: 1 },
      { panel: 'moderators', span: 1 },
      { panel: 'chat', span: 1 },
      { panel: 'notice', span: 1 },
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
    expect(resized(arrangement, 'chat', 3)[1]).toEqual({ panel: 'chat', span: 3 })
    expect(resized(arrangement, 'chat', 7)[1]).toEqual({ panel: 'chat', span: 3 })
  })
})
