import { DndContext, PointerSensor, useDraggable, useSensor, useSensors } from '@dnd-kit/core'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { useRef, useState, type ReactNode } from 'react'
import { PANEL_SPAN_MAX, PANEL_SPAN_MIN, type PanelId } from '../../../src-shared/contract'
import { t } from '../../shared/i18n'
import { spanAfterDrag } from './arrangement'

interface PanelFrameProps {
  panel: PanelId
  name: string
  span: number
  first: boolean
  last: boolean
  poppedOut: boolean
  /** One grid column and its gap, in CSS pixels (what a drag on the edge snaps to). */
  columnStep(): number
  onMove(by: -1 | 1): void
  onSpan(span: number): void
  onPopOut(): void
  onDock(): void
  children: ReactNode
}

/**
 * One panel's place on the dashboard (issue 15 §1, §2): its width in columns, its tools — a handle
 * to drag it elsewhere, the buttons that move and widen it from the keyboard, pop it out — an edge
 * to drag it wider or narrower, and, while it is in a window of its own, a placeholder to dock it
 * back. The handles show plainly only while the pointer or the focus is on the panel.
 */
export function PanelFrame(props: PanelFrameProps) {
  const { panel, name, span, first, last, poppedOut } = props
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
    isOver,
  } = useSortable({ id: panel, attributes: { roleDescription: t('layout.dnd.role') } })
  // The width an edge drag would snap to, shown while it lasts; main's answer replaces it.
  const [preview, setPreview] = useState<number | null>(null)
  const shownSpan = preview ?? span
  const classes = ['layout-cell']
  if (isDragging) classes.push('layout-cell-dragging')
  if (isOver && !isDragging) classes.push('layout-cell-target')
  if (preview !== null) classes.push('layout-cell-resizing')

  return (
    <div
      ref={setNodeRef}
      className={classes.join(' ')}
      data-span={shownSpan}
      style={{
        // Translate only: a scaled panel (Stage beside a narrow one) would distort its text.
        transform: CSS.Translate.toString(transform),
        transition: transition,
      }}
    >
      <div className="layout-tools" role="toolbar" aria-label={t('layout.tools', { panel: name })}>
        <button
          type="button"
          className="layout-drag"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={t('layout.drag', { panel: name })}
          title={t('layout.drag', { panel: name })}
        >
          ⠿
        </button>
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
      <ResizeEdge
        name={name}
        span={span}
        columnStep={props.columnStep}
        onPreview={setPreview}
        onSpan={props.onSpan}
      />
    </div>
  )
}

interface ResizeEdgeProps {
  name: string
  span: number
  columnStep(): number
  onPreview(span: number | null): void
  onSpan(span: number): void
}

/**
 * The panel's right edge: dragged, it snaps the panel to 1–3 columns (the grid reflows as it goes,
 * so the drop is previewed); from the keyboard, the arrow keys do the same a column at a time. Its
 * own drag context, so an edge drag is never taken for moving the panel.
 */
function ResizeEdge(props: ResizeEdgeProps) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 2 } }))
  // Measured as the drag starts: the grid's columns do not change while it lasts.
  const step = useRef(0)
  const finish = (deltaX: number | null) => {
    props.onPreview(null)
    if (deltaX === null) return
    const next = spanAfterDrag(props.span, deltaX, step.current)
    if (next !== props.span) props.onSpan(next)
  }
  return (
    <DndContext
      sensors={sensors}
      onDragStart={() => (step.current = props.columnStep())}
      onDragMove={({ delta }) => props.onPreview(spanAfterDrag(props.span, delta.x, step.current))}
      onDragEnd={({ delta }) => finish(delta.x)}
      onDragCancel={() => finish(null)}
    >
      <EdgeGrip {...props} />
    </DndContext>
  )
}

function EdgeGrip({ name, span, onSpan }: ResizeEdgeProps) {
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: 'edge' })
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      className={isDragging ? 'layout-resize layout-resize-active' : 'layout-resize'}
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={t('layout.resize', { panel: name })}
      title={t('layout.resize', { panel: name })}
      aria-valuemin={PANEL_SPAN_MIN}
      aria-valuemax={PANEL_SPAN_MAX}
      aria-valuenow={span}
      aria-valuetext={t('layout.columns', { count: span })}
      onKeyDown={(event) => {
        const by = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
        const next = Math.min(PANEL_SPAN_MAX, Math.max(PANEL_SPAN_MIN, span + by))
        if (by === 0 || next === span) return
        event.preventDefault()
        onSpan(next)
      }}
    />
  )
}
