import { useEffect, useState } from 'react'
import type { Api } from '../../shared/api'
import { useSnapshot } from '../../shared/use-snapshot'
import { appendHealth, type HealthSample } from './health-history'

/** The Stage panel's mirror of main: the snapshot on every (re)connect, status events after. */
export function useStage(api: Api) {
  const {
    value: stage,
    setValue: setStage,
    error: loadError,
    reload,
  } = useSnapshot(api, 'stage:get-snapshot')
  const [history, setHistory] = useState<HealthSample[]>([])

  useEffect(
    () =>
      api.on('stream:status-changed', (status) => {
        setStage((current) => (current ? { ...current, status } : current))
        setHistory((h) => appendHealth(h, status, Date.now()))
      }),
    [api, setStage],
  )
  // Main learned something that changes what the Stage offers (TRTC's SDK did not load).
  useEffect(() => api.on('stage:changed', (snapshot) => setStage(snapshot)), [api, setStage])

  return { stage, setStage, history, loadError, reload }
}
