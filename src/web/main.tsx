import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { App } from './App.js'
import { SessionProvider } from './api/session.js'
import { LocaleProvider } from './i18n/i18n.js'
import './styles/app.css'

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
