import { useEffect, useState } from 'react'
import { roles } from '../../../modules/access/access.schema.js'
import type { Office } from '../../../modules/organisation/organisation.schema.js'
import type {
  Audience,
  Enforcement,
  ObligationRule,
  TrainingModuleSummary,
} from '../../../modules/training/training.schema.js'
import { api, isApiError } from '../../api/client.js'
import { Alert, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { SelectField, TextField } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, pick, useLocale, useT } from '../../i18n/i18n.js'
import { trainingApi } from './api.js'
import { useTitle } from './parts.js'

type Status = { tone: 'success' | 'error'; text: string } | null

function SettingsSection() {
  const t = useT()
  const message = useErrorMessage()
  const settings = useAsync(() => trainingApi.settings(), [])
  const [choice, setChoice] = useState<Enforcement>('warn')
  const [status, setStatus] = useState<Status>(null)
  useEffect(() => {
    if (settings.data) setChoice(settings.data.enforcement)
  }, [settings.data])
  const save = async () => {
    try {
      const saved = await trainingApi.saveSettings(choice)
      settings.setData(() => saved)
      setStatus({ tone: 'success', text: t('common.saved') })
    } catch (error) {
      setStatus({ tone: 'error', text: message(error) })
      settings.reload()
    }
  }
  return (
    <section className="section card card--padded" aria-labelledby="settings-title">
      <h2 id="settings-title" className="section__title">
        {t('training.admin.settingsTitle')}
      </h2>
      {settings.error ? (
        <ErrorState error={settings.error} onRetry={settings.reload} />
      ) : (
        <fieldset className="fieldset">
          <legend className="field__label">{t('training.admin.enforcementLegend')}</legend>
          {(['warn', 'block'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="enforcement"
                value={value}
                checked={choice === value}
                onChange={() => setChoice(value)}
              />
              <span>
                {t(`training.admin.enforcement.${value}`)}
                <span className="checkbox__hint">{t(`training.admin.enforcement.${value}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <div className="button-row button-row--start">
        <button type="button" className="button button--primary" onClick={() => void save()}>
          {t('training.admin.saveSettings')}
        </button>
      </div>
    </section>
  )
}

const audienceKinds = ['role', 'collaboration', 'partner_country'] as const

function defaultAudience(kind: Audience['kind']): Audience {
  if (kind === 'role') return { kind: 'role', role: 'researcher', officeKey: null }
  if (kind === 'partner_country') return { kind: 'partner_country', countries: ['CN'] }
  return { kind: 'collaboration' }
}

/** A rule as the form edits it: countries as typed text. */
type DraftRule = { moduleKey: string; audience: Audience; countriesText: string }

function ObligationsSection({ modules, offices }: { modules: TrainingModuleSummary[]; offices: Office[] }) {
  const t = useT()
  const { locale } = useLocale()
  const title = useTitle()
  const message = useErrorMessage()
  const obligations = useAsync(() => trainingApi.obligations(), [])
  const [rules, setRules] = useState<DraftRule[] | null>(null)
  const [status, setStatus] = useState<Status>(null)
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([])
  useEffect(() => {
    if (obligations.data)
      setRules(
        obligations.data.map((rule) => ({
          moduleKey: rule.moduleKey,
          audience: rule.audience,
          countriesText: rule.audience.kind === 'partner_country' ? rule.audience.countries.join(', ') : '',
        })),
      )
  }, [obligations.data])
  if (obligations.error) return <ErrorState error={obligations.error} onRetry={obligations.reload} />
  if (!rules) return <Loading />

  const update = (index: number, change: Partial<DraftRule>) =>
    setRules((current) =>
      (current ?? []).map((rule, position) => (position === index ? { ...rule, ...change } : rule)),
    )
  const errorAt = (index: number, field: string) =>
    errors.find(
      (error) =>
        error.field === `rules.${index}.${field}` || error.field.startsWith(`rules.${index}.${field}.`),
    )?.message
  const moduleOptions = modules.map((module) => ({ value: module.key, label: title(module.title) }))
  const save = async () => {
    setStatus(null)
    setErrors([])
    const body: ObligationRule[] = rules.map((rule) =>
      rule.audience.kind === 'partner_country'
        ? {
            moduleKey: rule.moduleKey,
            audience: {
              kind: 'partner_country',
              countries: rule.countriesText
                .split(/[,\s]+/)
                .map((code) => code.trim().toUpperCase())
                .filter(Boolean),
            },
          }
        : { moduleKey: rule.moduleKey, audience: rule.audience },
    )
    try {
      const saved = await trainingApi.saveObligations(body)
      obligations.setData(() => saved)
      setStatus({ tone: 'success', text: t('common.saved') })
    } catch (error) {
      if (isApiError(error)) setErrors(error.errors)
      setStatus({ tone: 'error', text: message(error) })
    }
  }

  return (
    <section className="section" aria-labelledby="obligations-title">
      <h2 id="obligations-title" className="section__title">
        {t('training.admin.obligationsTitle')}
      </h2>
      <p className="section__intro">{t('training.admin.obligationsIntro')}</p>
      {rules.length === 0 && <p className="muted">{t('training.admin.noRules')}</p>}
      <ul className="rule-list">
        {rules.map((rule, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are edited in place by position
          <li key={index} className="card rule">
            <SelectField
              id={`rule-${index}-module`}
              label={t('training.admin.module')}
              value={rule.moduleKey}
              onChange={(moduleKey) => update(index, { moduleKey })}
              options={moduleOptions}
              error={errorAt(index, 'moduleKey')}
            />
            <SelectField
              id={`rule-${index}-audience`}
              label={t('training.admin.audience')}
              value={rule.audience.kind}
              onChange={(kind) =>
                update(index, { audience: defaultAudience(kind as Audience['kind']), countriesText: 'CN' })
              }
              options={audienceKinds.map((kind) => ({
                value: kind,
                label: t(`training.admin.audience.${kind}`),
              }))}
            />
            {rule.audience.kind === 'role' ? (
              <div className="stack">
                <SelectField
                  id={`rule-${index}-role`}
                  label={t('training.admin.role')}
                  value={rule.audience.role}
                  onChange={(role) =>
                    update(index, {
                      audience: {
                        kind: 'role',
                        role: role as (typeof roles)[number],
                        officeKey:
                          role === 'office_reviewer' && rule.audience.kind === 'role'
                            ? rule.audience.officeKey
                            : null,
                      },
                    })
                  }
                  options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                />
                {rule.audience.role === 'office_reviewer' && (
                  <SelectField
                    id={`rule-${index}-office`}
                    label={t('training.admin.office')}
                    value={rule.audience.officeKey ?? ''}
                    onChange={(officeKey) =>
                      update(index, {
                        audience: {
                          kind: 'role',
                          role: 'office_reviewer',
                          officeKey: (officeKey || null) as never,
                        },
                      })
                    }
                    options={[
                      { value: '', label: t('training.admin.anyOffice') },
                      ...offices.map((office) => ({
                        value: office.key,
                        label: pick(locale, office.nameDe, office.nameEn),
                      })),
                    ]}
                  />
                )}
              </div>
            ) : rule.audience.kind === 'partner_country' ? (
              <TextField
                id={`rule-${index}-countries`}
                label={t('training.admin.countries')}
                value={rule.countriesText}
                onChange={(countriesText) => update(index, { countriesText })}
                error={errorAt(index, 'audience')}
              />
            ) : (
              <span />
            )}
            <button
              type="button"
              className="button button--danger-ghost button--small"
              onClick={() => setRules(rules.filter((_, position) => position !== index))}
            >
              {t('training.admin.removeRule')}
            </button>
          </li>
        ))}
      </ul>
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <div className="button-row button-row--start">
        <button
          type="button"
          className="button button--secondary"
          disabled={modules.length === 0}
          onClick={() =>
            setRules([
              ...rules,
              { moduleKey: modules[0]?.key ?? '', audience: { kind: 'collaboration' }, countriesText: '' },
            ])
          }
        >
          {t('training.admin.addRule')}
        </button>
        <button type="button" className="button button--primary" onClick={() => void save()}>
          {t('training.admin.saveRules')}
        </button>
      </div>
    </section>
  )
}

function ModuleEditor({ moduleKey, onSaved }: { moduleKey: string; onSaved: () => void }) {
  const t = useT()
  const { locale } = useLocale()
  const title = useTitle()
  const message = useErrorMessage()
  const source = useAsync(() => trainingApi.source(moduleKey), [moduleKey])
  const [text, setText] = useState('')
  const [status, setStatus] = useState<Status>(null)
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([])
  useEffect(() => {
    if (source.data) setText(JSON.stringify(source.data.content, null, 2))
  }, [source.data])
  if (source.error) return <ErrorState error={source.error} onRetry={source.reload} />
  if (!source.data) return <Loading />
  const save = async () => {
    setStatus(null)
    setErrors([])
    let content: unknown
    try {
      content = JSON.parse(text)
    } catch (error) {
      setStatus({
        tone: 'error',
        text: t('training.admin.invalidJson', { message: (error as Error).message }),
      })
      return
    }
    try {
      await trainingApi.saveModule(moduleKey, content)
      setStatus({ tone: 'success', text: t('common.saved') })
      source.reload()
      onSaved()
    } catch (error) {
      if (isApiError(error)) setErrors(error.errors)
      setStatus({ tone: 'error', text: message(error) })
    }
  }
  return (
    <section className="card card--padded" aria-labelledby="editor-title">
      <h3 id="editor-title" className="section__title">
        {t('training.admin.editTitle', { title: title(source.data.content.title) })}
      </h3>
      <p className="section__intro">{t('training.admin.editHint')}</p>
      <label className="field">
        <span className="field__label">{t('training.admin.content')}</span>
        <textarea
          className="input json-editor"
          spellCheck={false}
          value={text}
          rows={24}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {status && (
        <Alert tone={status.tone}>
          {status.text}
          {errors.length > 0 && (
            <ul>
              {errors.map((error) => (
                <li key={`${error.field}-${error.message}`}>
                  <code>{error.field}</code>: {error.message}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <div className="button-row button-row--start">
        <button type="button" className="button button--primary" onClick={() => void save()}>
          {t('training.admin.saveModule')}
        </button>
      </div>
      <h4 className="field__label">{t('training.admin.history')}</h4>
      <ul className="version-list">
        {source.data.versions.map((version) => (
          <li key={version.version}>
            {t('training.admin.historyEntry', {
              version: version.version,
              date: formatDateTime(locale, version.createdAt),
              by: version.createdBy,
            })}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The admin's page: submission setting, obligations and module editing. */
export function TrainingAdminPage() {
  const t = useT()
  const title = useTitle()
  const modules = useAsync(() => trainingApi.modules(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const [editing, setEditing] = useState<string | null>(null)
  if (modules.error) return <ErrorState error={modules.error} onRetry={modules.reload} />
  if (!modules.data || !offices.data) return <Loading />
  return (
    <>
      <PageHeader title={t('training.admin.title')} intro={t('training.admin.intro')} />
      <div className="stack">
        <SettingsSection />
        <ObligationsSection modules={modules.data} offices={offices.data} />
        <section className="section" aria-labelledby="modules-title">
          <h2 id="modules-title" className="section__title">
            {t('training.admin.modulesTitle')}
          </h2>
          <p className="section__intro">{t('training.admin.modulesIntro')}</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('training.admin.modulesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.table.training')}</th>
                  <th scope="col">{t('training.table.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('training.table.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {modules.data.map((module) => (
                  <tr key={module.key}>
                    <td>
                      <span className="table__primary">{title(module.title)}</span>
                      <span className="table__secondary code">{module.key}</span>
                    </td>
                    <td>{t('training.admin.version', { version: module.version })}</td>
                    <td className="table__number">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-expanded={editing === module.key}
                        aria-label={`${t('training.admin.editModule')}: ${title(module.title)}`}
                        onClick={() => setEditing(editing === module.key ? null : module.key)}
                      >
                        {t('training.admin.editModule')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {editing && <ModuleEditor key={editing} moduleKey={editing} onSaved={modules.reload} />}
        </section>
      </div>
    </>
  )
}
