import { useEffect, useMemo } from 'react'
import type {
  ConsoleIdentity,
  LayoutPreset,
  LayoutSnapshot,
  PanelArrangement,
  PanelId,
} from '../../../src-shared/contract'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'
import { useSnapshot } from '../../shared/use-snapshot'

export interface LayoutControls {
  /** Main's layout for this console's user and role; null until it answered. */
  layout: LayoutSnapshot | null
  choosePreset(preset: LayoutPreset): void
  arrange(panels: PanelArrangement): void
  dock(panel: PanelId): void
  /** Said by the pop-out window itself: main holds the panel for this window's connection. */
  holdPoppedOut(panel: PanelId): void
}

/**
 * This console's layout as main keeps it (issue 15 §1): read on every (re)connect and again when
 * main says this user's layout changed (another window of theirs, a pop-out closing).
 */
export function useLayout(
  api: Api,
  identity: ConsoleIdentity | null,
  announce: (status: string) => void,
): LayoutControls {
  const { value, setValue, reload } = useSnapshot(api, 'layout:get')

  useEffect(
    () =>
      api.on('layout:changed', ({ userId, role }) => {
        // Before this console knows who it is, any change may be its own.
        if (!identity || (userId === identity.userId && role === identity.role)) void reload()
      }),
    [api, identity, reload],
  )

  // Stable, so an effect that takes one (the pop-out's hold) runs once per link, not per render.
  const actions = useMemo(() => {
    const apply = (answer: ReturnType<Api['call']>) => {
      void answer.then((result) => {
        if (result.ok) setValue(result.value as LayoutSnapshot)
        else announce(t('layout.failed', { reason: errorMessage(result.error) }))
      })
    }
    return {
      choosePreset: (preset: LayoutPreset) => apply(api.call('layout:choose-preset', { preset })),
      arrange: (panels: PanelArrangement) => apply(api.call('layout:arrange', { panels })),
      dock: (panel: PanelId) => apply(api.call('layout:dock', { panel })),
      holdPoppedOut: (panel: PanelId) => apply(api.call('layout:pop-out', { panel })),
    }
  }, [api, setValue, announce])
  return { layout: value, ...actions }
}
