import { useCallback, useEffect, useState } from 'react'
import type { ContractError } from '../../../src-shared/contract'
import type { StageSnapshot } from '../../../src-shared/contract/stage'
import type { Api } from '../../shared/api'
import { appendHealth, type HealthSample } from './health-history'

/** The Stage panel's mirror of main: the snapshot on every (re)connect, status events after. */
export function useStage(api: Api) {
  const [stage, setStage] = useState<StageSnapshot | null>(null)
  const [history, setHistory] = useState<HealthSample[]>([])
  const [loadError, setLoadError] = useState<ContractError | null>(null)

  const reload = useCallback(async () => {
    const result = await api.call('stage:get-snapshot', {})
    if (result.ok) {
      setLoadError(null)
      setStage(result.value)
    } else setLoadError(result.error)
  }, [api])

  useEffect(
    () =>
      api.onLink((link) => {
        if (link === 'open') void reload()
      }),
    [api, reload],
  )

  useEffect(
    () =>
      api.on('stream:status-changed', (status) => {
        setStage((current) => (current ? { ...current, status } : current))
        setHistory((h) => appendHealth(h, status, Date.now()))
      }),
    [api],
  )

  return { stage, setStage, history, loadError, reload }
}
