import { useCallback, useEffect, useState } from 'react'
import type { CommandName, CommandOutput, ContractError } from '../../src-shared/contract'
import type { Api } from './contract-client'

/** Commands that take no input and answer a snapshot of main's state. */
type SnapshotCommand =
  | 'stage:get-snapshot'
  | 'room:get-connection'
  | 'app:get-access'
  | 'room:get-settings'
  | 'app:get-identity'
  | 'moderators:get-snapshot'
  | 'layout:get'

/**
 * A panel's mirror of main: `command`'s snapshot, fetched again on every (re)connect (DESIGN.md:
 * the renderer never reconstructs state from deltas across a reconnect).
 */
export function useSnapshot<N extends SnapshotCommand & CommandName>(api: Api, command: N) {
  const [value, setValue] = useState<CommandOutput<N> | null>(null)
  const [error, setError] = useState<ContractError | null>(null)

  const reload = useCallback(async () => {
    const result = await api.call(command, {} as never)
    if (result.ok) {
      setError(null)
      setValue(result.value)
    } else setError(result.error)
  }, [api, command])

  useEffect(
    () =>
      api.onLink((link) => {
        if (link === 'open') void reload()
      }),
    [api, reload],
  )

  return { value, setValue, error, reload }
}
