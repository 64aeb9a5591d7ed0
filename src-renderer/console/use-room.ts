import { useCallback, useEffect, useReducer, useState } from 'react'
import type { ContractError } from '../../src-shared/contract'
import type { Api, LinkState } from '../shared/api'
import { initialRoomState, roomReducer } from './room-state'

/**
 * The room as the console mirrors it: main's snapshot on every (re)connect of the link, main's
 * events after. Nothing here keeps time or decides; main does (console/room/room-session.ts).
 */
export function useRoom(api: Api) {
  const [state, dispatch] = useReducer(roomReducer, initialRoomState)
  const [link, setLink] = useState<LinkState>(api.link)
  const [loadError, setLoadError] = useState<ContractError | null>(null)

  useEffect(() => api.onBatch((events) => dispatch({ type: 'events', events })), [api])

  useEffect(() => {
    let alive = true
    const unsubscribe = api.onLink((next) => {
      setLink(next)
      if (next !== 'open') return
      void api.call('room:get-snapshot', {}).then((result) => {
        if (!alive) return
        if (result.ok) {
          setLoadError(null)
          dispatch({ type: 'snapshot', snapshot: result.value })
        } else setLoadError(result.error)
      })
    })
    return () => {
      alive = false
      unsubscribe()
    }
  }, [api])

  /**
   * Asks main to read the room's member list now (the new list arrives as an event, to every
   * console); resolves to an error to show, or null.
   */
  const refreshMembers = useCallback(async (): Promise<ContractError | null> => {
    const result = await api.call('room:get-members', {})
    return result.ok ? null : result.error
  }, [api])

  return { state, link, loadError, refreshMembers }
}
