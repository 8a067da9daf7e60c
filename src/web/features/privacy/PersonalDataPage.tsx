import { type FormEvent, useState } from 'react'
import type {
  DataSubjectSummary,
  ErasureResult,
  RetentionRun,
} from '../../../modules/privacy/privacy.schema.js'
import { EraseRequestSchema } from '../../../modules/privacy/privacy.schema.js'
import { Dialog } from '../../components/Dialog.js'
import {
  Alert,
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  PageHeader,
  useErrorMessage,
} from '../../components/Feedback.js'
import {
  FormActions,
  FormErrors,
  TextAreaField,
  TextField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { privacyApi } from './api.js'

/** Erasure with a confirmation that states the consequences and asks for the username. */
function EraseDialog({
  person,
  onClose,
  onErased,
}: {
  person: DataSubjectSummary
  onClose: () => void
  onErased: (result: ErasureResult) => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const [reason, setReason] = useState('')
  const [confirmUsername, setConfirm] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void form.submit(EraseRequestSchema, { reason, confirmUsername }, async (data) => {
      onErased(await privacyApi.erase(person.id, data))
    })
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrors form={form} />
      <p>
        <strong>{person.displayName}</strong> ({person.username}, {person.email})
      </p>
      <Alert tone="warning" title={t('privacy.erase.consequences')}>
        <ul className="problem-list">
          <li>{t('privacy.erase.c1')}</li>
          <li>{t('privacy.erase.c2')}</li>
          <li>{t('privacy.erase.c3')}</li>
          <li>{t('privacy.erase.c4')}</li>
        </ul>
      </Alert>
      <p className="muted">{t('privacy.erase.exportFirst')}</p>
      <TextAreaField
        label={t('privacy.erase.reason')}
        hint={t('privacy.erase.reasonHint')}
        value={reason}
        onChange={setReason}
        error={form.errorFor('reason')}
        rows={2}
      />
      <TextField
        label={t('privacy.erase.confirm', { username: person.username })}
        value={confirmUsername}
        onChange={setConfirm}
        error={form.errorFor('confirmUsername')}
        autoComplete="off"
      />
      <FormActions>
        <button
          type="submit"
          className="button button--danger"
          disabled={form.isSubmitting || confirmUsername !== person.username}
        >
          {t('privacy.erase.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('privacy.erase.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/** Admin page: find a person, export their data, erase on request; run retention. */
export function PersonalDataPage() {
  const t = useT()
  const { locale } = useLocale()
  const errorMessage = useErrorMessage()
  const [query, setQuery] = useState('')
  const [submitted, setSubmitted] = useState('')
  const [erasing, setErasing] = useState<DataSubjectSummary | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [retention, setRetention] = useState<RetentionRun | null>(null)
  const [retentionError, setRetentionError] = useState<string | null>(null)
  const people = useAsync(() => privacyApi.search(submitted), [submitted])

  const runRetention = async () => {
    setRetentionError(null)
    try {
      setRetention(await privacyApi.runRetention())
    } catch (error) {
      setRetentionError(errorMessage(error))
    }
  }

  return (
    <>
      <PageHeader eyebrow={t('nav.admin')} title={t('privacy.title')} intro={t('privacy.intro')} />
      <div className="stack">
        {notice && <Alert tone="success">{notice}</Alert>}
        <section className="section card card--padded" aria-labelledby="privacy-search-title">
          <h2 id="privacy-search-title" className="section__title">
            {t('privacy.search')}
          </h2>
          <search className="filters filters--inline">
            <div className="field">
              <label className="field__label" htmlFor="privacy-search">
                {t('privacy.searchHint')}
              </label>
              <input
                id="privacy-search"
                type="search"
                className="input input--search"
                value={query}
                onChange={(event) => {
                  setQuery(event.target.value)
                  setSubmitted(event.target.value.trim())
                }}
              />
            </div>
          </search>
          {people.error ? (
            <ErrorState error={people.error} onRetry={people.reload} />
          ) : people.isLoading && !people.data ? (
            <Loading />
          ) : (people.data ?? []).length === 0 ? (
            <EmptyState title={t('privacy.none')} />
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('privacy.results')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('privacy.person')}</th>
                    <th scope="col">{t('privacy.status')}</th>
                    <th scope="col">{t('privacy.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(people.data ?? []).map((person) => (
                    <tr key={person.id}>
                      <td>
                        <span className="table__primary">{person.displayName}</span>
                        <span className="table__secondary">
                          {person.username} · {person.email}
                        </span>
                      </td>
                      <td>
                        {person.erasedAt ? (
                          <Badge tone="neutral">
                            {t('privacy.erased', { date: formatDateTime(locale, person.erasedAt) })}
                          </Badge>
                        ) : person.isActive ? (
                          <Badge tone="success">{t('privacy.active')}</Badge>
                        ) : (
                          <Badge tone="warning">{t('privacy.inactive')}</Badge>
                        )}
                      </td>
                      <td>
                        <div className="action-bar">
                          <a
                            className="button button--secondary button--small"
                            href={privacyApi.exportUrl(person.id)}
                            download
                            aria-label={t('privacy.exportFor', { name: person.displayName })}
                          >
                            {t('privacy.export')}
                          </a>
                          {!person.erasedAt && (
                            <button
                              type="button"
                              className="button button--danger-ghost button--small"
                              onClick={() => setErasing(person)}
                              aria-label={t('privacy.eraseFor', { name: person.displayName })}
                            >
                              {t('privacy.erase')}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="section card card--padded" aria-labelledby="retention-title">
          <h2 id="retention-title" className="section__title">
            {t('privacy.retention.title')}
          </h2>
          <p className="muted">{t('privacy.retention.text')}</p>
          <div aria-live="polite">
            {retention && (
              <Alert tone="success">
                {t('privacy.retention.result', {
                  count: retention.archived.length,
                  files: retention.attachmentsDeleted,
                })}
              </Alert>
            )}
            {retentionError && <Alert tone="error">{retentionError}</Alert>}
          </div>
          <FormActions>
            <button type="button" className="button button--secondary" onClick={() => void runRetention()}>
              {t('privacy.retention.run')}
            </button>
          </FormActions>
        </section>
      </div>
      <Dialog
        title={t('privacy.erase.title')}
        isOpen={erasing !== null}
        onClose={() => setErasing(null)}
        wide
      >
        {erasing && (
          <EraseDialog
            person={erasing}
            onClose={() => setErasing(null)}
            onErased={(result) => {
              setNotice(t('privacy.erase.done', { name: erasing.displayName, pseudonym: result.pseudonym }))
              setErasing(null)
              people.reload()
            }}
          />
        )}
      </Dialog>
    </>
  )
}

/** "My account": download everything Liaison holds about me. */
export function MyDataSection() {
  const t = useT()
  return (
    <section className="section card card--padded" aria-labelledby="my-data-title">
      <h2 id="my-data-title" className="section__title">
        {t('privacy.account.title')}
      </h2>
      <p className="muted">{t('privacy.account.text')}</p>
      <FormActions>
        <a className="button button--secondary" href={privacyApi.myExportUrl()} download>
          {t('privacy.account.export')}
        </a>
      </FormActions>
    </section>
  )
}
