import { useState } from 'react'
import { type AdHocResult, AdHocScreeningSchema } from '../../../modules/screening/screening.schema.js'
import { Alert, EmptyState, PageHeader } from '../../components/Feedback.js'
import { FormActions, FormErrors, SelectField, TextField, useFormSubmission } from '../../components/Form.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { RadioGroup } from '../collaborations/formParts.js'
import { countryOptions } from '../collaborations/labels.js'
import { screeningApi } from './api.js'
import { MatchDetails, StaleWarning } from './parts.js'

type Subject = 'organisation' | 'person'

/**
 * Ad-hoc screening for office reviewers and admins: one name (an organisation, with an optional
 * country, or a person, by name only) against the lists, with every match explained. Each search
 * is logged in the audit trail.
 */
export function AdHocPage() {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const [name, setName] = useState('')
  const [subject, setSubject] = useState<Subject>('organisation')
  const [country, setCountry] = useState('')
  const [result, setResult] = useState<AdHocResult | null>(null)
  const isPerson = subject === 'person'

  return (
    <>
      <PageHeader title={t('screening.adHoc.title')} intro={t('screening.adHoc.intro')} />
      <Alert tone="info">
        <p>{t('screening.adHoc.logged')}</p>
      </Alert>
      <search className="card card--padded screening-search">
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            const values = { name, isPerson, country: isPerson || !country ? null : country }
            void form.submit(AdHocScreeningSchema, values, async (body) =>
              setResult(await screeningApi.search(body)),
            )
          }}
        >
          <FormErrors form={form} />
          <RadioGroup
            legend={t('screening.adHoc.subject')}
            value={subject}
            options={[
              { value: 'organisation', label: t('screening.adHoc.organisation') },
              { value: 'person', label: t('screening.adHoc.person') },
            ]}
            onChange={setSubject}
          />
          <div className="form-row">
            <TextField
              label={t('screening.adHoc.name')}
              hint={t('screening.adHoc.nameHint')}
              value={name}
              maxLength={300}
              autoComplete="off"
              onChange={setName}
              error={form.errorFor('name')}
            />
            {isPerson ? (
              <p className="field__hint screening-search__person">{t('screening.adHoc.personHint')}</p>
            ) : (
              <SelectField
                label={t('screening.adHoc.country')}
                hint={t('screening.adHoc.countryHint')}
                optional
                value={country}
                onChange={setCountry}
                options={[{ value: '', label: t('screening.adHoc.anyCountry') }, ...countryOptions(locale)]}
                error={form.errorFor('country')}
              />
            )}
          </div>
          <FormActions>
            <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
              {form.isSubmitting ? t('screening.adHoc.searching') : t('screening.adHoc.submit')}
            </button>
          </FormActions>
        </form>
      </search>
      {result && (
        <section className="section screening-results" aria-labelledby="adhoc-results" aria-live="polite">
          <h2 id="adhoc-results" className="section__title">
            {t('screening.adHoc.results', { query: result.query })}
          </h2>
          <StaleWarning names={result.staleLists} />
          {result.listsScreened === 0 ? (
            <Alert tone="warning" title={t('screening.case.noListsTitle')}>
              <p>{t('screening.adHoc.noLists')}</p>
            </Alert>
          ) : result.matches.length === 0 ? (
            <EmptyState
              title={t('screening.adHoc.none', { count: result.listsScreened })}
              hint={t('screening.adHoc.noneHint')}
            />
          ) : (
            <>
              <p className="result-count">
                {t('screening.adHoc.count', { count: result.matches.length, lists: result.listsScreened })}
              </p>
              <div className="screening-hits">
                {result.matches.map((match) => (
                  <MatchDetails
                    key={`${match.list}-${match.entityId}`}
                    heading="h3"
                    listName={match.list}
                    listKind={match.listKind}
                    listVersion={null}
                    name={match.name}
                    matchedName={match.matchedName}
                    score={match.score}
                    verdict={match.verdict}
                    explanation={match.explanation}
                  />
                ))}
              </div>
            </>
          )}
        </section>
      )}
    </>
  )
}
