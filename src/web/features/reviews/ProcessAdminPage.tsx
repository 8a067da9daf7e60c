import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { OfficeKeySchema } from '../../../modules/organisation/organisation.schema.js'
import {
  type Fact,
  FactSchema,
  type ProcessConfig,
  ProcessConfigSchema,
  type RoutingRule,
} from '../../../modules/reviews/review.schema.js'
import { api } from '../../api/client.js'
import { Alert, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import {
  CheckboxGroup,
  FormActions,
  FormErrors,
  SelectField,
  TextAreaField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { reviewsApi } from './api.js'
import { factLabel, participantLabel } from './labels.js'

/** A new rule's id: unique enough within one configuration and within the schema's pattern. */
function newRuleId(): string {
  return `rule_${Date.now().toString(36)}_${Math.floor(Math.random() * 1000)}`
}

/** The admin page for the review process: review periods per office and the routing rules, published as a new version. */
export function ProcessAdminPage() {
  const t = useT()
  const { locale } = useLocale()
  const process = useAsync(() => reviewsApi.process(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const officeList = offices.data ?? []
  const form = useFormSubmission()
  const [config, setConfig] = useState<ProcessConfig | null>(null)
  const [published, setPublished] = useState<number | null>(null)

  useEffect(() => {
    if (process.data) setConfig(structuredClone(process.data.config))
  }, [process.data])

  if (process.error) return <ErrorState error={process.error} onRetry={process.reload} />
  if (!process.data || !config) return <Loading />
  const version = process.data

  const setOffice = (key: string, change: Partial<{ reviewDays: number; does: 'assesses' | 'advises' }>) => {
    const parsed = OfficeKeySchema.safeParse(key)
    if (!parsed.success) return
    const current = config.offices[parsed.data]
    if (!current) return
    setConfig({ ...config, offices: { ...config.offices, [parsed.data]: { ...current, ...change } } })
  }
  const setRule = (index: number, change: Partial<RoutingRule>) =>
    setConfig({
      ...config,
      routingRules: config.routingRules.map((rule, at) => (at === index ? { ...rule, ...change } : rule)),
    })
  const officeOptions = OfficeKeySchema.options.map((key) => ({
    value: key,
    label: participantLabel(t, locale, key, officeList),
  }))
  const factOptions = FactSchema.options.map((fact) => ({ value: fact, label: factLabel(t, fact) }))

  return (
    <>
      <PageHeader
        title={t('reviews.admin.title')}
        intro={t('reviews.admin.intro')}
        actions={
          <Link to="/process" className="button button--secondary">
            {t('reviews.admin.view')}
          </Link>
        }
      />
      <p className="muted">
        {t('reviews.admin.current', {
          version: version.version,
          date: formatDateTime(locale, version.createdAt),
        })}
      </p>
      {published !== null && (
        <Alert tone="success">{t('reviews.admin.published', { version: published })}</Alert>
      )}
      <form
        className="form stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          setPublished(null)
          void form.submit(ProcessConfigSchema, config, async (data) => {
            const result = await reviewsApi.publishProcess(data)
            process.setData(() => result)
            setPublished(result.version)
          })
        }}
      >
        <FormErrors form={form} />
        <section className="section card card--padded" aria-labelledby="admin-days-title">
          <h2 id="admin-days-title" className="section__title">
            {t('reviews.admin.daysTitle')}
          </h2>
          <p className="section__intro">{t('reviews.admin.daysIntro')}</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('reviews.admin.daysTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.queue.office')}</th>
                  <th scope="col">{t('reviews.process.role')}</th>
                  <th scope="col">{t('reviews.process.days')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(config.offices).map(([key, office]) => {
                  const name = participantLabel(t, locale, key, officeList)
                  return (
                    <tr key={key}>
                      <th scope="row">{name}</th>
                      <td>
                        <select
                          className="input select input--compact"
                          aria-label={t('reviews.admin.roleOf', { office: name })}
                          value={office.does}
                          onChange={(event) =>
                            setOffice(key, {
                              does: event.target.value === 'assesses' ? 'assesses' : 'advises',
                            })
                          }
                        >
                          <option value="assesses">{t('collab.does.assesses')}</option>
                          <option value="advises">{t('collab.does.advises')}</option>
                        </select>
                      </td>
                      <td>
                        <input
                          type="number"
                          min={1}
                          max={60}
                          className="input input--days"
                          aria-label={t('reviews.admin.daysOf', { office: name })}
                          value={office.reviewDays}
                          onChange={(event) => setOffice(key, { reviewDays: Number(event.target.value) })}
                        />
                      </td>
                    </tr>
                  )
                })}
                <tr>
                  <th scope="row">{t('reviews.expertTeam')}</th>
                  <td>{t('collab.does.advises')}</td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={60}
                      className="input input--days"
                      aria-label={t('reviews.admin.daysOf', { office: t('reviews.expertTeam') })}
                      value={config.expertTeamDays}
                      onChange={(event) =>
                        setConfig({ ...config, expertTeamDays: Number(event.target.value) })
                      }
                    />
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          {form.errorFor('offices') && <p className="field__error">{form.errorFor('offices')}</p>}
        </section>

        <section className="section" aria-labelledby="admin-rules-title">
          <h2 id="admin-rules-title" className="section__title">
            {t('reviews.admin.rulesTitle')}
          </h2>
          <p className="section__intro">{t('reviews.admin.rulesIntro')}</p>
          <div className="stack rule-editor-list">
            {config.routingRules.map((rule, index) => {
              const prefix = `routingRules.${index}`
              return (
                <fieldset key={rule.id} className="card card--padded rule-editor">
                  <legend className="rule-editor__legend">
                    {t('reviews.admin.ruleN', {
                      n: index + 1,
                      office: participantLabel(t, locale, rule.office, officeList),
                    })}
                  </legend>
                  <SelectField
                    label={t('reviews.admin.office')}
                    value={rule.office}
                    options={officeOptions}
                    onChange={(value) => {
                      const parsed = OfficeKeySchema.safeParse(value)
                      if (parsed.success) setRule(index, { office: parsed.data })
                    }}
                    error={form.errorFor(`${prefix}.office`)}
                  />
                  <CheckboxGroup<Fact>
                    legend={t('reviews.admin.facts')}
                    hint={t('reviews.admin.factsHint')}
                    options={factOptions}
                    selected={rule.whenAny}
                    onChange={(selected) => setRule(index, { whenAny: selected })}
                    error={form.errorFor(`${prefix}.whenAny`)}
                    columns={2}
                  />
                  <div className="two-columns">
                    <TextAreaField
                      label={t('reviews.admin.explanationDe')}
                      rows={3}
                      value={rule.explanationDe}
                      onChange={(value) => setRule(index, { explanationDe: value })}
                      error={form.errorFor(`${prefix}.explanationDe`)}
                    />
                    <TextAreaField
                      label={t('reviews.admin.explanationEn')}
                      rows={3}
                      value={rule.explanationEn}
                      onChange={(value) => setRule(index, { explanationEn: value })}
                      error={form.errorFor(`${prefix}.explanationEn`)}
                    />
                  </div>
                  <div>
                    <button
                      type="button"
                      className="button button--danger-ghost button--small"
                      onClick={() =>
                        setConfig({
                          ...config,
                          routingRules: config.routingRules.filter((_, at) => at !== index),
                        })
                      }
                    >
                      {t('reviews.admin.removeRule', { n: index + 1 })}
                    </button>
                  </div>
                </fieldset>
              )
            })}
          </div>
          <div className="button-row button-row--start">
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setConfig({
                  ...config,
                  routingRules: [
                    ...config.routingRules,
                    { id: newRuleId(), office: 'legal', whenAny: [], explanationDe: '', explanationEn: '' },
                  ],
                })
              }
            >
              + {t('reviews.admin.addRule')}
            </button>
          </div>
        </section>

        <div className="submit-box card card--padded">
          <p>{t('reviews.admin.publishHint', { next: version.version + 1 })}</p>
          <FormActions>
            <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
              {t('reviews.admin.publish')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setConfig(structuredClone(version.config))
                form.reset()
              }}
            >
              {t('reviews.admin.reset')}
            </button>
          </FormActions>
        </div>
      </form>
    </>
  )
}
