import { type ReactNode, useEffect } from 'react'
import { isApiError } from '../api/client.js'
import { useT } from '../i18n/i18n.js'

/** A message box: errors are announced assertively, other tones politely. */
export function Alert({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'success' | 'warning' | 'error'
  title?: string
  children?: ReactNode
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="alert__icon" aria-hidden="true">
        {tone === 'success' ? '✓' : tone === 'error' ? '!' : tone === 'warning' ? '!' : 'i'}
      </span>
      <div className="alert__body">
        {title && <p className="alert__title">{title}</p>}
        {children}
      </div>
    </div>
  )
}

/** A small coloured label for a status or a role. */
export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent'
  children: ReactNode
}) {
  return <span className={`badge badge--${tone}`}>{children}</span>
}

/** What to show when a list is empty: what it means and what to do about it. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <div className="empty">
      <svg className="empty__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <rect x="8" y="10" width="32" height="28" rx="4" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M8 18h32M16 26h16M16 31h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <p className="empty__title">{title}</p>
      {hint && <p className="empty__hint">{hint}</p>}
      {action && <div className="empty__action">{action}</div>}
    </div>
  )
}

/** A polite loading indicator. */
export function Loading() {
  const t = useT()
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  )
}

/** The human message for any error thrown by an API call. */
export function useErrorMessage(): (error: unknown) => string {
  const t = useT()
  return (error: unknown) => {
    if (isApiError(error)) {
      if (error.status === 0) return t('error.network')
      if (error.status === 403) return error.detail || t('error.forbidden')
      if (error.status >= 500) return t('error.server', { requestId: error.requestId ?? '–' })
      if (error.status === 422 && error.errors.length > 0) return t('error.checkFields')
      return error.detail || error.title
    }
    return error instanceof Error ? error.message : String(error)
  }
}

/** A load failure with a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT()
  const message = useErrorMessage()
  return (
    <Alert tone="error" title={t('error.title')}>
      <p>{message(error)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </Alert>
  )
}

/** The top of a page: its one `h1`, an introduction and the page's main actions. */
export function PageHeader({
  title,
  intro,
  actions,
  eyebrow,
}: {
  title: string
  intro?: ReactNode
  actions?: ReactNode
  eyebrow?: string
}) {
  const t = useT()
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`
  }, [title, t])
  return (
    <header className="page-header">
      <div className="page-header__text">
        {eyebrow && <p className="page-header__eyebrow">{eyebrow}</p>}
        <h1 className="page-header__title">{title}</h1>
        {intro && <p className="page-header__intro">{intro}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  )
}
