import { useState } from 'react'
import { Link } from 'react-router'
import {
  type DocumentLanguage,
  defaultRegisterFields,
  registerFields,
} from '../../../modules/reportdocs/reportdocs.schema.js'
import { api } from '../../api/client.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { Alert, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { SelectField, TextField } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { pick, useLocale, useT } from '../../i18n/i18n.js'
import { statusOrder } from '../collaborations/labels.js'
import { reportdocsApi } from './api.js'

type FieldKey = (typeof registerFields)[number]['key']

/** One choice of a small radio group drawn like the form's option cards. */
function Choice<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string
  name: string
  value: V
  options: { value: V; label: string }[]
  onChange: (value: V) => void
}) {
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{legend}</legend>
      <div className="radio-options">
        {options.map((option) => (
          <label key={option.value} className="checkbox radio">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/**
 * The register export: the admin picks columns (and their order), filters like the list page and
 * downloads XLSX or CSV.
 */
export function RegisterExportPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const errorMessage = useErrorMessage()
  const units = useAsync(() => api.units.list(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const [fields, setFields] = useState<FieldKey[]>(defaultRegisterFields)
  const [status, setStatus] = useState('')
  const [unitId, setUnitId] = useState('')
  const [search, setSearch] = useState('')
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx')
  const [separator, setSeparator] = useState<'semicolon' | 'comma'>(locale === 'de' ? 'semicolon' : 'comma')
  const [language, setLanguage] = useState<DocumentLanguage>(locale)
  const [isBusy, setBusy] = useState(false)
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)

  const label = (key: FieldKey) => {
    const field = registerFields.find((candidate) => candidate.key === key)
    return field ? pick(locale, field.labelDe, field.labelEn) : key
  }
  const researchSecurity = offices.data?.find((office) => office.key === 'research_security')
  const seesAll =
    hasAnyRole(user, ['admin', 'decision_maker', 'auditor']) ||
    Boolean(
      user?.roles.some(
        (grant) => grant.role === 'office_reviewer' && grant.officeId === researchSecurity?.id,
      ),
    )
  const toggle = (key: FieldKey, on: boolean) =>
    setFields((current) => (on ? [...current, key] : current.filter((value) => value !== key)))
  const move = (index: number, by: -1 | 1) =>
    setFields((current) => {
      const next = [...current]
      const target = index + by
      const a = next[index]
      const b = next[target]
      if (a === undefined || b === undefined) return current
      next[index] = b
      next[target] = a
      return next
    })

  const download = async () => {
    setResult(null)
    if (fields.length === 0) {
      setResult({ tone: 'error', text: t('reportdocs.export.needField') })
      return
    }
    setBusy(true)
    try {
      const file = await reportdocsApi.exportRegister({
        fields: fields.join(','),
        format,
        separator: format === 'csv' ? separator : undefined,
        lang: language,
        status: status || undefined,
        unitId: unitId || undefined,
        q: search.trim() || undefined,
      })
      setResult({ tone: 'success', text: t('reportdocs.export.done', { file }) })
    } catch (caught) {
      setResult({ tone: 'error', text: errorMessage(caught) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <PageHeader
        eyebrow={t('nav.collaborations')}
        title={t('reportdocs.export.title')}
        intro={t('reportdocs.export.intro')}
        actions={
          <Link to="/collaborations?scope=all" className="button button--ghost">
            {t('collab.list.allTitle')}
          </Link>
        }
      />
      <p className="muted export-scope">
        {seesAll ? t('reportdocs.export.scopeAll') : t('reportdocs.export.scopeRouted')}
      </p>
      <div className="export-layout">
        <section className="card card--padded" aria-labelledby="export-fields-title">
          <div className="export-fields__head">
            <h2 id="export-fields-title" className="section__title">
              {t('reportdocs.export.fields')}
            </h2>
            <div className="button-row">
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setFields(registerFields.map((field) => field.key))}
              >
                {t('reportdocs.export.all')}
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setFields(defaultRegisterFields)}
              >
                {t('reportdocs.export.defaults')}
              </button>
            </div>
          </div>
          <p className="field__hint">{t('reportdocs.export.fieldsHint')}</p>
          <div className="export-fields">
            <fieldset className="fieldset">
              <legend className="visually-hidden">{t('reportdocs.export.fields')}</legend>
              <div className="checkbox-grid export-fields__choices">
                {registerFields.map((field) => (
                  <label key={field.key} className="checkbox">
                    <input
                      type="checkbox"
                      checked={fields.includes(field.key)}
                      onChange={(event) => toggle(field.key, event.target.checked)}
                    />
                    <span>
                      {pick(locale, field.labelDe, field.labelEn)}
                      <span className="checkbox__hint">
                        {pick(locale, field.descriptionDe, field.descriptionEn)}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <h3 className="export-order__title" id="export-order-title">
                {t('reportdocs.export.order')}
              </h3>
              {fields.length === 0 ? (
                <p className="muted">{t('reportdocs.export.orderEmpty')}</p>
              ) : (
                <ol className="export-order" aria-labelledby="export-order-title">
                  {fields.map((key, index) => (
                    <li key={key} className="export-order__item">
                      <span className="export-order__number">{index + 1}</span>
                      <span className="export-order__name">{label(key)}</span>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        disabled={index === 0}
                        aria-label={t('reportdocs.export.up', { name: label(key) })}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        disabled={index === fields.length - 1}
                        aria-label={t('reportdocs.export.down', { name: label(key) })}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-label={t('reportdocs.export.remove', { name: label(key) })}
                        onClick={() => toggle(key, false)}
                      >
                        ×
                      </button>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </div>
        </section>
        <section className="card card--padded export-options" aria-labelledby="export-options-title">
          <h2 id="export-options-title" className="section__title">
            {t('reportdocs.export.filters')}
          </h2>
          <SelectField
            label={t('reportdocs.export.status')}
            value={status}
            onChange={setStatus}
            options={[
              { value: '', label: t('reportdocs.export.allStatuses') },
              ...statusOrder
                .filter((value) => value !== 'draft')
                .map((value) => ({ value, label: t(`collab.status.${value}`) })),
            ]}
          />
          <SelectField
            label={t('reportdocs.export.unit')}
            value={unitId}
            onChange={setUnitId}
            options={[
              { value: '', label: t('reportdocs.export.allUnits') },
              ...(units.data ?? []).map((unit) => ({
                value: unit.id,
                label: `${unit.code} – ${pick(locale, unit.nameDe, unit.nameEn)}`,
              })),
            ]}
          />
          <TextField label={t('reportdocs.export.search')} value={search} onChange={setSearch} optional />
          <Choice
            legend={t('reportdocs.export.format')}
            name="export-format"
            value={format}
            onChange={setFormat}
            options={[
              { value: 'xlsx', label: t('reportdocs.export.xlsx') },
              { value: 'csv', label: t('reportdocs.export.csv') },
            ]}
          />
          {format === 'csv' && (
            <Choice
              legend={t('reportdocs.export.separator')}
              name="export-separator"
              value={separator}
              onChange={setSeparator}
              options={[
                { value: 'semicolon', label: t('reportdocs.export.semicolon') },
                { value: 'comma', label: t('reportdocs.export.comma') },
              ]}
            />
          )}
          <Choice
            legend={t('reportdocs.export.language')}
            name="export-language"
            value={language}
            onChange={setLanguage}
            options={[
              { value: 'de', label: t('locale.de') },
              { value: 'en', label: t('locale.en') },
            ]}
          />
          <div aria-live="polite">{result && <Alert tone={result.tone}>{result.text}</Alert>}</div>
          <button
            type="button"
            className="button button--primary export-options__download"
            disabled={isBusy}
            onClick={() => void download()}
          >
            {isBusy ? t('reportdocs.export.downloading') : t('reportdocs.export.download')}
          </button>
        </section>
      </div>
    </>
  )
}
