import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { bootAppearance } from '../shared/appearance'
import { bootPage, rootElement } from '../shared/boot'
import { t } from '../shared/i18n'
import { App } from './App'
import { roomIdFromPath } from './session'
import '../shared/base.css'
import './viewer.css'
import '../shared/themes.css'

bootPage()
bootAppearance('viewer')
const roomId = roomIdFromPath(location.pathname)
const root = createRoot(rootElement())
root.render(
  <StrictMode>
    {roomId ? <App roomId={roomId} /> : <p className="viewer-missing">{t('viewer.noRoom')}</p>}
  </StrictMode>,
)
