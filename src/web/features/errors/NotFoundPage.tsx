import { Link } from 'react-router'
import { PageHeader } from '../../components/Feedback.js'
import { useT } from '../../i18n/i18n.js'

/** The page for addresses that do not exist. */
export function NotFoundPage() {
  const t = useT()
  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <PageHeader title={t('notFound.title')} intro={t('notFound.text')} />
      <Link to="/" className="button button--primary">
        {t('notFound.back')}
      </Link>
    </div>
  )
}
