import { useState } from 'react'
import type { Collaboration } from '../../../modules/collaborations/collaboration.schema.js'
import {
  type ContractDraft,
  type DraftFormat,
  GenerateDraftSchema,
} from '../../../modules/templates/template.schema.js'
import { Alert, Badge, ErrorState, Loading } from '../../components/Feedback.js'
import { FormErrors, SelectField, useFormSubmission } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { templatesApi } from './api.js'

/** A file size in words a reader understands. */
function fileSize(bytes: number, locale: string): string {
  const kilobytes = bytes / 1024
  return kilobytes < 1024
    ? `${Math.max(1, Math.round(kilobytes)).toLocaleString(locale)} KB`
    : `${(kilobytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`
}

/** One earlier draft: which template, which version, who and when, and the file to download again. */
function DraftLine({ caseId, draft }: { caseId: string; draft: ContractDraft }) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <li className="file-list__item draft-list__item">
      <span className="file-list__icon" aria-hidden="true">
        {draft.format === 'pdf' ? 'PDF' : 'DOC'}
      </span>
      <span className="file-list__text">
        <span className="table__primary">
          {t('templates.case.draftLine', {
            title: draft.templateTitle,
            language: draft.language,
            version: draft.templateVersion,
          })}
        </span>
        <span className="table__secondary">
          {t('templates.case.draftMeta', {
            name: draft.createdByName,
            date: formatDateTime(locale, draft.createdAt),
            format: draft.format === 'pdf' ? 'PDF' : 'Word',
            size: fileSize(draft.size, locale),
          })}{' '}
          {draft.missingValues > 0 ? (
            <Badge tone="warning">{t('templates.case.missing', { count: draft.missingValues })}</Badge>
          ) : (
            <Badge tone="success">{t('templates.case.complete')}</Badge>
          )}
        </span>
      </span>
      <a
        className="button button--secondary button--small"
        href={templatesApi.draftUrl(caseId, draft.id)}
        download={draft.fileName}
        aria-label={t('templates.case.downloadLabel', { file: draft.fileName })}
      >
        {t('templates.case.download')}
      </a>
    </li>
  )
}

/**
 * "Generate contract draft" on the case page: pick a template, its language and the format; the
 * draft is filled from the data sheet, stored with the template version, and listed for download.
 */
export function CaseDrafts({ record }: { record: Collaboration }) {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const state = useAsync(() => templatesApi.caseDrafts(record.id), [record.id])
  const [templateKey, setTemplateKey] = useState('mou')
  const [language, setLanguage] = useState<string>(locale === 'en' ? 'en' : 'de')
  const [format, setFormat] = useState<DraftFormat>('docx')
  const [generated, setGenerated] = useState<ContractDraft | null>(null)

  const templates = state.data?.templates ?? []
  const keys = [...new Set(templates.map((template) => template.key))]
  const titleOf = (key: string) =>
    templates.find((template) => template.key === key && template.language === locale)?.title ??
    templates.find((template) => template.key === key)?.title ??
    key
  const languages = templates
    .filter((template) => template.key === templateKey)
    .map((template) => template.language)

  return (
    <section className="section card card--padded" aria-labelledby="drafts-title">
      <h2 id="drafts-title" className="section__title">
        {t('templates.case.title')}
      </h2>
      <p className="section__intro">{t('templates.case.intro')}</p>
      {state.error ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : state.isLoading && !state.data ? (
        <Loading />
      ) : (
        <>
          {state.data?.canGenerate ? (
            <form
              className="form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault()
                setGenerated(null)
                void form.submit(GenerateDraftSchema, { templateKey, language, format }, async (data) => {
                  const draft = await templatesApi.generate(record.id, data)
                  setGenerated(draft)
                  state.setData((current) => current && { ...current, drafts: [draft, ...current.drafts] })
                })
              }}
            >
              <FormErrors form={form} />
              <div className="form-row draft-form">
                <SelectField
                  label={t('templates.case.template')}
                  value={templateKey}
                  onChange={setTemplateKey}
                  options={keys.map((key) => ({ value: key, label: titleOf(key) }))}
                  error={form.errorFor('templateKey')}
                />
                <SelectField
                  label={t('templates.case.language')}
                  value={language}
                  onChange={setLanguage}
                  options={(['de', 'en'] as const)
                    .filter((option) => languages.length === 0 || languages.includes(option))
                    .map((option) => ({ value: option, label: t(`templates.language.${option}`) }))}
                  error={form.errorFor('language')}
                />
                <fieldset className="fieldset draft-form__format">
                  <legend className="field__label">{t('templates.case.format')}</legend>
                  <div className="radio-row">
                    {(['docx', 'pdf'] as const).map((option) => (
                      <label key={option} className="checkbox">
                        <input
                          type="radio"
                          name="draft-format"
                          value={option}
                          checked={format === option}
                          onChange={() => setFormat(option)}
                        />
                        <span>{t(`templates.case.format.${option}`)}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </div>
              <div className="button-row button-row--start">
                <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
                  {form.isSubmitting ? t('templates.case.generating') : t('templates.case.generate')}
                </button>
              </div>
            </form>
          ) : (
            <p className="muted">{t('templates.case.noPermission')}</p>
          )}
          {generated && (
            <div className="draft-generated" role="status">
              <Alert tone="success">
                {t('templates.case.generated', { file: generated.fileName })}{' '}
                <a href={templatesApi.draftUrl(record.id, generated.id)} download={generated.fileName}>
                  {t('templates.case.download')}
                </a>
              </Alert>
            </div>
          )}
          <h3 className="subsection__title">{t('templates.case.drafts')}</h3>
          {(state.data?.drafts ?? []).length === 0 ? (
            <p className="muted">{t('templates.case.noDrafts')}</p>
          ) : (
            <ul className="file-list draft-list">
              {(state.data?.drafts ?? []).map((draft) => (
                <DraftLine key={draft.id} caseId={record.id} draft={draft} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
