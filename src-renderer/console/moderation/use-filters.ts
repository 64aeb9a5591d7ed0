import { useCallback, useEffect, useState } from 'react'
import type { ContractError, FiltersSnapshot } from '../../../src-shared/contract'
import type { Api } from '../../shared/contract-client'

/**
 * The Filters panel's mirror of main: the snapshot, read again on every (re)connect, replaced by
 * `filters:changed` when any console changes the rules.
 */
export function useFilters(api: Api) {
  const [snapshot, setSnapshot] = useState<FiltersSnapshot | null>(null)
  const [loadError, setLoadError] = useState<ContractError | null>(null)

  const reload = useCallback(async () => {
    const result = await api.call('filters:get-snapshot', {})
    if (result.ok) {
      setLoadError(null)
      setSnapshot(result.value)
    } else setLoadError(result.error)
  }, [api])

  useEffect(() => {
    const offLink = api.onLink((link) => {
      if (link === 'open') void reload()
    })
    const offChanged = api.on('filters:changed', (next) => setSnapshot(next))
    return () => {
      offLink()
      offChanged()
    }
  }, [api, reload])

  return { snapshot, setSnapshot, loadError }
}
