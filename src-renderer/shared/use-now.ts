import { useEffect, useState } from 'react'

/**
 * The wall clock in Unix ms, read again every `everyMs` while `running`: what countdowns, waits
 * and "in 5 min" words need to move on without an event from main. Starting to run reads the
 * clock at once, so a countdown that begins does not show the time it last stopped at.
 */
export function useNow(everyMs: number, running = true): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const tick = () => setNow(Date.now())
    const first = setTimeout(tick, 0)
    const timer = setInterval(tick, everyMs)
    return () => {
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [everyMs, running])
  return now
}
