import type { Api } from '../shared/api'
import { errorMessage } from '../shared/error-message'
import { t } from '../shared/i18n'
import { ChatPanel } from './ChatPanel'
import { Header } from './Header'
import { useRoom } from './use-room'

/** The director dashboard: header with the room's vitals, then the panels. */
export function App({ api }: { api: Api }) {
  const { state, link, loadError } = useRoom(api)
  // While the link to main is down, what we hold is stale: say so rather than show "Connected".
  const connection =
    link === 'open' ? state.connection : state.loaded ? 'reconnecting' : 'connecting'

  return (
    <div className="console">
      <Header
        name={state.name}
        roomId={state.roomId}
        connection={connection}
        onlineCount={state.onlineCount}
        viewerUrl={state.viewerUrl}
      />
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
      <main className="dashboard">
        <ChatPanel api={api} room={state} />
      </main>
    </div>
  )
}
