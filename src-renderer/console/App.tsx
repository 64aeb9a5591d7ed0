import { useState } from 'react'
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

/** The director dashboard: header with the room's vitals, then the panels. */
export function App({ api }: { api: Api }) {
  const { state, link, loadError, refreshMembers } = useRoom(api)
  const [status, setStatus] = useState('')
  const [muteAllBusy, setMuteAllBusy] = useState(false)
  const moderation = useModeration(api, state, setStatus)
  const identity = useIdentity(api)
  // A moderator's console: moderation panels only (main refuses the rest too).
  const owner = identity?.role === 'owner'
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

  return (
    <div className="console">
      <Header
        name={state.name}
        roomId={state.roomId}
        connection={connection}
        online={state.online}
        viewerUrl={state.viewerUrl}
        muteAll={state.muteAll}
        muteAllEnabled={
          state.loaded && link === 'open' && !muteAllBusy && identity?.role !== 'moderator'
        }
        onMuteAllChange={(on) => void setMuteAll(on)}
      />
      {owner && <DirectorStrip api={api} room={state} />}
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
      <ModeratorBanner identity={identity} />
      <div className="console-settings">
        {owner && <ConsoleAccessSection api={api} />}
        {owner && <RoomConnectionSection api={api} />}
        <details className="stage-settings console-display">
          <summary>{t('appearance.title')}</summary>
          <AppearanceControls page="console" />
        </details>
        {owner && <HotkeySettingsSection api={api} />}
      </div>
      <DeliveryMeter delivery={state.delivery} />
      <main className="dashboard">
        {owner && <StagePanel api={api} />}
        <ChatPanel
          api={api}
          room={roomView}
          status={status}
          openKey={moderation.openKey}
          onModerate={moderation.toggleMenu}
          onAct={moderation.act}
          canSend={owner}
        />
        <MembersPanel
          room={roomView}
          openKey={moderation.openKey}
          onModerate={moderation.toggleMenu}
          onRefresh={refreshMembers}
        />
        <ReviewQueuePanel api={api} />
        <FiltersPanel api={api} />
        <AuditLogPanel api={api} />
        {owner && <ModeratorsPanel api={api} />}
        {owner && <GiftsPanel api={api} />}
        {owner && <ShowColumn api={api} room={state} />}
        {owner && <TimelinePanel api={api} />}
      </main>
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
