import { type ChangeEvent, useState } from 'react'
import type { BundlePreview } from '../../../modules/knowledge/knowledge.schema.js'
import { hasRole, useSession } from '../../api/session.js'
import { Alert, Badge, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { trainingApi } from '../training/api.js'
import { knowledgeApi } from './api.js'
import { KindBadge, SideBySideDiff } from './parts.js'

/** Export a signed bundle of documents; import one, seeing the signer and every change before applying. */
export function BundlesPage() {
  const t = useT()
  const message = useErrorMessage()
  const { user } = useSession()
  const { locale } = useLocale()
  const key = useAsync(() => knowledgeApi.signingKey(), [])
  const documents = useAsync(() => knowledgeApi.search({}), [])
  const [chosen, setChosen] = useState<string[]>([])
  const trainings = useAsync(() => trainingApi.modules(), [])
  const [chosenTrainings, setChosenTrainings] = useState<string[]>([])
  const [preview, setPreview] = useState<BundlePreview | null>(null)
  const [confirmKey, setConfirmKey] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const shareable = documents.data ?? []

  const download = async () => {
    setError(null)
    try {
      const bundle = await knowledgeApi.exportBundle(chosen, chosenTrainings)
      const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(blob)
      link.download = `liaison-bundle-${bundle.manifest.createdAt.slice(0, 10)}.json`
      link.click()
      URL.revokeObjectURL(link.href)
    } catch (caught) {
      setError(message(caught))
    }
  }
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (!file) return
    setError(null)
    setNotice(null)
    let parsed: unknown
    try {
      parsed = JSON.parse(await file.text())
    } catch {
      setError(t('knowledge.bundles.invalidFile'))
      return
    }
    try {
      setPreview(await knowledgeApi.stageBundle(parsed))
      setConfirmKey(false)
    } catch (caught) {
      setError(message(caught))
    }
  }
  const apply = async () => {
    if (!preview) return
    setError(null)
    try {
      setPreview(await knowledgeApi.applyBundle(preview.importId, { confirmUnknownKey: confirmKey }))
      setNotice(t('knowledge.bundles.applied'))
    } catch (caught) {
      setError(message(caught))
    }
  }

  return (
    <>
      <PageHeader title={t('knowledge.bundles.title')} intro={t('knowledge.bundles.intro')} />
      {error && <Alert tone="error">{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="two-columns">
        <section className="card card--padded" aria-labelledby="kn-export">
          <h2 id="kn-export" className="section__title">
            {t('knowledge.bundles.export')}
          </h2>
          <p className="muted">{t('knowledge.bundles.exportIntro')}</p>
          {documents.error ? <ErrorState error={documents.error} onRetry={documents.reload} /> : null}
          {!documents.data ? (
            <Loading />
          ) : (
            <fieldset className="fieldset">
              <legend className="visually-hidden">{t('knowledge.bundles.exportIntro')}</legend>
              <ul className="kn-check-list">
                {shareable.map((doc) => (
                  <li key={doc.documentId}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={chosen.includes(doc.documentId)}
                        onChange={(event) =>
                          setChosen((current) =>
                            event.target.checked
                              ? [...current, doc.documentId]
                              : current.filter((item) => item !== doc.documentId),
                          )
                        }
                      />{' '}
                      {doc.title} <span className="muted">({doc.language})</span>{' '}
                      <KindBadge kind={doc.kind} />
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          {trainings.data && trainings.data.length > 0 && (
            <fieldset className="fieldset">
              <legend>{t('knowledge.bundles.trainings')}</legend>
              <ul className="kn-check-list">
                {trainings.data.map((module) => (
                  <li key={module.key}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={chosenTrainings.includes(module.key)}
                        onChange={(event) =>
                          setChosenTrainings((current) =>
                            event.target.checked
                              ? [...current, module.key]
                              : current.filter((item) => item !== module.key),
                          )
                        }
                      />{' '}
                      {module.title[locale]}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={chosen.length + chosenTrainings.length === 0}
            onClick={download}
          >
            {t('knowledge.bundles.exportButton', { count: chosen.length + chosenTrainings.length })}
          </button>
          <h3 className="section__title" style={{ marginTop: 'var(--space-5)' }}>
            {t('knowledge.bundles.key')}
          </h3>
          <p className="muted">{t('knowledge.bundles.keyIntro')}</p>
          {key.data && (
            <p>
              {t('knowledge.bundles.fingerprint')}:{' '}
              <span className="kn-fingerprint">{key.data.fingerprint}</span>
            </p>
          )}
        </section>
        <section className="card card--padded" aria-labelledby="kn-import">
          <h2 id="kn-import" className="section__title">
            {t('knowledge.bundles.import')}
          </h2>
          <p className="muted">{t('knowledge.bundles.importIntro')}</p>
          <div className="field">
            <label className="field__label" htmlFor="kn-bundle-file">
              {t('knowledge.bundles.file')}
            </label>
            <input
              id="kn-bundle-file"
              type="file"
              accept="application/json,.json"
              className="input"
              onChange={upload}
            />
          </div>
          {preview && (
            <div className="stack">
              <p>
                <strong>{t('knowledge.bundles.signedBy', { institution: preview.institution })}</strong>
                <br />
                {t('knowledge.bundles.fingerprint')}:{' '}
                <span className="kn-fingerprint">{preview.fingerprint}</span>
              </p>
              {preview.isKeyTrusted ? (
                <Alert tone="success">{t('knowledge.bundles.trusted')}</Alert>
              ) : (
                <Alert tone="warning">
                  <p>{t('knowledge.bundles.unknownKey')}</p>
                  {hasRole(user, 'admin') && (
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={confirmKey}
                        onChange={(event) => setConfirmKey(event.target.checked)}
                      />{' '}
                      {t('knowledge.bundles.confirmKey')}
                    </label>
                  )}
                </Alert>
              )}
              <ul className="kn-comments">
                {preview.items.map((item) => (
                  <li key={item.key} className="kn-comment">
                    <div className="kn-comment__head">
                      <Badge
                        tone={
                          item.change === 'new' ? 'info' : item.change === 'changed' ? 'warning' : 'neutral'
                        }
                      >
                        {t(`knowledge.bundles.change.${item.change}`)}
                      </Badge>
                      <strong>{item.title}</strong> <span className="muted">{item.key}</span>
                    </div>
                    {item.diff && <SideBySideDiff diff={item.diff} />}
                  </li>
                ))}
              </ul>
              {preview.status === 'staged' && preview.items.every((item) => item.change === 'unchanged') && (
                <p className="muted">{t('knowledge.bundles.nothingNew')}</p>
              )}
              {preview.status === 'staged' && preview.items.some((item) => item.change !== 'unchanged') && (
                <button
                  type="button"
                  className="button button--primary"
                  disabled={!preview.isKeyTrusted && !confirmKey}
                  onClick={apply}
                >
                  {t('knowledge.bundles.apply')}
                </button>
              )}
            </div>
          )}
        </section>
      </div>
    </>
  )
}
