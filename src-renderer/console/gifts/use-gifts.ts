import { useCallback, useEffect, useState } from 'react'
import type { ContractError, GiftsSnapshot } from '../../../src-shared/contract'
import type { Api } from '../../shared/api'

/**
 * The Gifts panel's state, mirrored from main (console/gifts/gift-feed-service.ts): its snapshot
 * at every (re)connect of the link, then `gifts:changed`. Nothing is counted here.
 */
export function useGifts(api: Api) {
  const [gifts, setGifts] = useState<GiftsSnapshot | null>(null)

  useEffect(
    () =>
      api.onBatch((events) => {
        for (const event of events) {
          if (event.name === 'gifts:changed') setGifts(event.payload)
        }
      }),
    [api],
  )

  useEffect(() => {
    let alive = true
    const unsubscribe = api.onLink((next) => {
      if (next !== 'open') return
      void api.call('gifts:get-snapshot', {}).then((result) => {
        if (alive && result.ok) setGifts(result.value)
      })
    })
    return () => {
      alive = false
      unsubscribe()
    }
  }, [api])

  /** Marks a combo thanked for every console; resolves to an error to show, or null. */
  const markThanked = useCallback(
    async (comboId: string): Promise<ContractError | null> => {
      const result = await api.call('gifts:mark-thanked', { comboId })
      if (result.ok) setGifts(result.value)
      return result.ok ? null : result.error
    },
    [api],
  )

  return { gifts, markThanked }
}
