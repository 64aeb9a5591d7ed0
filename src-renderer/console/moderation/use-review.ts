import { useCallback, useEffect, useState } from 'react'
import type { ContractError, ReviewSnapshot } from '../../../src-shared/contract'
import type { Api } from '../../shared/contract-client'

/** The review queue's mirror of main: read on every (re)connect, replaced by `review:changed`. */
export function useReview(api: Api) {
  const [snapshot, setSnapshotState] = useState<ReviewSnapshot | null>(null)
  /** When the snapshot arrived (this page's clock): waits run on from the host's `now`. */
  const [receivedAt, setReceivedAt] = useState(0)
  const [loadError, setLoadError] = useState<ContractError | null>(null)

  const setSnapshot = useCallback((next: ReviewSnapshot) => {
    setSnapshotState(next)
    setReceivedAt(Date.now())
  }, [])

  const reload = useCallback(async () => {
    const result = await api.call('review:get-snapshot', {})
    if (result.ok) {
      setLoadError(null)
      setSnapshot(result.value)
    } else setLoadError(result.error)
  }, [api, setSnapshot])

  useEffect(() => {
    const offLink = api.onLink((link) => {
      if (link === 'open') void reload()
    })
    const offChanged = api.on('review:changed', setSnapshot)
    return () => {
      offLink()
      offChanged()
    }
  }, [api, reload, setSnapshot])

  return { snapshot, receivedAt, setSnapshot, loadError }
}
