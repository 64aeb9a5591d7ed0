import { useEffect, useRef, useState, type ReactNode } from 'react'
import { roleMay, type PanelId, type PanelPlacement } from '../../src-shared/contract'
import type { Api } from '../shared/api'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { AppearanceControls } from '../shared/AppearanceControls'
import { ChatPanel } from './ChatPanel'
import { ConsoleAccessSection } from './ConsoleAccess'
import { DeliveryMeter } from './DeliveryMeter'
import { GiftsPanel } from './gifts/GiftsPanel'
import { Header } from './Header'
import { MembersPanel } from './MembersPanel'
import { RoomConnectionSection } from './RoomConnectionSettings'
import { ShowColumn } from './room-state/ShowColumn'
import { StagePanel } from './stage/StagePanel'
import { useModeration } from './use-moderation'
import { useRoom } from './use-room'
// Moderation (issue 13).
import { FiltersPanel } from './moderation/FiltersPanel'
import { ReviewQueuePanel } from './moderation/ReviewQueuePanel'
import { AuditLogPanel } from './moderation/AuditLogPanel'
// Director strip and timeline (issue 15 §1, §3).
import { DirectorStrip } from './strip/DirectorStrip'
import { TimelinePanel } from './timeline/TimelinePanel'
// Keyboard shortcuts (issue 15 §2).
import { HotkeysRuntime } from './hotkeys/HotkeysRuntime'
import { HotkeySettingsSection } from './hotkeys/HotkeySettings'
// Moderators with their own identities (issue 13 §4).
import { ModeratorsPanel } from './moderators/ModeratorsPanel'
import { ModeratorBanner, useIdentity } from './moderators/identity'
// The console's frame: presets, arrangement, pop-outs (issue 15 §1, §2).
import { LayoutPicker } from './layout/LayoutPicker'
import { PanelFrame } from './layout/PanelFrame'
import { openPopOut, poppedOutPanel } from './layout/pop-out'
import { useLayout } from './layout/use-layout'

/** The name each panel's tools and placeholder go by: the panel's own title. */
const panelNames = {
  stage: 'stage.title',
  chat: 'chat',
  members: 'members',
  review: 'review.title',
  filters: 'filters.title',
  audit: 'audit.title',
  moderators: 'moderators.title',
  gifts: 'gifts.panel',
  show: 'roomState.title',
  timeline: 'timeline.title',
} as const satisfies Record<PanelId, string>

/** `panels` with `panel` swapped with its nearest shown neighbour on the `by` side. */
function moved(
  panels: readonly PanelPlacement[],
  panel: PanelId,
  by: -1 | 1,
  shown: (id: PanelId) => boolean,
): PanelPlacement[] {
  const next = [...panels]
  const from = next.findIndex((p) => p.panel === panel)
  let to = from + by
  while (to >= 0 && to < next.length && !shown(next[to]!.panel)) to += by
  if (from < 0 || to < 0 || to >= next.length) return next
  ;[next[from], next[to]] = [next[to]!, next[from]!]
  return next
}

