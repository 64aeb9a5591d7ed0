import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { ContractError, ContractEvent } from '../../src-shared/contract'
import type { Api, LinkState } from '../shared/api'
import { initialRoomState, roomReducer } from './room-state'

/** How long main's events wait for a frame before they are applied anyway (a hidden window). */
const HIDDEN_FLUSH_MS = 100

/**
 * The room as the console mirrors it: main's snapshot on every (re)connect of the link, main's
 * events after. Nothing here keeps time or decides; main does (console/room/room-session.ts).
 */
export function useRoom(api: Api) {
  const [state, dispatch] = useReducer(roomReducer, initialRoomState)
  const [link, setLink] = useState<LinkState>(api.link)
  const [loadError, setLoadError] = useState<ContractError | null>(null)

  // Main's batches, gathered into one state change a frame (issue 15 §4: at 1,000 lines a second a
  // render per batch drew the chat more often than the screen shows it). A hidden window runs no
  // frames, so a timer takes over.
  const pending = useRef<ContractEvent[]>([])
  const flush = useCallback(() => {
    const events = pending.current
    if (events.length === 0) return
    pending.current = []
    dispatch({ type: 'events', events })
  }, [])
  useEffect(() => {
    let frame = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      frame = 0
      timer = undefined
      flush()
    }
    const unsubscribe = api.onBatch((events) => {
      for (const event of events) pending.current.push(event)
      if (timer !== undefined) return
      frame = requestAnimationFrame(run)
      timer = setTimeout(run, HIDDEN_FLUSH_MS)
    })
    return () => {
      unsubscribe()
      run()
    }
  }, [api, flush])

  useEffect(() => {
    let alive = true
    const unsubscribe = api.onLink((next) => {
      setLink(next)
      if (next !== 'open') return
      void api.call('room:get-snapshot', {}).then((result) => {
        if (!alive) return
        if (result.ok) {
          // Events already here are older than the snapshot: they go first.
          flush()
          setLoadError(null)
          dispatch({ type: 'snapshot', snapshot: result.value })
        } else setLoadError(result.error)
      })
    })
    return () => {
      alive = false
      unsubscribe()
    }
  }, [api, flush])

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
