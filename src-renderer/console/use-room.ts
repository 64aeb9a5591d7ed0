import { useEffect, useReducer, useState } from 'react'
import type { ContractError } from '../../src-shared/contract'
import type { Api, LinkState } from '../shared/api'
import { initialRoomState, nextMuteExpiry, roomReducer } from './room-state'

/** setTimeout's delays are 32-bit; a "permanent" mute is re-checked at this interval instead. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The room as the console mirrors it: the snapshot on every (re)connect of the link, events after.
 */
export function useRoom(api: Api) {
  const [state, dispatch] = useReducer(roomReducer, initialRoomState)
  const [link, setLink] = useState<LinkState>(api.link)
  const [loadError, setLoadError] = useState<ContractError | null>(null)

  useEffect(
    () => api.onBatch((events) => dispatch({ type: 'events', events, now: Date.now() })),
    [api],
  )

  useEffect(() => {
    let alive = true
    const unsubscribe = api.onLink((next) => {
      setLink(next)
      if (next !== 'open') return
      void api.call('room:get-snapshot', {}).then((result) => {
        if (!alive) return
        if (result.ok) {
          setLoadError(null)
          dispatch({ type: 'snapshot', snapshot: result.value, now: Date.now() })
        } else setLoadError(result.error)
      })
    })
    return () => {
      alive = false
      unsubscribe()
    }
  }, [api])

  // Mutes expire on the client: one timer for the earliest, re-armed whenever the set changes.
  useEffect(() => {
    const next = nextMuteExpiry(state.mutes)
    if (next === null) return
    const delay = Math.min(Math.max(0, next - Date.now()) + 50, MAX_TIMER_MS)
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), delay)
    return () => clearTimeout(timer)
  }, [state.mutes])

  return { state, link, loadError }
}
