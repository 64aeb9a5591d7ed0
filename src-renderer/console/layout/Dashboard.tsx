import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import {
  rectSortingStrategy,
  SortableContext,
  sortableKeyboardCoordinates,
} from '@dnd-kit/sortable'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { PanelId, type LayoutSnapshot } from '../../../src-shared/contract'
import { t } from '../../shared/i18n'
import type { LayoutControls } from './use-layout'
import {
  columnStepOf,
  droppedAt,
  FILL_ROWS_MIN,
  fillRows,
  moved,
  reshaped,
  resized,
  rowStepOf,
} from './arrangement'
import { PanelFrame } from './PanelFrame'

/**
 * The panel under the pointer is where a dragged one lands (a panel is far larger than its
 * handle, so its own centre says little); from the keyboard, the one nearest its centre.
 */
const landing: CollisionDetection = (args) => {
  const under = pointerWithin(args)
  return under.length > 0 ? under : closestCenter(args)
}

interface DashboardProps {
  layout: LayoutSnapshot | null
  controls: LayoutControls
  /** Each panel's content; a falsy one is not shown in this console (another role's). */
  panels: Record<PanelId, ReactNode>
  /** The name each panel's tools, handles and placeholder go by: its own title. */
  nameOf(panel: PanelId): string
  /** Panels drawn as one slim track whatever their rows (the delivery meter's one line). */
  slim?: ReadonlySet<PanelId>
  onPopOut(panel: PanelId): void
}

/**
 * The dashboard's grid (issue 15 §1): main's arrangement drawn in order, each panel in its frame.
 * A panel is dragged by its handle to another place (@dnd-kit/sortable: pointer or keyboard, the
 * others shifting to preview where it lands), widened by dragging its right edge and made taller
 * by dragging its bottom one; the drop asks main for the new arrangement, and what main answers is
 * what is drawn. The grid's rows are small tracks, so a slim panel stays slim beside a tall one and
 * the panels after it stack below it; a `fill` panel spans what is left of the screen below where
 * it starts, measured here after each layout and whenever the window changes size.
 */
export function Dashboard({ layout, controls, panels, nameOf, slim, onPopOut }: DashboardProps) {
  const grid = useRef<HTMLElement>(null)
  const [fills, setFills] = useState<ReadonlyMap<PanelId, number>>(new Map())
  const [viewHeight, setViewHeight] = useState(0)
  // Measures in a row that changed the fill rows, since the layout or the window last changed: a
  // guard, should a fill panel's height ever move where it starts (it settles in one per panel).
  const passes = useRef(0)
  useEffect(() => {
    passes.current = 0
  }, [layout, viewHeight, slim])
  const shown = useCallback((id: PanelId) => Boolean(panels[id]), [panels])
  const placed = (layout?.panels ?? []).filter((p) => shown(p.panel))
  const sensors = useSensors(
    // A few pixels before a drag starts, so a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const accessibility = useMemo(() => {
    const name = (id: UniqueIdentifier | undefined) => {
      const panel = PanelId.safeParse(id)
      return panel.success ? nameOf(panel.data) : ''
    }
    const announcements: Announcements = {
      onDragStart: ({ active }) => t('layout.dnd.picked', { panel: name(active.id) }),
      onDragOver: ({ active, over }) =>
        over ? t('layout.dnd.over', { panel: name(active.id), target: name(over.id) }) : undefined,
      onDragEnd: ({ active, over }) =>
        over && over.id !== active.id
          ? t('layout.dnd.dropped', { panel: name(active.id), target: name(over.id) })
          : t('layout.dnd.droppedHere', { panel: name(active.id) }),
      onDragCancel: ({ active }) => t('layout.dnd.cancelled', { panel: name(active.id) }),
    }
    return { announcements, screenReaderInstructions: { draggable: t('layout.dnd.instructions') } }
  }, [nameOf])

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const panel = PanelId.safeParse(active.id)
    const target = PanelId.safeParse(over?.id)
    if (!layout || !panel.success || !target.success || panel.data === target.data) return
    controls.arrange(droppedAt(layout.panels, panel.data, target.data, shown))
  }
  const columnStep = () => (grid.current ? columnStepOf(getComputedStyle(grid.current)) : 0)
  const rowStep = () => (grid.current ? rowStepOf(getComputedStyle(grid.current)) : 0)

  // A new size of the window (or of the bands above the grid) measures the fill panels again.
  useEffect(() => {
    const element = grid.current
    if (!element) return
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  // After each new arrangement, slim set or window size (the tracks are fixed, so nothing else
  // moves a panel): each fill panel's rows from where it starts now. The panels are placed in
  // order, so a pass settles at least the first fill panel whose rows were stale, and it settles.
  useLayoutEffect(() => {
    const element = grid.current
    if (!element) return
    const style = getComputedStyle(element)
    const view = {
      viewHeight: element.clientHeight,
      paddingTop: Number.parseFloat(style.paddingTop) || 0,
      paddingBottom: Number.parseFloat(style.paddingBottom) || 0,
      rowStep: rowStepOf(style),
      rowGap: Number.parseFloat(style.rowGap) || 0,
    }
    const next = new Map<PanelId, number>()
    for (const cell of element.querySelectorAll<HTMLElement>(':scope > [data-fill]')) {
      const panel = PanelId.safeParse(cell.dataset.panel)
      if (panel.success) next.set(panel.data, fillRows({ ...view, top: cell.offsetTop }))
    }
    const changed = next.size !== fills.size || [...next].some(([id, n]) => fills.get(id) !== n)
    if (changed && passes.current++ < PanelId.options.length) setFills(next)
  }, [layout, viewHeight, slim, fills])

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={landing}
      accessibility={accessibility}
      onDragEnd={onDragEnd}
    >
      <SortableContext items={placed.map((p) => p.panel)} strategy={rectSortingStrategy}>
        <main className="dashboard" ref={grid}>
          {placed.map(({ panel, span, rows }, index) => (
            <PanelFrame
              key={panel}
              panel={panel}
              name={nameOf(panel)}
              span={span}
              rows={rows === 'fill' ? (fills.get(panel) ?? FILL_ROWS_MIN) : rows}
              fill={rows === 'fill'}
              slim={slim?.has(panel) ?? false}
              first={index === 0}
              last={index === placed.length - 1}
              poppedOut={layout?.poppedOut.includes(panel) ?? false}
              columnStep={columnStep}
              rowStep={rowStep}
              onMove={(by) => layout && controls.arrange(moved(layout.panels, panel, by, shown))}
              onSpan={(next) => layout && controls.arrange(resized(layout.panels, panel, next))}
              onRows={(next) => layout && controls.arrange(reshaped(layout.panels, panel, next))}
              onPopOut={() => onPopOut(panel)}
              onDock={() => controls.dock(panel)}
            >
              {panels[panel]}
            </PanelFrame>
          ))}
        </main>
      </SortableContext>
    </DndContext>
  )
}
