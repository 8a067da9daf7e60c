import { Link } from 'react-router'
import { hasAnyRole, useSession } from '../../api/session.js'
import { PageHeader } from '../../components/Feedback.js'
import { useT } from '../../i18n/i18n.js'
import { appRoutes } from '../../routes.js'

/** The administration overview: one card per administration page the user may open. */
export function AdminOverviewPage() {
  const t = useT()
  const { user } = useSession()
  const pages = (appRoutes.find((route) => route.path === '/admin')?.children ?? []).filter((route) =>
    hasAnyRole(user, route.roles),
  )
  return (
    <>
      <PageHeader title={t('admin.title')} intro={t('admin.intro')} />
      <ul className="link-cards link-cards--three">
        {pages.map((page) => (
          <li key={page.path}>
            <Link to={page.path} className="link-card">
              <span className="link-card__title">{t(page.label)}</span>
              {page.description && <span className="link-card__text">{t(page.description)}</span>}
              <span className="link-card__arrow" aria-hidden="true">
                →
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
