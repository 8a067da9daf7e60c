import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { SaveTemplateSchema } from '../../../modules/templates/template.schema.js'
import { isApiError } from '../../api/client.js'
import { Alert, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { FormActions, TextAreaField, TextField, useFormSubmission } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { templatesApi } from './api.js'

/** A problem of a template's text on one line, in English and German (from the server). */
interface TemplateLineProblem {
  line: number
  message: string
  messageDe: string
}

/** The line problems of a refused save, when the server sent them. */
function lineProblemsOf(body: unknown): TemplateLineProblem[] {
  const problems = (body as { problems?: unknown } | null)?.problems
  if (!Array.isArray(problems)) return []
  return problems.filter(
    (problem): problem is TemplateLineProblem =>
      typeof problem?.line === 'number' &&
      typeof problem?.message === 'string' &&
      typeof problem?.messageDe === 'string',
  )
}

/** Editing a template: a new version is saved; unknown placeholders and stale saves are refused. */
function TemplateEditor({
  templateKey,
  language,
  initial,
  onSaved,
  onCancel,
}: {
  templateKey: string
  language: string
  initial: { title: string; body: string; version: number }
  onSaved: (version: number) => void
  onCancel: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const [title, setTitle] = useState(initial.title)
  const [body, setBody] = useState(initial.body)
  const [changeNote, setChangeNote] = useState('')
  const [conflict, setConflict] = useState(false)
  const { locale } = useLocale()
  const [lineProblems, setLineProblems] = useState<TemplateLineProblem[]>([])
  // The server names each problem with its line in English and German; shown in the reader's language.
  const bodyProblems =
    lineProblems.length > 0
      ? lineProblems.map((problem) => ({
          field: 'body',
          message: t('templates.edit.lineProblem', {
            line: problem.line,
            problem: locale === 'de' ? problem.messageDe : problem.message,
          }),
        }))
      : form.fieldErrors.filter((error) => error.field === 'body')
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        setConflict(false)
        setLineProblems([])
        void form.submit(
          SaveTemplateSchema,
          { title, body, changeNote, baseVersion: initial.version },
          async (data) => {
            try {
              const saved = await templatesApi.save(templateKey, language, data)
              onSaved(saved.version)
            } catch (error) {
              if (isApiError(error, 409)) setConflict(true)
              if (isApiError(error, 422)) setLineProblems(lineProblemsOf(error.body))
              throw error
            }
          },
        )
      }}
    >
      {conflict ? (
        <Alert tone="error">{t('templates.edit.conflict')}</Alert>
      ) : (
        bodyProblems.length > 0 && (
          <Alert tone="error" title={t('templates.edit.problems')}>
            <ul>
              {bodyProblems.map((problem) => (
                <li key={problem.message}>{problem.message}</li>
              ))}
            </ul>
          </Alert>
        )
      )}
      <TextField
        label={t('templates.edit.title')}
        value={title}
        onChange={setTitle}
        error={form.errorFor('title')}
      />
      <TextAreaField
        label={t('templates.edit.body')}
        value={body}
        onChange={setBody}
        rows={24}
        error={bodyProblems[0]?.message}
      />
      <TextField
        label={t('templates.edit.changeNote')}
        value={changeNote}
        onChange={setChangeNote}
        optional
        error={form.errorFor('changeNote')}
      />
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {t('templates.edit.save')}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('templates.edit.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/** One template: its text (any version), its versions, and editing for the legal office and admins. */
export function TemplatePage() {
  const t = useT()
  const { locale } = useLocale()
  const { key = '', language = 'de' } = useParams()
  const [shownVersion, setShownVersion] = useState<number | undefined>(undefined)
  const [isEditing, setEditing] = useState(false)
  const [savedVersion, setSavedVersion] = useState<number | null>(null)
  const template = useAsync(
    () => templatesApi.template(key, language, shownVersion),
    [key, language, shownVersion],
  )
  const versions = useAsync(() => templatesApi.versions(key, language), [key, language, savedVersion])
  const record = template.data
  const current = versions.data?.[0]?.version
  const languageName = t(language === 'en' ? 'templates.language.en' : 'templates.language.de')

  if (template.error) return <ErrorState error={template.error} onRetry={template.reload} />
  if (!record) return <Loading />
  return (
    <>
      <p>
        <Link to="/templates">← {t('templates.detail.back')}</Link>
      </p>
      <PageHeader
        eyebrow={t('templates.detail.eyebrow', { language: languageName })}
        title={record.title}
        intro={t('templates.detail.meta', {
          version: record.version,
          name: record.updatedByName,
          date: formatDateTime(locale, record.updatedAt),
        })}
        actions={
          record.canEdit && !isEditing && (shownVersion === undefined || shownVersion === current) ? (
            <button type="button" className="button button--primary" onClick={() => setEditing(true)}>
              {t('templates.detail.edit')}
            </button>
          ) : undefined
        }
      />
      {savedVersion !== null && (
        <Alert tone="success">{t('templates.edit.saved', { version: savedVersion })}</Alert>
      )}
      <div className="template-layout">
        <section className="section card card--padded" aria-labelledby="template-text-title">
          <h2 id="template-text-title" className="section__title">
            {t('templates.detail.text')}
          </h2>
          {shownVersion !== undefined && shownVersion !== current && (
            <Alert tone="info">
              {t('templates.detail.showing', { version: shownVersion })}{' '}
              <button type="button" className="link-button" onClick={() => setShownVersion(undefined)}>
                {t('templates.detail.showCurrent')}
              </button>
            </Alert>
          )}
          {isEditing ? (
            <TemplateEditor
              templateKey={key}
              language={language}
              initial={record}
              onCancel={() => setEditing(false)}
              onSaved={(version) => {
                setEditing(false)
                setSavedVersion(version)
                setShownVersion(undefined)
                template.reload()
              }}
            />
          ) : (
            <pre className="template-source" lang={language}>
              {record.body}
            </pre>
          )}
        </section>
        <section className="section card card--padded" aria-labelledby="template-versions-title">
          <h2 id="template-versions-title" className="section__title">
            {t('templates.detail.versions')}
          </h2>
          {versions.error ? (
            <ErrorState error={versions.error} onRetry={versions.reload} />
          ) : (
            <ul className="version-list">
              {(versions.data ?? []).map((version) => (
                <li key={version.id}>
                  <span className="table__primary">
                    {t('templates.detail.versionLine', { version: version.version })}
                    {version.changeNote && ` · ${version.changeNote}`}
                  </span>
                  <span className="table__secondary">
                    {version.createdByName} · {formatDateTime(locale, version.createdAt)}
                  </span>
                  {version.version !== record.version && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setEditing(false)
                        setShownVersion(version.version)
                      }}
                    >
                      {t('templates.detail.show')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  )
}
