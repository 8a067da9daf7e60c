import { useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import type { ImportReport } from '../../../modules/collaborations/collaboration.schema.js'
import { api, isApiError } from '../../api/client.js'
import { Alert, Badge, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { useT } from '../../i18n/i18n.js'

/**
 * Import of an existing register from CSV (administrators): download the template, check a file
 * row by row, and import it only when every row is fine — all rows or none.
 */
export function ImportPage() {
  const t = useT()
  const message = useErrorMessage()
  const fileId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const run = async (dryRun: boolean) => {
    if (!file) {
      setError(t('import.chooseFirst'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      setReport(await api.collaborations.import(file, dryRun))
    } catch (caught) {
      setReport(null)
      const details = isApiError(caught) ? caught.errors.map((entry) => entry.message).join(' ') : ''
      setError([message(caught), details].filter(Boolean).join(' – '))
    } finally {
      setBusy(false)
    }
  }

  const isAllOk = report !== null && report.rejectedCount === 0 && report.rows.length > 0
  const isChecked = report?.dryRun === true

  return (
    <>
      <PageHeader eyebrow={t('nav.admin')} title={t('import.title')} intro={t('import.intro')} />
      <div className="stack">
        <ol className="import-steps">
          <li className="card card--padded">
            <h2 className="section__title">{t('import.step1')}</h2>
            <p>{t('import.step1Text')}</p>
            <a className="button button--secondary" href={api.collaborations.importTemplateUrl()} download>
              {t('import.template')}
            </a>
          </li>
          <li className="card card--padded">
            <h2 className="section__title">{t('import.step2')}</h2>
            <div className="field">
              <label className="field__label" htmlFor={fileId}>
                {t('import.file')}
              </label>
              <p className="field__hint" id={`${fileId}-hint`}>
                {t('import.fileHint')}
              </p>
              <input
                ref={inputRef}
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                className="input input--file"
                aria-describedby={`${fileId}-hint`}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null)
                  setReport(null)
                  setError(null)
                }}
              />
            </div>
            <div className="button-row button-row--start import-actions">
              <button
                type="button"
                className="button button--primary"
                disabled={isBusy || !file}
                onClick={() => void run(true)}
              >
                {isBusy ? t('import.checking') : t('import.check')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={isBusy || !isChecked || !isAllOk}
                onClick={() => void run(false)}
              >
                {t('import.import')}
              </button>
            </div>
            <p className="note">{t('import.allOrNothing')}</p>
          </li>
        </ol>

        {error && (
          <Alert tone="error" title={t('import.failed')}>
            {error}
          </Alert>
        )}

        {report && (
          <section className="section" aria-labelledby="report-title">
            <h2 id="report-title" className="section__title">
              {t('import.report')}
            </h2>
            {report.imported ? (
              <Alert tone="success" title={t('import.done', { count: report.importedCount })}>
                <p>
                  <Link to="/collaborations?scope=all">{t('import.toList')}</Link>
                </p>
              </Alert>
            ) : report.rejectedCount > 0 ? (
              <Alert
                tone="error"
                title={t('import.rejected', { count: report.rejectedCount, total: report.rows.length })}
              >
                <p>{t('import.nothingImported')}</p>
              </Alert>
            ) : (
              <Alert tone="success" title={t('import.allOk', { count: report.rows.length })}>
                <p>{t('import.readyToImport')}</p>
              </Alert>
            )}
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('import.report')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="table__number">
                      {t('import.row')}
                    </th>
                    <th scope="col">{t('import.rowTitle')}</th>
                    <th scope="col">{t('import.result')}</th>
                    <th scope="col">{t('import.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row) => (
                    <tr key={row.row}>
                      <td className="table__number">{row.row}</td>
                      <td>
                        <span className="table__primary">{row.title || t('collab.untitled')}</span>
                        {row.reference && <span className="table__secondary code">{row.reference}</span>}
                      </td>
                      <td>
                        <Badge tone={row.status === 'ok' ? 'success' : 'danger'}>
                          {row.status === 'ok' ? t('import.ok') : t('import.rowRejected')}
                        </Badge>
                      </td>
                      <td>
                        {row.problems.length === 0 ? (
                          <span className="muted">{t('common.none')}</span>
                        ) : (
                          <ul className="plain-list">
                            {row.problems.map((problem) => (
                              <li key={`${problem.column}-${problem.message}`}>
                                <code className="code">{problem.column}</code>: {problem.message}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </div>
    </>
  )
}