/** The director dashboard: header with the room's vitals, then the panels. */
export function App({ api }: { api: Api }) {
  const { state, link, loadError, refreshMembers } = useRoom(api)
  const [status, setStatus] = useState('')
  const [muteAllBusy, setMuteAllBusy] = useState(false)
  const moderation = useModeration(api, state, setStatus)
  const identity = useIdentity(api)
  const layouts = useLayout(api, identity, setStatus)
  // A pop-out window (`?panel=chat`) shows that one panel and holds it while it is open.
  const [only] = useState(poppedOutPanel)
  const { holdPoppedOut } = layouts
  useEffect(() => {
    if (!only) return
    return api.onLink((open) => {
      // Again after a reconnect: the connection that held it has ended and docked it.
      if (open === 'open') holdPoppedOut(only)
    })
  }, [api, only, holdPoppedOut])
  // Docked back from the main window once main had it popped out: nothing left to show here.
  const held = useRef(false)
  const holding = only !== null && (layouts.layout?.poppedOut.includes(only) ?? false)
  useEffect(() => {
    if (holding) held.current = true
    else if (held.current && layouts.layout) window.close()
  }, [holding, layouts.layout])
  // A moderator's console: moderation panels only (main refuses the rest too).
  const owner = identity?.role === 'owner'
  // Mute all is the host's and the admins' (role-guard.ts); a moderator's console says so.
  const muteAllRefused = identity !== null && !roleMay(identity.role, 'room:set-mute-all')
  // …and its "you" is the moderator, not the owner whose room session it mirrors.
  const roomView = identity && !owner ? { ...state, selfUserId: identity.userId } : state
  // While the link to main is down, what we hold is stale: say so rather than show "Connected".
  const connection =
    link === 'open' ? state.connection : state.loaded ? 'reconnecting' : 'connecting'

  const setMuteAll = async (on: boolean) => {
    setMuteAllBusy(true)
    const result = await api.call('room:set-mute-all', { on })
    setMuteAllBusy(false)
    if (!result.ok) setStatus(t('muteAllFailed', { reason: errorMessage(result.error) }))
    else setStatus(result.value.muteAll ? t('muteAllOnResult') : t('muteAllOffResult'))
  }

  const panels: Record<PanelId, ReactNode> = {
    stage: owner && <StagePanel api={api} />,
    chat: (
      <ChatPanel
        api={api}
        room={roomView}
        status={status}
        openKey={moderation.openKey}
        onModerate={moderation.toggleMenu}
        onAct={moderation.act}
        canSend={owner}
      />
    ),
    members: (
      <MembersPanel
        room={roomView}
        openKey={moderation.openKey}
        onModerate={moderation.toggleMenu}
        onRefresh={refreshMembers}
      />
    ),
    review: <ReviewQueuePanel api={api} />,
    filters: <FiltersPanel api={api} />,
    audit: <AuditLogPanel api={api} />,
    moderators: owner && <ModeratorsPanel api={api} />,
    gifts: owner && <GiftsPanel api={api} />,
    show: owner && <ShowColumn api={api} room={state} />,
    timeline: owner && <TimelinePanel api={api} />,
  }
  const layout = layouts.layout
  const shown = (id: PanelId) => Boolean(panels[id])
  const placed = (layout?.panels ?? []).filter((p) => shown(p.panel))

  const dashboard = (
    <main className="dashboard">
      {placed.map(({ panel, span }, index) => (
        <PanelFrame
          key={panel}
          name={t(panelNames[panel])}
          span={span}
          first={index === 0}
          last={index === placed.length - 1}
          poppedOut={layout?.poppedOut.includes(panel) ?? false}
          onMove={(by) => layout && layouts.arrange(moved(layout.panels, panel, by, shown))}
          onSpan={(next) =>
            layout &&
            layouts.arrange(
              layout.panels.map((p) => (p.panel === panel ? { ...p, span: next } : p)),
            )
          }
          onPopOut={() => {
            if (!openPopOut(panel)) setStatus(t('layout.popOutBlocked'))
          }}
          onDock={() => layouts.dock(panel)}
        >
          {panels[panel]}
        </PanelFrame>
      ))}
    </main>
  )
  const popOut = only && (
    <main className="dashboard dashboard-popout">
      <div
        className="layout-tools"
        role="toolbar"
        aria-label={t('layout.tools', { panel: t(panelNames[only]) })}
      >
        <button
          type="button"
          onClick={() => {
            layouts.dock(only)
            window.close()
          }}
        >
          {t('layout.dockBack')}
        </button>
      </div>
      {panels[only]}
    </main>
  )

  const banners = (
    <>
      {link === 'closed' && state.loaded && (
        <p className="banner banner-warning" aria-live="assertive">
          {t('linkLost')}
        </p>
      )}
      {loadError && (
        <p className="banner banner-error" role="alert">
          {errorMessage(loadError)}
        </p>
      )}
    </>
  )
  // A pop-out shows its panel and what it needs to speak, not the director's frame around it.
  if (popOut)
    return (
      <div className="console">
        {banners}
        {popOut}
        {moderation.overlay}
      </div>
    )

  return (
    <div className="console">
      <Header
        name={state.name}
        roomId={state.roomId}
        connection={connection}
        online={state.online}
        viewerUrl={state.viewerUrl}
        muteAll={state.muteAll}
        muteAllEnabled={state.loaded && link === 'open' && !muteAllBusy && !muteAllRefused}
        muteAllNote={muteAllRefused ? t('safety.notForRole') : undefined}
        onMuteAllChange={(on) => void setMuteAll(on)}
      />
      {owner && <DirectorStrip api={api} room={state} />}
      {banners}
      <ModeratorBanner identity={identity} />
      <div className="console-settings">
        {owner && <ConsoleAccessSection api={api} />}
        {owner && <RoomConnectionSection api={api} />}
        <details className="stage-settings console-display">
          <summary>{t('appearance.title')}</summary>
          <AppearanceControls page="console" />
        </details>
        {owner && <HotkeySettingsSection api={api} />}
        <LayoutPicker preset={layout?.preset} onChoose={(preset) => layouts.choosePreset(preset)} />
      </div>
      <DeliveryMeter delivery={state.delivery} />
      {dashboard}
      {moderation.overlay}
      <HotkeysRuntime
        api={api}
        room={state}
        announce={setStatus}
        onMuteAll={(on) => void setMuteAll(on)}
      />
    </div>
  )
}
