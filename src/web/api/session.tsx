import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { Role } from '../../modules/access/access.schema.js'
import type { SessionInfo } from '../../modules/auth/auth.schema.js'
import type { User } from '../../modules/organisation/organisation.schema.js'
import { readStoredLocale, useLocale } from '../i18n/i18n.js'
import { api, isApiError, setCsrfToken, setUnauthenticatedHandler } from './client.js'

/** Where the app stands with the sign-in: still asking, signed out, or signed in. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; hasSignedOut?: boolean }
  | { status: 'error'; error: unknown }
  | { status: 'signedIn'; session: SessionInfo }

interface SessionContextValue {
  state: SessionState
  /** The signed-in user, or null. */
  user: User | null
  /** Adopts a session returned by the login endpoint. */
  signIn: (session: SessionInfo) => void
  /** Ends the session on the server and locally. */
  signOut: () => Promise<void>
  /** Replaces the signed-in user after a profile change. */
  updateUser: (user: User) => void
  /** Asks the server again whether we are signed in. */
  reload: () => void
}

const SessionContext = createContext<SessionContextValue | null>(null)

/** Whether the user holds the role (for any office, when the role is office-bound). */
export function hasRole(user: User | null, role: Role): boolean {
  return user?.roles.some((grant) => grant.role === role) ?? false
}

/** Whether the user holds at least one of the roles; an empty list means "any signed-in user". */
export function hasAnyRole(user: User | null, roles: readonly Role[] | undefined): boolean {
  if (!user) return false
  if (!roles || roles.length === 0) return true
  return roles.some((role) => hasRole(user, role))
}

/** Loads the session once, keeps the CSRF token in the API client and syncs the language with the profile. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const { setLocale } = useLocale()

  const adopt = useCallback(
    (session: SessionInfo) => {
      setCsrfToken(session.csrfToken)
      setState({ status: 'signedIn', session })
      const stored = readStoredLocale()
      if (stored && stored !== session.user.locale) {
        // A language chosen on this device (e.g. on the login page) wins and becomes the profile's.
        api.me.update({ locale: stored }).catch(() => undefined)
      } else if (!stored) {
        setLocale(session.user.locale, { remember: false })
      }
    },
    [setLocale],
  )

  useEffect(() => {
    let cancelled = false
    // attempt is read so that reload() repeats this effect.
    if (attempt >= 0) setState({ status: 'loading' })
    api.auth
      .session()
      .then((session) => {
        if (!cancelled) adopt(session)
      })
      .catch((error: unknown) => {
        if (cancelled) return
        setCsrfToken(null)
        setState(isApiError(error, 401) ? { status: 'anonymous' } : { status: 'error', error })
      })
    return () => {
      cancelled = true
    }
  }, [adopt, attempt])

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null)
      setState({ status: 'anonymous' })
    })
    return () => setUnauthenticatedHandler(null)
  }, [])

  const signOut = useCallback(async () => {
    try {
      await api.auth.logout()
    } finally {
      setCsrfToken(null)
      setState({ status: 'anonymous', hasSignedOut: true })
    }
  }, [])

  const updateUser = useCallback((user: User) => {
    setState((current) =>
      current.status === 'signedIn' ? { status: 'signedIn', session: { ...current.session, user } } : current,
    )
  }, [])

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      user: state.status === 'signedIn' ? state.session.user : null,
      signIn: adopt,
      signOut,
      updateUser,
      reload: () => setAttempt((count) => count + 1),
    }),
    [state, adopt, signOut, updateUser],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

/** The session of the current visitor. */
export function useSession(): SessionContextValue {
  const context = useContext(SessionContext)
  if (!context) throw new Error('useSession must be used inside <SessionProvider>')
  return context
}
