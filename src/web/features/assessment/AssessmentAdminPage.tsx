import { Link, useSearchParams } from 'react-router'
import { PageHeader } from '../../components/Feedback.js'
import type { TextKey } from '../../i18n/de.js'
import { useT } from '../../i18n/i18n.js'
import { AnnexAdmin, ChecklistsAdmin, VersionsAdmin } from './AdminReference.js'
import { NoGoRulesAdmin, SensitiveAreasAdmin } from './AdminTaxonomy.js'

const tabs: { key: string; label: TextKey }[] = [
  { key: 'areas', label: 'assessment.admin.tab.areas' },
  { key: 'rules', label: 'assessment.admin.tab.rules' },
  { key: 'checklists', label: 'assessment.admin.tab.checklists' },
  { key: 'versions', label: 'assessment.admin.tab.versions' },
  { key: 'annex', label: 'assessment.admin.tab.annex' },
]

/**
 * Administration of the dual-use pre-assessment: sensitive technology areas, institutional no-go
 * rules, checklists per research area, the stored reference versions and the Annex I browser.
 */
export function AssessmentAdminPage() {
  const t = useT()
  const [searchParams] = useSearchParams()
  const requested = searchParams.get('tab') ?? 'areas'
  const current = tabs.find((tab) => tab.key === requested) ?? tabs[0]
  const tab = current?.key ?? 'areas'

  return (
    <>
      <PageHeader
        eyebrow={t('nav.admin')}
        title={t('assessment.admin.title')}
        intro={t('assessment.admin.intro')}
      />
      <nav className="tabs assessment-admin__tabs" aria-label={t('assessment.admin.tabs')}>
        {tabs.map((entry) => (
          <Link
            key={entry.key}
            to={`/admin/assessment?tab=${entry.key}`}
            className="tabs__tab"
            aria-current={entry.key === tab ? 'page' : undefined}
          >
            {t(entry.label)}
          </Link>
        ))}
      </nav>
      <h2 className="visually-hidden">{current ? t(current.label) : ''}</h2>
      {tab === 'areas' && <SensitiveAreasAdmin />}
      {tab === 'rules' && <NoGoRulesAdmin />}
      {tab === 'checklists' && <ChecklistsAdmin />}
      {tab === 'versions' && <VersionsAdmin />}
      {tab === 'annex' && <AnnexAdmin />}
    </>
  )
}
