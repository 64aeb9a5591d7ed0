import { useLayoutEffect, useState } from 'react'
import { chooseArrangement, type MonitorArrangement } from './monitor-layout'

/**
 * The arrangement for the box its `box` ref is put on, holding the health block its `health` ref is
 * put on, measured again whenever either changes size (a window resize, a panel's new rows or
 * columns, a health problem's line). The refs are callbacks: the Stage draws the two only once its
 * snapshot is in, and the measuring starts then.
 */
export function useMonitorArrangement(): {
  box: (element: HTMLDivElement | null) => void
  health: (element: HTMLDivElement | null) => void
  arrangement: MonitorArrangement
} {
  const [box, setBox] = useState<HTMLDivElement | null>(null)
  const [health, setHealth] = useState<HTMLDivElement | null>(null)
  const [arrangement, setArrangement] = useState<MonitorArrangement>('stacked')
  useLayoutEffect(() => {
    if (!box || !health) return
    const measure = () =>
      setArrangement((now) =>
        chooseArrangement({
          arrangement: now,
          width: box.clientWidth,
          height: box.clientHeight,
          healthHeight: health.offsetHeight,
        }),
      )
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    observer.observe(health)
    return () => observer.disconnect()
  }, [box, health])
  return { box: setBox, health: setHealth, arrangement }
}
