import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react'
import { roleMay, type PanelId } from '../../src-shared/contract'
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
// The show's own panels (issue 12), each placed on its own (issue 15 §1).
import { AudiencePanel } from './room-state/AudiencePanel'
import { LevelRulesPanel } from './room-state/LevelRulesPanel'
import { LotteryPanel } from './room-state/LotteryPanel'
import { NoticePanel } from './room-state/NoticePanel'
import { RoomStatePanel } from './room-state/RoomStatePanel'
import './room-state/show-column.css'
// Keyboard shortcuts (issue 15 §2).
import { HotkeysRuntime } from './hotkeys/HotkeysRuntime'
import { HotkeySettingsSection } from './hotkeys/HotkeySettings'
// Moderators with their own identities (issue 13 §4).
import { ModeratorsPanel } from './moderators/ModeratorsPanel'
import { ModeratorBanner, useIdentity } from './moderators/identity'
// The console's frame: presets, arrangement, pop-outs (issue 15 §1, §2).
import { Dashboard } from './layout/Dashboard'
import { LayoutPicker } from './layout/LayoutPicker'
import { PopOutTools } from './layout/PopOutTools'
import { openPopOut, poppedOutPanels } from './layout/pop-out'
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
  roomState: 'roomState.title',
  notice: 'notice.title',
  lottery: 'lottery.title',
  audience: 'audience.title',
  levels: 'levelRules.title',
  timeline: 'timeline.title',
  delivery: 'load.title',
} as const satisfies Record<PanelId, string>
const nameOf = (panel: PanelId) => t(panelNames[panel])
/** What the dashboard draws as one slim track: the delivery meter's line, whatever the load. */
const slimPanels: ReadonlySet<PanelId> = new Set(['delivery'])

/** The director dashboard: header with the room's vitals, then the panels. */
export function App({ api }: { api: Api }) {
  const { state, link, loadError, refreshMembers } = useRoom(api)
  const [status, setStatus] = useState('')
  const [muteAllBusy, setMuteAllBusy] = useState(false)
  const moderation = useModeration(api, state, setStatus)
  const identity = useIdentity(api)
  const layouts = useLayout(api, identity, setStatus)
  // A pop-out window (`?panel=chat`) shows that panel and holds it while it is open.
  const [alone] = useState(poppedOutPanels)
  const { holdPoppedOut } = layouts
  useEffect(() => {
    if (alone.length === 0) return
    return api.onLink((open) => {
      // Again after a reconnect: the connection that held it has ended and docked it.
      if (open === 'open') for (const panel of alone) holdPoppedOut(panel)
    })
  }, [api, alone, holdPoppedOut])
  // Docked back from the main window once main had it popped out: nothing left to show here.
  const held = useRef(false)
  const holding = alone.some((panel) => layouts.layout?.poppedOut.includes(panel) ?? false)
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
    roomState: owner && <RoomStatePanel api={api} state={state.liveState} />,
    notice: owner && <NoticePanel api={api} notice={state.notice} />,
    lottery: owner && <LotteryPanel api={api} lottery={state.lottery} />,
    audience: owner && <AudiencePanel audience={state.audience} />,
    levels: owner && <LevelRulesPanel api={api} />,
    timeline: owner && <TimelinePanel api={api} />,
    delivery: <DeliveryMeter delivery={state.delivery} />,
  }
  const layout = layouts.layout

  const dashboard = (
    <Dashboard
      layout={layout}
      controls={layouts}
      panels={panels}
      nameOf={nameOf}
      slim={slimPanels}
      onPopOut={(panel) => {
        if (!openPopOut(panel)) setStatus(t('layout.popOutBlocked'))
      }}
    />
  )
  const popOut = alone.length > 0 && (
    <main className="dashboard dashboard-popout">
      <PopOutTools
        api={api}
        name={alone.map(nameOf).join(', ')}
        announce={setStatus}
        onDock={() => {
          for (const panel of alone) layouts.dock(panel)
          window.close()
        }}
      />
      {alone.map((panel) => (
        <Fragment key={panel}>{panels[panel]}</Fragment>
      ))}
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
        showOnline={identity !== null && !owner}
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
