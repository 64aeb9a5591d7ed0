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
import { useCallback, useMemo, useRef, type ReactNode } from 'react'
import { PanelId, type LayoutSnapshot } from '../../../src-shared/contract'
import { t } from '../../shared/i18n'
import type { LayoutControls } from './use-layout'
import { columnStepOf, droppedAt, moved, resized } from './arrangement'
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
  onPopOut(panel: PanelId): void
}

/**
 * The dashboard's grid (issue 15 §1): main's arrangement drawn in order, each panel in its frame.
 * A panel is dragged by its handle to another place (@dnd-kit/sortable: pointer or keyboard, the
 * others shifting to preview where it lands) and widened by dragging its edge; the drop asks main
 * for the new arrangement, and what main answers is what is drawn.
 */
export function Dashboard({ layout, controls, panels, nameOf, onPopOut }: DashboardProps) {
  const grid = useRef<HTMLElement>(null)
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

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={landing}
      accessibility={accessibility}
      onDragEnd={onDragEnd}
    >
      <SortableContext items={placed.map((p) => p.panel)} strategy={rectSortingStrategy}>
        <main className="dashboard" ref={grid}>
          {placed.map(({ panel, span }, index) => (
            <PanelFrame
              key={panel}
              panel={panel}
              name={nameOf(panel)}
              span={span}
              first={index === 0}
              last={index === placed.length - 1}
              poppedOut={layout?.poppedOut.includes(panel) ?? false}
              columnStep={columnStep}
              onMove={(by) => layout && controls.arrange(moved(layout.panels, panel, by, shown))}
              onSpan={(next) => layout && controls.arrange(resized(layout.panels, panel, next))}
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
