import { useState } from 'react'
import { Link } from 'react-router'
import type { Notification } from '../../../modules/notifications/notification.schema.js'
import {
  Alert,
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  PageHeader,
  useErrorMessage,
} from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { announceNotificationsChanged, notificationsApi } from './api.js'

/** A notification's link inside the app, or null when it points elsewhere. */
function appLink(link: string): string | null {
  return link.startsWith('/') && !link.startsWith('//') ? link : null
}

/** My notifications, newest first: mark one or all read, open the case they are about. */
export function NotificationsPage() {
  const t = useT()
  const { locale } = useLocale()
  const errorMessage = useErrorMessage()
  const list = useAsync(() => notificationsApi.list(), [])
  const [error, setError] = useState<string | null>(null)
  const items = list.data?.items ?? []
  const unread = list.data?.unread ?? 0

  const markRead = async (notification: Notification) => {
    setError(null)
    try {
      await notificationsApi.markRead(notification.id)
      const now = new Date().toISOString()
      list.setData((current) =>
        current
          ? {
              unread: Math.max(0, current.unread - 1),
              items: current.items.map((entry) =>
                entry.id === notification.id ? { ...entry, readAt: now } : entry,
              ),
            }
          : current,
      )
      announceNotificationsChanged()
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }
  const markAll = async () => {
    setError(null)
    try {
      await notificationsApi.markAllRead()
      const now = new Date().toISOString()
      list.setData((current) =>
        current
          ? { unread: 0, items: current.items.map((entry) => ({ ...entry, readAt: entry.readAt ?? now })) }
          : current,
      )
      announceNotificationsChanged()
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }

  return (
    <>
      <PageHeader
        title={t('reviews.notifications.title')}
        intro={t('reviews.notifications.intro')}
        actions={
          unread > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => void markAll()}>
              {t('reviews.notifications.markAll')}
            </button>
          ) : undefined
        }
      />
      {error && <Alert tone="error">{error}</Alert>}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('reviews.notifications.empty')} hint={t('reviews.notifications.emptyHint')} />
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {t('reviews.notifications.count', { count: items.length, unread })}
          </p>
          <ul className="notifications">
            {items.map((notification) => {
              const link = appLink(notification.link)
              return (
                <li
                  key={notification.id}
                  className={notification.readAt ? 'notification' : 'notification notification--unread'}
                >
                  <div className="notification__head">
                    <p className="notification__subject">
                      {!notification.readAt && (
                        <span className="visually-hidden">{t('reviews.notifications.unread')}: </span>
                      )}
                      {notification.subject}
                    </p>
                    <Badge tone="neutral">{t(`reviews.notifications.kind.${notification.kind}`)}</Badge>
                  </div>
                  {notification.body && <p className="notification__body prewrap">{notification.body}</p>}
                  <p className="notification__meta">
                    <time dateTime={notification.createdAt}>
                      {formatDateTime(locale, notification.createdAt)}
                    </time>
                  </p>
                  <div className="button-row button-row--start">
                    {link && (
                      <Link
                        to={link}
                        className="button button--secondary button--small"
                        onClick={() => {
                          if (!notification.readAt) void markRead(notification)
                        }}
                      >
                        {t('reviews.notifications.open')}
                      </Link>
                    )}
                    {!notification.readAt && (
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        onClick={() => void markRead(notification)}
                      >
                        {t('reviews.notifications.markRead')}
                      </button>
                    )}
                  </div>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </>
  )
}
