import { type FormEvent, useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import {
  AudienceSchema,
  DocumentKindSchema,
  RegulationTopicSchema,
  type SaveConflict,
  type SaveDocumentInput,
} from '../../../modules/knowledge/knowledge.schema.js'
import { OfficeKeySchema } from '../../../modules/organisation/organisation.schema.js'
import { isApiError } from '../../api/client.js'
import { Alert, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { CheckboxGroup, SelectField, TextField } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { useT } from '../../i18n/i18n.js'
import { knowledgeApi, saveConflictOf } from './api.js'
import { kindKey, Markdown, SideBySideDiff } from './parts.js'

type Draft = {
  slug: string
  language: 'de' | 'en'
  kind: (typeof DocumentKindSchema.options)[number]
  title: string
  summary: string
  body: string
  ownerOffice: string
  audience: (typeof AudienceSchema.options)[number]
  tags: string
  researchAreas: string
  reviewIntervalMonths: string
  jurisdiction: string
  effectiveDate: string
  topics: (typeof RegulationTopicSchema.options)[number][]
  changeNote: string
}

const empty: Draft = {
  slug: '',
  language: 'de',
  kind: 'guidance',
  title: '',
  summary: '',
  body: '',
  ownerOffice: 'research_security',
  audience: 'everyone',
  tags: '',
  researchAreas: '',
  reviewIntervalMonths: '12',
  jurisdiction: '',
  effectiveDate: '',
  topics: [],
  changeNote: '',
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

/** Creates or edits a document: Markdown with preview; a stale save shows what changed so it can be merged by hand. */
export function EditorPage() {
  const { id } = useParams()
  const t = useT()
  const navigate = useNavigate()
  const message = useErrorMessage()
  const existing = useAsync(() => (id ? knowledgeApi.document(id) : Promise.resolve(null)), [id])
  const [draft, setDraft] = useState<Draft>(empty)
  const [baseVersion, setBaseVersion] = useState<number | undefined>(undefined)
  const [tab, setTab] = useState<'write' | 'preview'>('write')
  const [conflict, setConflict] = useState<SaveConflict | null>(null)
  const [error, setError] = useState<{ text: string; fields: { field: string; message: string }[] } | null>(
    null,
  )
  const [isSaving, setSaving] = useState(false)

  useEffect(() => {
    const doc = existing.data
    if (!doc) return
    setDraft({
      slug: doc.slug,
      language: doc.language,
      kind: doc.kind,
      title: doc.title,
      summary: doc.summary,
      body: doc.body,
      ownerOffice: doc.ownerOffice ?? 'research_security',
      audience: doc.audience,
      tags: doc.tags.join(', '),
      researchAreas: doc.researchAreas.join(', '),
      reviewIntervalMonths: String(doc.reviewIntervalMonths),
      jurisdiction: doc.jurisdiction ?? '',
      effectiveDate: doc.effectiveDate ?? '',
      topics: doc.topics,
      changeNote: '',
    })
    setBaseVersion(doc.version)
  }, [existing.data])

  if (existing.error) return <ErrorState error={existing.error} onRetry={existing.reload} />
  if (id && !existing.data) return <Loading />

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }))
  const fieldError = (field: string) => error?.fields.find((item) => item.field === field)?.message
  const isRegulation = draft.kind === 'regulation'

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setSaving(true)
    setError(null)
    const input: SaveDocumentInput = {
      slug: draft.slug,
      language: draft.language,
      kind: draft.kind,
      title: draft.title,
      summary: draft.summary,
      body: draft.body,
      ownerOffice: OfficeKeySchema.safeParse(draft.ownerOffice).success
        ? (draft.ownerOffice as SaveDocumentInput['ownerOffice'])
        : null,
      ownerUserId: existing.data?.ownerUserId ?? null,
      audience: draft.audience,
      tags: list(draft.tags),
      researchAreas: list(draft.researchAreas),
      reviewIntervalMonths: Number(draft.reviewIntervalMonths) || 12,
      jurisdiction: isRegulation && draft.jurisdiction ? draft.jurisdiction.toUpperCase() : null,
      effectiveDate: isRegulation && draft.effectiveDate ? draft.effectiveDate : null,
      topics: isRegulation ? draft.topics : [],
      changeNote: draft.changeNote,
      ...(id ? { baseVersion } : {}),
    }
    try {
      const saved = id ? await knowledgeApi.save(id, input) : await knowledgeApi.create(input)
      navigate(`/knowledge/documents/${saved.documentId}`)
    } catch (caught) {
      const stale = saveConflictOf(caught)
      if (stale) {
        setConflict(stale)
      } else {
        setError({ text: message(caught), fields: isApiError(caught) ? caught.errors : [] })
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <PageHeader
        eyebrow={t('knowledge.nav')}
        title={
          existing.data
            ? t('knowledge.editor.titleEdit', { title: existing.data.title })
            : t('knowledge.editor.titleNew')
        }
        intro={t('knowledge.editor.intro')}
      />
      {conflict && (
        <section className="card card--padded kn-due" aria-labelledby="kn-conflict">
          <Alert tone="warning" title={t('knowledge.conflict.title')}>
            <p id="kn-conflict">
              {t('knowledge.conflict.text', { base: conflict.baseVersion, current: conflict.currentVersion })}
            </p>
          </Alert>
          <h2 className="section__title">{t('knowledge.conflict.theirChanges')}</h2>
          <SideBySideDiff diff={conflict.diff} />
          {baseVersion === conflict.currentVersion ? (
            <Alert tone="info">
              {t('knowledge.conflict.resolved', {
                current: conflict.currentVersion,
                next: conflict.currentVersion + 1,
              })}
            </Alert>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setBaseVersion(conflict.currentVersion)}
            >
              {t('knowledge.conflict.merge', { current: conflict.currentVersion })}
            </button>
          )}
        </section>
      )}
      {error && <Alert tone="error">{error.text}</Alert>}
      <form className="card card--padded kn-editor" onSubmit={save} noValidate>
        <div className="kn-editor__grid">
          <TextField
            label={t('knowledge.editor.title')}
            value={draft.title}
            onChange={(value) => set('title', value)}
            error={fieldError('title')}
          />
          <TextField
            label={t('knowledge.editor.slug')}
            hint={t('knowledge.editor.slugHint')}
            value={draft.slug}
            onChange={(value) => set('slug', value)}
            error={fieldError('slug')}
            disabled={Boolean(id)}
          />
          <SelectField
            label={t('knowledge.editor.language')}
            value={draft.language}
            onChange={(value) => set('language', value === 'en' ? 'en' : 'de')}
            options={[
              { value: 'de', label: t('knowledge.language.de') },
              { value: 'en', label: t('knowledge.language.en') },
            ]}
          />
          <SelectField
            label={t('knowledge.editor.kind')}
            value={draft.kind}
            onChange={(value) => set('kind', DocumentKindSchema.catch('guidance').parse(value))}
            options={DocumentKindSchema.options.map((kind) => ({ value: kind, label: t(kindKey(kind)) }))}
          />
          <SelectField
            label={t('knowledge.editor.owner')}
            value={draft.ownerOffice}
            onChange={(value) => set('ownerOffice', value)}
            options={OfficeKeySchema.options.map((key) => ({
              value: key,
              label: t(`reviews.office.${key}`),
            }))}
            error={fieldError('ownerOffice')}
          />
          <SelectField
            label={t('knowledge.editor.audience')}
            value={draft.audience}
            onChange={(value) => set('audience', AudienceSchema.catch('everyone').parse(value))}
            options={AudienceSchema.options.map((audience) => ({
              value: audience,
              label: t(`knowledge.audience.${audience}`),
            }))}
          />
          <TextField
            label={t('knowledge.editor.tags')}
            hint={t('knowledge.editor.tagsHint')}
            value={draft.tags}
            onChange={(value) => set('tags', value)}
            error={fieldError('tags')}
          />
          <TextField
            label={t('knowledge.editor.areas')}
            hint={t('knowledge.editor.areasHint')}
            value={draft.researchAreas}
            onChange={(value) => set('researchAreas', value)}
            error={fieldError('researchAreas')}
          />
          <TextField
            label={t('knowledge.editor.interval')}
            type="number"
            min={1}
            max={120}
            value={draft.reviewIntervalMonths}
            onChange={(value) => set('reviewIntervalMonths', value)}
            error={fieldError('reviewIntervalMonths')}
          />
        </div>
        {isRegulation && (
          <div className="kn-editor__grid">
            <TextField
              label={t('knowledge.editor.jurisdiction')}
              value={draft.jurisdiction}
              onChange={(value) => set('jurisdiction', value)}
              error={fieldError('jurisdiction')}
            />
            <TextField
              label={t('knowledge.editor.effective')}
              value={draft.effectiveDate}
              onChange={(value) => set('effectiveDate', value)}
              error={fieldError('effectiveDate')}
            />
          </div>
        )}
        {isRegulation && (
          <CheckboxGroup
            legend={t('knowledge.editor.topics')}
            options={RegulationTopicSchema.options.map((topic) => ({
              value: topic,
              label: t(`knowledge.topic.${topic}`),
            }))}
            selected={draft.topics}
            onChange={(topics) => set('topics', topics)}
            error={fieldError('topics')}
            columns={3}
          />
        )}
        <TextField
          label={t('knowledge.editor.summary')}
          value={draft.summary}
          onChange={(value) => set('summary', value)}
          error={fieldError('summary')}
        />
        <div className="field">
          <div
            className="tabs"
            role="tablist"
            aria-label={`${t('knowledge.editor.write')} / ${t('knowledge.editor.preview')}`}
          >
            <button
              type="button"
              role="tab"
              className="tabs__tab"
              aria-selected={tab === 'write'}
              aria-current={tab === 'write' ? 'page' : undefined}
              onClick={() => setTab('write')}
            >
              {t('knowledge.editor.write')}
            </button>
            <button
              type="button"
              role="tab"
              className="tabs__tab"
              aria-selected={tab === 'preview'}
              aria-current={tab === 'preview' ? 'page' : undefined}
              onClick={() => setTab('preview')}
            >
              {t('knowledge.editor.preview')}
            </button>
          </div>
          {tab === 'write' ? (
            <>
              <label className="field__label" htmlFor="kn-body">
                {t('knowledge.editor.body')}
              </label>
              <textarea
                id="kn-body"
                className="input kn-editor__body"
                value={draft.body}
                onChange={(event) => set('body', event.target.value)}
                rows={18}
              />
            </>
          ) : (
            <div className="kn-preview" role="tabpanel" aria-label={t('knowledge.editor.preview')}>
              <Markdown source={draft.body} />
            </div>
          )}
          {fieldError('body') && <p className="field__error">{fieldError('body')}</p>}
        </div>
        {conflict && (
          <details>
            <summary>{t('knowledge.conflict.theirText', { current: conflict.currentVersion })}</summary>
            <pre className="kn-preview" style={{ whiteSpace: 'pre-wrap', minHeight: 0 }}>
              {conflict.current.body}
            </pre>
          </details>
        )}
        <TextField
          label={t('knowledge.editor.changeNote')}
          value={draft.changeNote}
          onChange={(value) => set('changeNote', value)}
          optional
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={isSaving}>
            {t('knowledge.editor.save')}
          </button>
          <Link to={id ? `/knowledge/documents/${id}` : '/knowledge'} className="button button--ghost">
            {t('knowledge.editor.cancel')}
          </Link>
        </div>
      </form>
    </>
  )
}
