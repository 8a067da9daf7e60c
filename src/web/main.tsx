import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { App } from './App.js'
import { SessionProvider } from './api/session.js'
import { LocaleProvider } from './i18n/i18n.js'
import './styles/app.css'
// Feature styles load with the app, not with the page chunk that first imports them: pages are
// loaded on demand (routes.tsx) and one may be opened before the page that brought its styles.
import './features/knowledge/knowledge.css'
import './features/training/training.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html must contain <div id="root">')

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <LocaleProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </LocaleProvider>
    </BrowserRouter>
  </StrictMode>,
)
