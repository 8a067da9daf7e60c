import type { ReactNode } from 'react'
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router'
import type { Role } from '../modules/access/access.schema.js'
import { hasAnyRole, useSession } from './api/session.js'
import { AppShell } from './components/AppShell.js'
import { Alert, ErrorState, Loading, PageHeader } from './components/Feedback.js'
import { LoginPage } from './features/auth/LoginPage.js'
import { NotFoundPage } from './features/errors/NotFoundPage.js'
import { useT } from './i18n/i18n.js'
import { flattenRoutes, publicRoutes } from './routes.js'

/** Sends visitors who are not signed in to the login page, remembering where they wanted to go. */
function RequireSession() {
  const { state, reload } = useSession()
  const location = useLocation()
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />
  if (state.status === 'anonymous') {
    const next = location.pathname + location.search
    // After signing out, the next person starts fresh instead of landing on the previous user's page.
    const shouldReturn = next !== '/' && !state.hasSignedOut
    return <Navigate to={shouldReturn ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />
  }
  return <Outlet />
}

/** Shows the page only to users with one of the roles. */
function RequireRoles({ roles, children }: { roles: readonly Role[] | undefined; children: ReactNode }) {
  const { user } = useSession()
  const t = useT()
  if (hasAnyRole(user, roles)) return children
  return (
    <>
      <PageHeader title={t('error.title')} />
      <Alert tone="warning">
        <p>{t('error.forbidden')}</p>
      </Alert>
    </>
  )
}

/** The routes of the web client: the login page, public pages, the signed-in pages from the route table, and 404. */
export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route path="/login" element={<LoginPage />} />
        {publicRoutes.map((route) => (
          <Route key={route.path} path={route.path} element={route.element} />
        ))}
        <Route element={<RequireSession />}>
          {flattenRoutes().map((route) => (
            <Route
              key={route.path}
              path={route.path}
              element={<RequireRoles roles={route.roles}>{route.element}</RequireRoles>}
            />
          ))}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
