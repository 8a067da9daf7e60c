import { useEffect, useState } from 'react'
import { NavLink, useLocation } from 'react-router'
import { useT } from '../../i18n/i18n.js'
import { notificationsApi, onNotificationsChanged } from './api.js'

const pollMs = 60_000

/** The bell in the header: a link to the notifications with the unread count, refreshed every minute. */
export function NotificationBell() {
  const t = useT()
  const location = useLocation()
  const [unread, setUnread] = useState(0)
  const [tick, setTick] = useState(0)

  useEffect(() => onNotificationsChanged(() => setTick((count) => count + 1)), [])
  useEffect(() => {
    const timer = window.setInterval(() => setTick((count) => count + 1), pollMs)
    return () => window.clearInterval(timer)
  }, [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: counts again on every page change and tick.
  useEffect(() => {
    let cancelled = false
    notificationsApi
      .list()
      .then((result) => {
        if (!cancelled) setUnread(result.unread)
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [location.pathname, tick])

  const label =
    unread > 0 ? t('reviews.notifications.bellUnread', { count: unread }) : t('reviews.notifications.bell')
  return (
    <NavLink to="/notifications" className="bell" aria-label={label} title={label}>
      <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 && (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  )
}
