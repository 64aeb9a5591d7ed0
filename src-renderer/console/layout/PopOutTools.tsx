import { useEffect, useState } from 'react'
import { LayoutCode } from '../../../src-shared/contract'
import type { Api } from '../../shared/api'
import { errorMessage } from '../../shared/error-message'
import { t } from '../../shared/i18n'

/**
 * A pop-out window's own tools (issue 15 §2): "Stay on top" where the window can (the desktop
 * app's pop-out; main answers whether it is on top, and chat's starts so), and "Dock back". A
 * browser tab cannot stay above other windows: there the toggle is not shown and the tools' title
 * says why.
 */
export function PopOutTools({
  api,
  name,
  announce,
  onDock,
}: {
  api: Api
  name: string
  announce(status: string): void
  onDock(): void
}) {
  // null: main has not answered, or this window cannot stay on top.
  const [onTop, setOnTop] = useState<boolean | null>(null)
  const [unavailable, setUnavailable] = useState(false)
  useEffect(
    () =>
      api.onLink((link) => {
        if (link !== 'open') return
        void api.call('layout:stay-on-top', {}).then((result) => {
          if (result.ok) setOnTop(result.value.on)
          else setUnavailable(result.error.code === LayoutCode.stayOnTopUnavailable)
        })
      }),
    [api],
  )
  const toggle = async () => {
    if (onTop === null) return
    const result = await api.call('layout:stay-on-top', { on: !onTop })
    if (result.ok) setOnTop(result.value.on)
    else announce(t('layout.failed', { reason: errorMessage(result.error) }))
  }
  return (
    <div
      className="layout-tools layout-tools-popout"
      role="toolbar"
      aria-label={t('layout.tools', { panel: name })}
      title={unavailable ? t('layout.stayOnTopTab') : undefined}
    >
      {onTop !== null && (
        <button
          type="button"
          className="layout-stay-on-top"
          aria-pressed={onTop}
          title={t('layout.stayOnTopHelp')}
          onClick={() => void toggle()}
        >
          {t('layout.stayOnTop')}
        </button>
      )}
      <button type="button" onClick={onDock}>
        {t('layout.dockBack')}
      </button>
    </div>
  )
}
