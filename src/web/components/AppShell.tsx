import { Suspense, useEffect, useId, useRef, useState } from 'react'
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import type { Locale } from '../../modules/organisation/organisation.schema.js'
import { api } from '../api/client.js'
import { hasAnyRole, useSession } from '../api/session.js'
import { NotificationBell } from '../features/notifications/NotificationBell.js'
import { useLocale, useT } from '../i18n/i18n.js'
import { type AppRoute, appRoutes, externalLinks } from '../routes.js'
import { Loading } from './Feedback.js'

/**
 * The institution's name as the server announces it (`GET /auth/providers`, asked once per page
 * load), falling back to the `<meta name="liaison-institution">` tag and then a neutral text.
 */
function useInstitutionName(): string {
  const t = useT()
  const [name, setName] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    api.auth
      .providers()
      .then((providers) => {
        if (!cancelled) setName(providers.institution.name.trim() || null)
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [])
  const meta = document.querySelector('meta[name="liaison-institution"]')?.getAttribute('content')?.trim()
  return name || meta || t('app.institutionFallback')
}

/** The DE / EN switch; signed-in users also get the choice saved in their profile. */
function LanguageSwitch() {
  const { locale, setLocale } = useLocale()
  const { user, updateUser } = useSession()
  const t = useT()
  const choose = (next: Locale) => {
    if (next === locale) return
    setLocale(next)
    if (user) {
      api.me
        .update({ locale: next })
        .then(updateUser)
        .catch(() => undefined)
    }
  }
  const options: { value: Locale; short: string }[] = [
    { value: 'de', short: 'DE' },
    { value: 'en', short: 'EN' },
  ]
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('header.language')}</legend>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          lang={option.value}
          className="lang-switch__option"
          aria-pressed={locale === option.value}
          aria-label={t(`locale.${option.value}`)}
          onClick={() => choose(option.value)}
        >
          {option.short}
        </button>
      ))}
    </fieldset>
  )
}

function NavItems({ routes }: { routes: AppRoute[] }) {
  const t = useT()
  const { user } = useSession()
  const visible = routes.filter((route) => route.inNavigation !== false && hasAnyRole(user, route.roles))
  return (
    <ul className="nav__list">
      {visible.map((route) => {
        const children = (route.children ?? []).filter(
          (child) => child.inNavigation !== false && hasAnyRole(user, child.roles),
        )
        return (
          <li key={route.path} className="nav__item">
            <NavLink to={route.path} end={route.path === '/' || children.length > 0} className="nav__link">
              {t(route.label)}
            </NavLink>
            {children.length > 0 && (
              <ul className="nav__sublist">
                {children.map((child) => (
                  <li key={child.path}>
                    <NavLink to={child.path} className="nav__link nav__link--sub">
                      {t(child.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            )}
          </li>
        )
      })}
    </ul>
  )
}

/** The frame around every page: skip link, header, navigation (collapsible on small screens), main and footer. */
export function AppShell() {
  const t = useT()
  const { state, user, signOut } = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const institution = useInstitutionName()
  const [isMenuOpen, setMenuOpen] = useState(false)
  const navId = useId()
  const mainRef = useRef<HTMLElement>(null)
  const firstRender = useRef(true)

  // After an in-app navigation, move focus to the new page so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every page change by design.
  useEffect(() => {
    setMenuOpen(false)
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    mainRef.current?.focus({ preventScroll: false })
  }, [location.pathname])

  const isSignedIn = state.status === 'signedIn'

  return (
    <div className={isSignedIn ? 'app app--with-nav' : 'app'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          {isSignedIn && (
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={isMenuOpen}
              aria-controls={navId}
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span className="menu-toggle__bars" aria-hidden="true" />
              {t('nav.menu')}
            </button>
          )}
          <NavLink to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              L
            </span>
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__institution">{institution}</span>
            </span>
          </NavLink>
          <div className="topbar__tools">
            {isSignedIn && <NotificationBell />}
            <LanguageSwitch />
            {user && (
              <div className="user-menu">
                <span className="user-menu__name" title={t('header.signedInAs', { name: user.displayName })}>
                  <span className="user-menu__avatar" aria-hidden="true">
                    {user.displayName.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="user-menu__label">{user.displayName}</span>
                </span>
                <button
                  type="button"
                  className="button button--on-dark button--small"
                  onClick={async () => {
                    await signOut().catch(() => undefined)
                    navigate('/login', { replace: true })
                  }}
                >
                  {t('header.logout')}
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      <div className="layout">
        {isSignedIn && (
          <nav id={navId} className={isMenuOpen ? 'nav nav--open' : 'nav'} aria-label={t('nav.label')}>
            <div className="nav__inner">
              <NavItems routes={appRoutes} />
              <ul className="nav__list nav__list--external">
                {externalLinks.map((link) => (
                  <li key={link.href} className="nav__item">
                    <a className="nav__link nav__link--external" href={link.href}>
                      {t(link.label)}
                      <span className="visually-hidden"> ({t(link.hint)})</span>
                      <span aria-hidden="true" className="nav__external-icon">
                        ↗
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        )}
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          {state.status === 'loading' ? (
            <Loading />
          ) : (
            // Pages load as chunks of their own when first opened (routes.tsx).
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          )}
        </main>
      </div>
      <footer className="footer">
        <p>
          <span>{t('app.tagline')}</span>
          <span className="footer__sep" aria-hidden="true">
            ·
          </span>
          <span>{t('app.footer')}</span>
        </p>
      </footer>
    </div>
  )
}
