import { describe, expect, it } from 'vitest'
import { chooseArrangement } from '../../../src-renderer/console/stage/monitor-layout'

// The Stage's box at the Anchor preset (measured in Chromium): the monitor's share plus the health
// under it, whose block is 124 px tall stacked and about twice that beside the monitor.
describe('chooseArrangement', () => {
  it('keeps the health under the monitor in a tall panel (1440×900)', () => {
    // Stacked, the picture is 385 px high and 684 wide; beside, at most 610 wide.
    expect(
      chooseArrangement({ arrangement: 'stacked', width: 920, height: 517, healthHeight: 124 }),
    ).toBe('stacked')
  })

  it('moves the health beside the monitor in a wide, short panel (1280×720)', () => {
    // Stacked, the picture is 160 px high (284 wide); beside, 497 wide.
    expect(
      chooseArrangement({ arrangement: 'stacked', width: 805, height: 292, healthHeight: 124 }),
    ).toBe('side')
  })

  it('stays beside once there, measured with the taller column', () => {
    expect(
      chooseArrangement({ arrangement: 'side', width: 805, height: 292, healthHeight: 248 }),
    ).toBe('side')
  })

  it('goes back under the monitor when the panel is narrowed to one column', () => {
    expect(
      chooseArrangement({ arrangement: 'side', width: 400, height: 292, healthHeight: 248 }),
    ).toBe('stacked')
  })

  it('never puts a column beside the monitor that is taller than the box (the Stage would scroll)', () => {
    expect(
      chooseArrangement({ arrangement: 'stacked', width: 1400, height: 230, healthHeight: 124 }),
    ).toBe('stacked')
  })

  it('does not flip back and forth near the even point', () => {
    // Either way the picture is within 10 % of the other's (352 and 370 px wide): it stays put.
    const near = { width: 678, height: 330, healthHeight: 124 }
    expect(chooseArrangement({ ...near, arrangement: 'stacked' })).toBe('stacked')
    expect(chooseArrangement({ ...near, arrangement: 'side', healthHeight: 248 })).toBe('side')
  })

  it('keeps what it has before the box is laid out', () => {
    expect(chooseArrangement({ arrangement: 'side', width: 0, height: 0, healthHeight: 0 })).toBe(
      'side',
    )
  })
})
