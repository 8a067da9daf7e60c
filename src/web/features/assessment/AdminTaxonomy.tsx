import { useState } from 'react'
import {
  type NoGoConsequence,
  NoGoConsequenceSchema,
  type NoGoRule,
  NoGoRulesInputSchema,
  type SensitiveArea,
  SensitiveAreasInputSchema,
} from '../../../modules/assessment/assessment.schema.js'
import { Dialog } from '../../components/Dialog.js'
import { Alert, Badge, EmptyState, ErrorState, Loading } from '../../components/Feedback.js'
import {
  FormActions,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { pick, useLocale, useT } from '../../i18n/i18n.js'
import { assessmentApi } from './api.js'

/** One term a line; blank lines dropped. */
export function termsFromText(text: string): string[] {
  return text
    .split('\n')
    .map((term) => term.trim())
    .filter(Boolean)
}

function AreaForm({
  areas,
  index,
  onSaved,
  onCancel,
}: {
  areas: readonly SensitiveArea[]
  index: number
  onSaved: (version: number) => void
  onCancel: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const area = areas[index]
  const [nameDe, setNameDe] = useState(area?.nameDe ?? '')
  const [nameEn, setNameEn] = useState(area?.nameEn ?? '')
  const [descriptionDe, setDescriptionDe] = useState(area?.descriptionDe ?? '')
  const [descriptionEn, setDescriptionEn] = useState(area?.descriptionEn ?? '')
  const [termsDe, setTermsDe] = useState((area?.termsDe ?? []).join('\n'))
  const [termsEn, setTermsEn] = useState((area?.termsEn ?? []).join('\n'))
  const at = (field: string) => form.errorFor(`areas.${index}.${field}`)
  if (!area) return null

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const edited = {
          ...area,
          nameDe,
          nameEn,
          descriptionDe,
          descriptionEn,
          termsDe: termsFromText(termsDe),
          termsEn: termsFromText(termsEn),
        }
        const values = { areas: areas.map((entry, position) => (position === index ? edited : entry)) }
        void form.submit(SensitiveAreasInputSchema, values, async (body) =>
          onSaved((await assessmentApi.saveSensitiveAreas(body)).version),
        )
      }}
    >
      <FormErrors form={form} />
      <p className="field__hint">{t('assessment.admin.newVersionHint')}</p>
      <div className="form-row">
        <TextField
          label={t('common.nameDe')}
          lang="de"
          value={nameDe}
          onChange={setNameDe}
          error={at('nameDe')}
        />
        <TextField
          label={t('common.nameEn')}
          lang="en"
          value={nameEn}
          onChange={setNameEn}
          error={at('nameEn')}
        />
      </div>
      <TextAreaField
        label={t('common.descriptionDe')}
        value={descriptionDe}
        onChange={setDescriptionDe}
        error={at('descriptionDe')}
        optional
      />
      <TextAreaField
        label={t('common.descriptionEn')}
        value={descriptionEn}
        onChange={setDescriptionEn}
        error={at('descriptionEn')}
        optional
      />
      <div className="form-row">
        <TextAreaField
          label={t('assessment.admin.areas.termsDe')}
          hint={t('assessment.admin.areas.termsHint')}
          rows={8}
          value={termsDe}
          onChange={setTermsDe}
          error={at('termsDe')}
        />
        <TextAreaField
          label={t('assessment.admin.areas.termsEn')}
          hint={t('assessment.admin.areas.termsHint')}
          rows={8}
          value={termsEn}
          onChange={setTermsEn}
          error={at('termsEn')}
        />
      </div>
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

/** The sensitive technology areas: descriptions and search terms in both languages; saving makes a new version. */
export function SensitiveAreasAdmin() {
  const t = useT()
  const { locale } = useLocale()
  const areas = useAsync(() => assessmentApi.sensitiveAreas(), [])
  const [editing, setEditing] = useState<number | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  if (areas.error) return <ErrorState error={areas.error} onRetry={areas.reload} />
  if (!areas.data) return <Loading />
  const list = areas.data.areas
  const editingArea = editing === null ? undefined : list[editing]

  return (
    <>
      <p className="section__intro">{t('assessment.admin.areas.intro', { version: areas.data.version })}</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('assessment.admin.tab.areas')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment.admin.areas.area')}</th>
              <th scope="col">{t('assessment.admin.areas.terms')}</th>
              <th scope="col" className="table__actions">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((area, index) => {
              const name = pick(locale, area.nameDe, area.nameEn)
              const terms = locale === 'de' ? area.termsDe : area.termsEn
              return (
                <tr key={area.key}>
                  <td>
                    <span className="table__primary">{name}</span>
                    <span className="table__secondary">
                      {pick(locale, area.descriptionDe, area.descriptionEn) || t('common.none')}
                    </span>
                  </td>
                  <td>
                    <span className="table__secondary assessment-admin__terms">
                      {terms.slice(0, 8).join(', ')}
                      {terms.length > 8
                        ? ` ${t('assessment.admin.areas.moreTerms', { count: terms.length - 8 })}`
                        : ''}
                    </span>
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`${t('common.edit')}: ${name}`}
                      onClick={() => {
                        setNotice(null)
                        setEditing(index)
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
      <Dialog
        title={editingArea ? pick(locale, editingArea.nameDe, editingArea.nameEn) : ''}
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing !== null && (
          <AreaForm
            areas={list}
            index={editing}
            onCancel={() => setEditing(null)}
            onSaved={(version) => {
              setEditing(null)
              setNotice(t('assessment.admin.savedVersion', { version }))
              areas.reload()
            }}
          />
        )}
      </Dialog>
    </>
  )
}

const consequences: readonly NoGoConsequence[] = NoGoConsequenceSchema.options

const consequenceTone: Record<NoGoConsequence, 'danger' | 'warning' | 'neutral'> = {
  blocks_submission: 'danger',
  needs_decision_maker: 'warning',
  warning: 'neutral',
}

const emptyRule: NoGoRule = {
  key: '',
  name: '',
  nameDe: '',
  explanation: '',
  explanationDe: '',
  condition: '',
  consequence: 'warning',
}

function RuleForm({
  rules,
  index,
  onSaved,
  onCancel,
}: {
  rules: readonly NoGoRule[]
  /** The rule's position; `rules.length` adds a new one. */
  index: number
  onSaved: (version: number) => void
  onCancel: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const isNew = index >= rules.length
  const [rule, setRule] = useState<NoGoRule>(rules[index] ?? emptyRule)
  const set = (patch: Partial<NoGoRule>) => setRule((current) => ({ ...current, ...patch }))
  const at = (field: string) => form.errorFor(`rules.${index}.${field}`)

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const values = {
          rules: isNew ? [...rules, rule] : rules.map((entry, at) => (at === index ? rule : entry)),
        }
        void form.submit(NoGoRulesInputSchema, values, async (body) =>
          onSaved((await assessmentApi.saveNoGoRules(body)).version),
        )
      }}
    >
      <FormErrors form={form} />
      <p className="field__hint">{t('assessment.admin.newVersionHint')}</p>
      {isNew && (
        <TextField
          label={t('assessment.admin.rules.key')}
          hint={t('assessment.admin.keyHint')}
          value={rule.key}
          onChange={(key) => set({ key })}
          error={at('key') ?? form.fieldErrors.find((error) => error.field === 'rules')?.message}
        />
      )}
      <div className="form-row">
        <TextField
          label={t('assessment.admin.rules.nameDe')}
          lang="de"
          value={rule.nameDe}
          onChange={(nameDe) => set({ nameDe })}
          error={at('nameDe')}
          optional
        />
        <TextField
          label={t('assessment.admin.rules.nameEn')}
          lang="en"
          value={rule.name}
          onChange={(name) => set({ name })}
          error={at('name')}
        />
      </div>
      <TextAreaField
        label={t('assessment.admin.rules.explanationDe')}
        hint={t('assessment.admin.rules.explanationHint')}
        value={rule.explanationDe}
        onChange={(explanationDe) => set({ explanationDe })}
        error={at('explanationDe')}
        optional
      />
      <TextAreaField
        label={t('assessment.admin.rules.explanationEn')}
        value={rule.explanation}
        onChange={(explanation) => set({ explanation })}
        error={at('explanation')}
      />
      <TextAreaField
        label={t('assessment.admin.rules.condition')}
        hint={t('assessment.admin.rules.conditionHint')}
        rows={2}
        value={rule.condition}
        onChange={(condition) => set({ condition })}
        error={at('condition')}
      />
      <SelectField
        label={t('assessment.admin.rules.consequence')}
        value={rule.consequence}
        onChange={(value) => {
          const consequence = consequences.find((option) => option === value)
          if (consequence) set({ consequence })
        }}
        options={consequences.map((value) => ({ value, label: t(`assessment.consequence.${value}`) }))}
        error={at('consequence')}
      />
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

/** The institution's no-go rules: name, explanation, consequence and condition; saving makes a new version. */
export function NoGoRulesAdmin() {
  const t = useT()
  const { locale } = useLocale()
  const rules = useAsync(() => assessmentApi.noGoRules(), [])
  const [editing, setEditing] = useState<number | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  if (rules.error) return <ErrorState error={rules.error} onRetry={rules.reload} />
  if (!rules.data) return <Loading />
  const list = rules.data.rules

  return (
    <>
      <div className="assessment-admin__bar">
        <p className="section__intro">{t('assessment.admin.rules.intro', { version: rules.data.version })}</p>
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => {
            setNotice(null)
            setEditing(list.length)
          }}
        >
          + {t('assessment.admin.rules.add')}
        </button>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {list.length === 0 ? (
        <EmptyState title={t('assessment.admin.rules.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('assessment.admin.tab.rules')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessment.admin.rules.rule')}</th>
                <th scope="col">{t('assessment.admin.rules.condition')}</th>
                <th scope="col">{t('assessment.admin.rules.consequence')}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((rule, index) => {
                const name = pick(locale, rule.nameDe, rule.name)
                return (
                  <tr key={rule.key}>
                    <td>
                      <span className="table__primary">{name}</span>
                      <span className="table__secondary">
                        {pick(locale, rule.explanationDe, rule.explanation)}
                      </span>
                    </td>
                    <td>
                      <code className="assessment-admin__condition">{rule.condition}</code>
                    </td>
                    <td>
                      <Badge tone={consequenceTone[rule.consequence]}>
                        {t(`assessment.consequence.${rule.consequence}`)}
                      </Badge>
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`${t('common.edit')}: ${name}`}
                        onClick={() => {
                          setNotice(null)
                          setEditing(index)
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
          editing !== null && editing >= list.length
            ? t('assessment.admin.rules.add')
            : t('assessment.admin.rules.edit')
        }
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing !== null && (
          <RuleForm
            rules={list}
            index={editing}
            onCancel={() => setEditing(null)}
            onSaved={(version) => {
              setEditing(null)
              setNotice(t('assessment.admin.savedVersion', { version }))
              rules.reload()
            }}
          />
        )}
      </Dialog>
    </>
  )
}
