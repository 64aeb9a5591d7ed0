import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { api } from '../shared/api'
import { bootAppearance } from '../shared/appearance'
import { bootPage, rootElement } from '../shared/boot'
import { App } from './App'
import '../shared/base.css'
import './console.css'
import '../shared/themes.css'

bootPage()
bootAppearance('console')
createRoot(rootElement()).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
)
