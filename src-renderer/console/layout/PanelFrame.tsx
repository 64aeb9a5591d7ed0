import type { ReactNode } from 'react'
import { PANEL_SPAN_MAX, PANEL_SPAN_MIN } from '../../../src-shared/contract'
import { t } from '../../shared/i18n'

interface PanelFrameProps {
  name: string
  span: number
  first: boolean
  last: boolean
  poppedOut: boolean
  onMove(by: -1 | 1): void
  onSpan(span: number): void
  onPopOut(): void
  onDock(): void
  children: ReactNode
}

/**
 * One panel's place on the dashboard (issue 15 §1, §2): its width in columns, its tools to move,
 * widen and pop it out, and — while it is in a window of its own — a placeholder to dock it back.
 */
export function PanelFrame(props: PanelFrameProps) {
  const { name, span, first, last, poppedOut } = props
  return (
    <div className="layout-cell" data-span={span}>
      <div className="layout-tools" role="toolbar" aria-label={t('layout.tools', { panel: name })}>
        <button
          type="button"
          aria-label={t('layout.moveEarlier')}
          title={t('layout.moveEarlier')}
          disabled={first}
          onClick={() => props.onMove(-1)}
        >
          ‹
        </button>
        <button
          type="button"
          aria-label={t('layout.moveLater')}
          title={t('layout.moveLater')}
          disabled={last}
          onClick={() => props.onMove(1)}
        >
          ›
        </button>
        <button
          type="button"
          aria-label={t('layout.narrower')}
          title={t('layout.narrower')}
          disabled={span <= PANEL_SPAN_MIN}
          onClick={() => props.onSpan(span - 1)}
        >
          −
        </button>
        <button
          type="button"
          aria-label={t('layout.wider')}
          title={t('layout.wider')}
          disabled={span >= PANEL_SPAN_MAX}
          onClick={() => props.onSpan(span + 1)}
        >
          +
        </button>
        {!poppedOut && (
          <button type="button" className="layout-pop-out" onClick={props.onPopOut}>
            {t('layout.popOut')}
          </button>
        )}
      </div>
      {poppedOut ? (
        <div className="panel layout-placeholder">
          <p>{t('layout.poppedOut', { panel: name })}</p>
          <button type="button" className="button button-primary" onClick={props.onDock}>
            {t('layout.dockBack')}
          </button>
        </div>
      ) : (
        props.children
      )}
    </div>
  )
}
