import { DndContext, PointerSensor, useDraggable, useSensor, useSensors } from '@dnd-kit/core'
import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { useRef, useState, type ReactNode } from 'react'
import {
  PANEL_ROWS_MAX,
  PANEL_ROWS_MIN,
  PANEL_SPAN_MAX,
  PANEL_SPAN_MIN,
  type PanelId,
} from '../../../src-shared/contract'
import { t } from '../../shared/i18n'
import { rowsAfterDrag, spanAfterDrag } from './arrangement'

interface PanelFrameProps {
  panel: PanelId
  name: string
  span: number
  /** How many row tracks it spans now (a `fill` panel's, measured by the dashboard). */
  rows: number
  /** Whether its height is the rest of the screen (`fill`) rather than rows of its own. */
  fill: boolean
  /** It has nothing to say now: one slim track whatever its rows, and no height to drag. */
  slim: boolean
  first: boolean
  last: boolean
  poppedOut: boolean
  /** One grid column and its gap, in CSS pixels (what a drag on the edge snaps to). */
  columnStep(): number
  /** One row track and its gap, in CSS pixels (what a drag on the bottom edge snaps to). */
  rowStep(): number
  onMove(by: -1 | 1): void
  onSpan(span: number): void
  onRows(rows: number): void
  onPopOut(): void
  onDock(): void
  children: ReactNode
}

/**
 * One panel's place on the dashboard (issue 15 §1, §2): its width in columns and height in row
 * tracks, its tools — a handle to drag it elsewhere, the buttons that move and widen it from the
 * keyboard, pop it out — a right edge to drag it wider or narrower and a bottom edge to drag it
 * taller or shorter, and, while it is in a window of its own, a placeholder to dock it back. The
 * handles show plainly only while the pointer or the focus is on the panel.
 */
export function PanelFrame(props: PanelFrameProps) {
  const { panel, name, span, rows, fill, slim, first, last, poppedOut } = props
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
  // The size an edge drag would snap to, shown while it lasts; main's answer replaces it.
  const [preview, setPreview] = useState<number | null>(null)
  const [rowsPreview, setRowsPreview] = useState<number | null>(null)
  const shownSpan = preview ?? span
  const shownRows = slim ? 1 : (rowsPreview ?? rows)
  const classes = ['layout-cell']
  if (isDragging) classes.push('layout-cell-dragging')
  if (isOver && !isDragging) classes.push('layout-cell-target')
  if (preview !== null || rowsPreview !== null) classes.push('layout-cell-resizing')
  if (slim) classes.push('layout-cell-slim')

  return (
    <div
      ref={setNodeRef}
      className={classes.join(' ')}
      data-panel={panel}
      data-span={shownSpan}
      data-fill={fill && !slim ? '' : undefined}
      style={{
        gridRow: `span ${shownRows}`,
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
        axis="x"
        label={t('layout.resize', { panel: name })}
        value={span}
        min={PANEL_SPAN_MIN}
        max={PANEL_SPAN_MAX}
        valueText={(count) => t('layout.columns', { count })}
        step={props.columnStep}
        snap={spanAfterDrag}
        onPreview={setPreview}
        onChange={props.onSpan}
      />
      {!slim && (
        <ResizeEdge
          axis="y"
          label={t('layout.resizeHeight', { panel: name })}
          value={rows}
          min={PANEL_ROWS_MIN}
          max={PANEL_ROWS_MAX}
          valueText={(count) =>
            fill ? t('layout.rowsFill', { count }) : t('layout.rows', { count })
          }
          step={props.rowStep}
          snap={rowsAfterDrag}
          onPreview={setRowsPreview}
          onChange={props.onRows}
        />
      )}
    </div>
  )
}

interface ResizeEdgeProps {
  /** `x`: the right edge, in columns; `y`: the bottom edge, in row tracks. */
  axis: 'x' | 'y'
  label: string
  value: number
  min: number
  max: number
  valueText(value: number): string
  /** One column or row track and its gap, in CSS pixels. */
  step(): number
  /** The value a drag of `delta` pixels snaps to. */
  snap(value: number, delta: number, step: number): number
  onPreview(value: number | null): void
  onChange(value: number): void
}

/**
 * A panel's right or bottom edge: dragged, it snaps the panel to whole columns or row tracks (the
 * grid reflows as it goes, so the drop is previewed); from the keyboard, the arrow keys do the same
 * a column or a track at a time. Its own drag context, so an edge drag is never taken for moving
 * the panel.
 */
function ResizeEdge(props: ResizeEdgeProps) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 2 } }))
  // Measured as the drag starts: the grid's tracks do not change while it lasts.
  const step = useRef(0)
  const along = (delta: { x: number; y: number }) => (props.axis === 'x' ? delta.x : delta.y)
  const finish = (delta: number | null) => {
    props.onPreview(null)
    if (delta === null) return
    const next = props.snap(props.value, delta, step.current)
    if (next !== props.value) props.onChange(next)
  }
  return (
    <DndContext
      sensors={sensors}
      // The bottom edge is often at the foot of the dashboard: no scrolling it while dragging.
      autoScroll={false}
      onDragStart={() => (step.current = props.step())}
      onDragMove={({ delta }) =>
        props.onPreview(props.snap(props.value, along(delta), step.current))
      }
      onDragEnd={({ delta }) => finish(along(delta))}
      onDragCancel={() => finish(null)}
    >
      <EdgeGrip {...props} />
    </DndContext>
  )
}

function EdgeGrip({ axis, label, value, min, max, valueText, onChange }: ResizeEdgeProps) {
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `edge-${axis}` })
  const [less, more] = axis === 'x' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown']
  const classes = ['layout-resize', `layout-resize-${axis}`]
  if (isDragging) classes.push('layout-resize-active')
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      className={classes.join(' ')}
      role="separator"
      tabIndex={0}
      // A separator's orientation is its line's: the right edge is vertical, the bottom one not.
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      title={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={valueText(value)}
      onKeyDown={(event) => {
        const by = event.key === more ? 1 : event.key === less ? -1 : 0
        const next = Math.min(max, Math.max(min, value + by))
        if (by === 0 || next === value) return
        event.preventDefault()
        onChange(next)
      }}
    />
  )
}
