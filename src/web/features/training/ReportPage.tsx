import { useState } from 'react'
import type { ReportRow } from '../../../modules/training/training.schema.js'
import { api } from '../../api/client.js'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { SelectField } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { pick, useLocale, useT } from '../../i18n/i18n.js'
import { type ReportQuery, trainingApi } from './api.js'
import { percent, useTitle } from './parts.js'

function ShareBar({ share }: { share: number | null }) {
  const t = useT()
  if (share === null) return <span>{t('common.none')}</span>
  return (
    <span className="share-bar">
      <span className="share-bar__track" aria-hidden="true">
        <span className="share-bar__fill" style={{ width: `${percent(share)}%` }} />
      </span>
      <span>{percent(share)} %</span>
    </span>
  )
}

function totals(rows: readonly ReportRow[]) {
  const sum = (pickValue: (row: ReportRow) => number) =>
    rows.reduce((total, row) => total + pickValue(row), 0)
  const required = sum((row) => row.required)
  const completed = sum((row) => row.completed)
  return {
    required,
    completed,
    expiring: sum((row) => row.expiring),
    expired: sum((row) => row.expired),
    missing: sum((row) => row.missing),
    share: required === 0 ? null : completed / required,
  }
}

/** Completion by unit and module for admins and auditors, filterable and exportable as CSV. */
export function ReportPage() {
  const t = useT()
  const { locale } = useLocale()
  const title = useTitle()
  const [query, setQuery] = useState<ReportQuery>({})
  const report = useAsync(() => trainingApi.report(query), [query.unitId, query.moduleKey])
  const units = useAsync(() => api.units.list(), [])
  const modules = useAsync(() => trainingApi.modules(), [])
  const rows = report.data ?? []
  const sum = totals(rows)
  return (
    <>
      <PageHeader
        title={t('training.report.title')}
        intro={t('training.report.intro')}
        actions={
          <a className="button button--primary" href={trainingApi.reportCsvUrl(query, locale)} download>
            {t('training.report.csv')}
          </a>
        }
      />
      <section className="section" aria-label={t('training.report.filters')}>
        <div className="report-filters">
          <SelectField
            id="report-unit"
            label={t('training.report.unit')}
            value={query.unitId ?? ''}
            onChange={(unitId) => setQuery({ ...query, unitId: unitId || undefined })}
            options={[
              { value: '', label: t('training.report.allUnits') },
              ...(units.data ?? []).map((unit) => ({
                value: unit.id,
                label: `${unit.code} – ${pick(locale, unit.nameDe, unit.nameEn)}`,
              })),
            ]}
          />
          <SelectField
            id="report-module"
            label={t('training.report.module')}
            value={query.moduleKey ?? ''}
            onChange={(moduleKey) => setQuery({ ...query, moduleKey: moduleKey || undefined })}
            options={[
              { value: '', label: t('training.report.allModules') },
              ...(modules.data ?? []).map((module) => ({ value: module.key, label: title(module.title) })),
            ]}
          />
        </div>
        {report.error ? (
          <ErrorState error={report.error} onRetry={report.reload} />
        ) : !report.data ? (
          <Loading />
        ) : rows.length === 0 ? (
          <EmptyState title={t('training.report.empty')} />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('training.report.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.report.unit')}</th>
                  <th scope="col">{t('training.report.module')}</th>
                  <th scope="col" className="table__number">
                    {t('training.report.required')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('training.report.completed')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('training.report.expiring')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('training.report.expired')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('training.report.missing')}
                  </th>
                  <th scope="col">{t('training.report.share')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.unitId ?? ''}-${row.moduleKey}`}>
                    <td>
                      <span className="table__primary">{pick(locale, row.unitName.de, row.unitName.en)}</span>
                      <span className="table__secondary code">{row.unitCode}</span>
                    </td>
                    <td>{title(row.moduleTitle)}</td>
                    <td className="table__number">{row.required}</td>
                    <td className="table__number">{row.completed}</td>
                    <td className="table__number">{row.expiring}</td>
                    <td className="table__number">{row.expired}</td>
                    <td className="table__number">{row.missing}</td>
                    <td>
                      <ShareBar share={row.share} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('training.report.total')}
                  </th>
                  <td className="table__number">{sum.required}</td>
                  <td className="table__number">{sum.completed}</td>
                  <td className="table__number">{sum.expiring}</td>
                  <td className="table__number">{sum.expired}</td>
                  <td className="table__number">{sum.missing}</td>
                  <td>
                    <ShareBar share={sum.share} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
