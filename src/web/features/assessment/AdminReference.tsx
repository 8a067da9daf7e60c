import { useMemo, useState } from 'react'
import {
  type AssessmentResult,
  type Checklist,
  type ChecklistContent,
  ChecklistInputSchema,
  type ReferenceKind,
} from '../../../modules/assessment/assessment.schema.js'
import { type OfficeKey, OfficeKeySchema } from '../../../modules/organisation/organisation.schema.js'
import { api } from '../../api/client.js'
import { Dialog } from '../../components/Dialog.js'
import { Alert, Badge, EmptyState, ErrorState, Loading, useErrorMessage } from '../../components/Feedback.js'
import {
  FormActions,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, formatDateTime, pick, useLocale, useT } from '../../i18n/i18n.js'
import { officeName } from './AssessmentView.js'
import { assessmentApi } from './api.js'
import { AnnexEntryDialog, useCategoryName } from './Evidence.js'

interface QuestionDraft {
  key: string
  textDe: string
  textEn: string
}

const newQuestionKey = () => `q_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`

const emptyChecklist: ChecklistContent = {
  key: '',
  titleDe: '',
  titleEn: '',
  ownerOffice: 'export_control',
  appliesTo: [],
  nextReviewOn: '',
  questions: [],
}

function ChecklistForm({
  checklist,
  onSaved,
  onCancel,
}: {
  checklist: Checklist | null
  onSaved: (saved: Checklist) => void
  onCancel: () => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const offices = useAsync(() => api.offices.list(), [])
  const start = checklist ?? emptyChecklist
  const [key, setKey] = useState(start.key)
  const [titleDe, setTitleDe] = useState(start.titleDe)
  const [titleEn, setTitleEn] = useState(start.titleEn)
  const [ownerOffice, setOwnerOffice] = useState<OfficeKey>(start.ownerOffice)
  const [appliesTo, setAppliesTo] = useState(start.appliesTo.join(', '))
  const [nextReviewOn, setNextReviewOn] = useState(start.nextReviewOn)
  const [questions, setQuestions] = useState<QuestionDraft[]>(
    start.questions.length > 0 ? start.questions : [{ key: newQuestionKey(), textDe: '', textEn: '' }],
  )
  const change = (index: number, patch: Partial<QuestionDraft>) =>
    setQuestions(questions.map((question, at) => (at === index ? { ...question, ...patch } : question)))

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const values = {
          key,
          titleDe,
          titleEn,
          ownerOffice,
          appliesTo: appliesTo
            .split(/[,\s]+/)
            .map((entry) => entry.trim())
            .filter(Boolean),
          nextReviewOn,
          questions: questions.filter((question) => question.textDe.trim() || question.textEn.trim()),
        }
        void form.submit(ChecklistInputSchema, values, async (body) =>
          onSaved(await assessmentApi.saveChecklist(body)),
        )
      }}
    >
      <FormErrors form={form} />
      <p className="field__hint">{t('assessment.admin.newVersionHint')}</p>
      {checklist === null && (
        <TextField
          label={t('assessment.admin.checklists.key')}
          hint={t('assessment.admin.keyHint')}
          value={key}
          onChange={setKey}
          error={form.errorFor('key')}
        />
      )}
      <div className="form-row">
        <TextField
          label={t('assessment.admin.checklists.titleDe')}
          lang="de"
          value={titleDe}
          onChange={setTitleDe}
          error={form.errorFor('titleDe')}
        />
        <TextField
          label={t('assessment.admin.checklists.titleEn')}
          lang="en"
          value={titleEn}
          onChange={setTitleEn}
          error={form.errorFor('titleEn')}
        />
      </div>
      <div className="form-row">
        <SelectField
          label={t('assessment.admin.checklists.owner')}
          value={ownerOffice}
          onChange={(value) => {
            const parsed = OfficeKeySchema.safeParse(value)
            if (parsed.success) setOwnerOffice(parsed.data)
          }}
          options={OfficeKeySchema.options.map((value) => ({
            value,
            label: officeName(offices.data ?? [], value, locale, t),
          }))}
          error={form.errorFor('ownerOffice')}
        />
        <TextField
          label={t('assessment.admin.checklists.nextReview')}
          type="date"
          value={nextReviewOn}
          onChange={setNextReviewOn}
          error={form.errorFor('nextReviewOn')}
        />
      </div>
      <TextField
        label={t('assessment.admin.checklists.appliesTo')}
        hint={t('assessment.admin.checklists.appliesToHint')}
        value={appliesTo}
        onChange={setAppliesTo}
        error={form.errorFor('appliesTo')}
      />
      <fieldset className="fieldset">
        <legend className="field__label">{t('assessment.admin.checklists.questions')}</legend>
        {form.fieldErrors.find((error) => error.field === 'questions') && (
          <p className="field__error">
            {form.fieldErrors.find((error) => error.field === 'questions')?.message}
          </p>
        )}
        <ol className="assessment-admin__questions">
          {questions.map((question, index) => (
            <li key={question.key} className="assessment-admin__question">
              <TextAreaField
                label={t('assessment.admin.checklists.questionDe', { n: index + 1 })}
                rows={2}
                value={question.textDe}
                onChange={(textDe) => change(index, { textDe })}
                error={form.errorFor(`questions.${index}.textDe`)}
              />
              <TextAreaField
                label={t('assessment.admin.checklists.questionEn', { n: index + 1 })}
                rows={2}
                value={question.textEn}
                onChange={(textEn) => change(index, { textEn })}
                error={form.errorFor(`questions.${index}.textEn`)}
              />
              <button
                type="button"
                className="button button--danger-ghost button--small"
                onClick={() => setQuestions(questions.filter((_, at) => at !== index))}
              >
                {t('assessment.admin.checklists.removeQuestion', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ol>
        <div>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setQuestions([...questions, { key: newQuestionKey(), textDe: '', textEn: '' }])}
          >
            + {t('assessment.admin.checklists.addQuestion')}
          </button>
        </div>
      </fieldset>
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {form.isSubmitting ? t('common.saving') : t('assessment.admin.saveVersion')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/** Dual-use checklists per research area: owner office, questions, next review date; stale ones marked. */
export function ChecklistsAdmin() {
  const t = useT()
  const { locale } = useLocale()
  const checklists = useAsync(() => assessmentApi.checklists(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const [editing, setEditing] = useState<Checklist | 'new' | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  if (checklists.error) return <ErrorState error={checklists.error} onRetry={checklists.reload} />
  if (!checklists.data) return <Loading />
  const list = checklists.data

  return (
    <>
      <div className="assessment-admin__bar">
        <p className="section__intro">{t('assessment.admin.checklists.intro')}</p>
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => {
            setNotice(null)
            setEditing('new')
          }}
        >
          + {t('assessment.admin.checklists.add')}
        </button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {list.length === 0 ? (
        <EmptyState title={t('assessment.admin.checklists.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('assessment.admin.tab.checklists')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessment.admin.checklists.checklist')}</th>
                <th scope="col">{t('assessment.admin.checklists.owner')}</th>
                <th scope="col">{t('assessment.admin.checklists.nextReview')}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((checklist) => {
                const title = pick(locale, checklist.titleDe, checklist.titleEn)
                return (
                  <tr key={checklist.key}>
                    <td>
                      <span className="table__primary">{title}</span>
                      <span className="table__secondary">
                        {t('assessment.admin.checklists.summary', {
                          count: checklist.questions.length,
                          version: checklist.version,
                          applies: checklist.appliesTo.join(', '),
                        })}
                      </span>
                    </td>
                    <td>{officeName(offices.data ?? [], checklist.ownerOffice, locale, t)}</td>
                    <td className="nowrap">
                      {formatDate(locale, checklist.nextReviewOn)}{' '}
                      {checklist.isStale && <Badge tone="warning">{t('assessment.checklist.stale')}</Badge>}
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`${t('common.edit')}: ${title}`}
                        onClick={() => {
                          setNotice(null)
                          setEditing(checklist)
                        }}
                      >
                        {t('common.edit')}
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <Dialog
        title={
          editing === 'new' || editing === null
            ? t('assessment.admin.checklists.add')
            : pick(locale, editing.titleDe, editing.titleEn)
        }
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing !== null && (
          <ChecklistForm
            checklist={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null)
              setNotice(t('assessment.admin.savedVersion', { version: saved.version }))
              checklists.reload()
            }}
          />
        )}
      </Dialog>
    </>
  )
}

const kinds: readonly ReferenceKind[] = [
  'annex',
  'vocabulary',
  'sensitive_areas',
  'no_go_rules',
  'weights',
  'checklist',
]

/** Every stored version of the reference data: what an assessment can be reproduced against. */
export function VersionsAdmin() {
  const t = useT()
  const { locale } = useLocale()
  const versions = useAsync(() => assessmentApi.versions(), [])
  const [kind, setKind] = useState<ReferenceKind | ''>('')
  const rows = useMemo(
    () =>
      (versions.data ?? [])
        .filter((row) => kind === '' || row.kind === kind)
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key) || b.version - a.version),
    [versions.data, kind],
  )
  if (versions.error) return <ErrorState error={versions.error} onRetry={versions.reload} />
  if (!versions.data) return <Loading />

  return (
    <>
      <p className="section__intro">{t('assessment.admin.versions.intro')}</p>
      <div className="assessment-admin__filter">
        <SelectField
          label={t('assessment.admin.versions.kind')}
          value={kind}
          onChange={(value) => setKind(kinds.find((entry) => entry === value) ?? '')}
          options={[
            { value: '', label: t('assessment.admin.versions.allKinds') },
            ...kinds.map((value) => ({ value, label: t(`assessment.kind.${value}`) })),
          ]}
        />
      </div>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('assessment.admin.tab.versions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment.admin.versions.kind')}</th>
              <th scope="col" className="table__number">
                {t('assessment.admin.versions.version')}
              </th>
              <th scope="col">{t('assessment.admin.versions.label')}</th>
              <th scope="col">{t('assessment.admin.versions.created')}</th>
              <th scope="col">{t('assessment.admin.versions.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.kind}-${row.key}-${row.version}`}>
                <td>
                  <span className="table__primary">{t(`assessment.kind.${row.kind}`)}</span>
                  {row.key && <span className="table__secondary">{row.key}</span>}
                </td>
                <td className="table__number">{row.version}</td>
                <td>{row.label}</td>
                <td>
                  <span className="nowrap">{formatDateTime(locale, row.createdAt)}</span>
                  <span className="table__secondary">{row.createdBy}</span>
                </td>
                <td>
                  <code title={row.contentHash}>{row.contentHash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

const codePattern = /^\d[A-Ea-e]\d{3}$/

/**
 * The Annex I browser: a code opens the entry; words are run through the assessment engine and
 * list the entries they resemble (there is no separate full-text search endpoint).
 */
export function AnnexAdmin() {
  const t = useT()
  const errorMessage = useErrorMessage()
  const categoryName = useCategoryName()
  const versions = useAsync(() => assessmentApi.versions(), [])
  const annexVersions = (versions.data ?? [])
    .filter((row) => row.kind === 'annex')
    .sort((a, b) => b.version - a.version)
  const [query, setQuery] = useState('')
  const [version, setVersion] = useState('')
  const [open, setOpen] = useState<string | null>(null)
  const [results, setResults] = useState<AssessmentResult['candidates'] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isSearching, setSearching] = useState(false)

  const search = async () => {
    const text = query.trim()
    setError(null)
    if (!text) return
    if (codePattern.test(text)) {
      setOpen(text.toUpperCase())
      return
    }
    setSearching(true)
    try {
      const result = await assessmentApi.adHoc({ text, trl: null, researchAreas: [] })
      setResults(result.candidates)
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setSearching(false)
    }
  }

  return (
    <>
      <p className="section__intro">{t('assessment.admin.annex.intro')}</p>
      <search className="filters filters--row">
        <form
          className="assessment-admin__search"
          onSubmit={(event) => {
            event.preventDefault()
            void search()
          }}
        >
          <TextField
            label={t('assessment.admin.annex.search')}
            hint={t('assessment.admin.annex.searchHint')}
            type="search"
            value={query}
            onChange={setQuery}
          />
          <SelectField
            label={t('assessment.admin.annex.version')}
            value={version}
            onChange={setVersion}
            options={[
              { value: '', label: t('assessment.admin.annex.newest') },
              ...annexVersions.map((row) => ({
                value: String(row.version),
                label: `${row.label} (v${row.version})`,
              })),
            ]}
          />
          <div className="field field--button">
            <button type="submit" className="button button--primary" disabled={isSearching}>
              {t('common.search')}
            </button>
          </div>
        </form>
      </search>
      {error && <Alert tone="error">{error}</Alert>}
      {results !== null &&
        (results.length === 0 ? (
          <EmptyState title={t('assessment.admin.annex.noResults')} />
        ) : (
          <ul className="assessment-admin__annex-results">
            {results.map((candidate) => (
              <li key={candidate.code}>
                <button
                  type="button"
                  className="assessment-admin__annex-result"
                  onClick={() => setOpen(candidate.code)}
                >
                  <code className="assessment-candidate__code">{candidate.code}</code>
                  <span className="assessment-candidate__category">{categoryName(candidate.category)}</span>
                  <span className="assessment-candidate__heading" lang="en">
                    {candidate.heading}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      <AnnexEntryDialog
        code={open}
        version={version ? Number(version) : undefined}
        onClose={() => setOpen(null)}
      />
    </>
  )
}
