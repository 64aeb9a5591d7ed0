import { useCallback, useEffect, useReducer, useState } from 'react'
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

  // Mutes and bans expire on the client: one timer for the earliest, re-armed on every change.
  useEffect(() => {
    const ends = [nextMuteExpiry(state.mutes), nextMuteExpiry(state.bans)].filter(
      (end): end is number => end !== null,
    )
    if (ends.length === 0) return
    const next = Math.min(...ends)
    const delay = Math.min(Math.max(0, next - Date.now()) + 50, MAX_TIMER_MS)
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), delay)
    return () => clearTimeout(timer)
  }, [state.mutes, state.bans])

  /** Asks main for the room's member list now; resolves to an error to show, or null. */
  const refreshMembers = useCallback(async (): Promise<ContractError | null> => {
    const result = await api.call('room:get-members', {})
    if (!result.ok) return result.error
    dispatch({ type: 'members', members: result.value.members, now: Date.now() })
    return null
  }, [api])

  return { state, link, loadError, refreshMembers }
}
