import type { DataSheet, TriState } from '../../../../modules/collaborations/collaboration.schema.js'
import { CheckboxGroup, TextAreaField, TextField } from '../../../components/Form.js'
import { useT } from '../../../i18n/i18n.js'
import { DateField, FormSection, NumberField, RadioGroup, type StepProps } from '../formParts.js'
import { activityKeys, dataKinds, fieldId } from '../labels.js'

const directions = ['outgoing', 'incoming', 'both'] as const
const triStates: readonly TriState[] = ['yes', 'no', 'unknown']

/** Step 3: what the partners plan to do together. */
export function ActivitiesStep({ sheet, update, errorFor }: StepProps) {
  const t = useT()
  const activities = sheet.activities
  const setActivities = (patch: Partial<DataSheet['activities']>) =>
    update((s) => ({ ...s, activities: { ...s.activities, ...patch } }))
  const selected = activityKeys.filter((key) => activities[key])
  const groupError = selected.length === 0 ? errorFor('activities') : undefined
  return (
    <FormSection title={t('collab.form.section.activities')} intro={t('collab.form.section.activitiesIntro')}>
      <CheckboxGroup
        id={fieldId('activities')}
        legend={t('collab.form.activitiesLegend')}
        hint={t('collab.form.activitiesHint')}
        options={activityKeys.map((key) => ({
          value: key,
          label: t(`collab.activity.${key}`),
          hint: t(`collab.activity.${key}.hint`),
        }))}
        selected={selected}
        onChange={(next) =>
          update((s) => {
            const changed = { ...s.activities }
            for (const key of activityKeys) changed[key] = next.includes(key)
            if (!changed.mobility) {
              changed.mobilityDirection = null
              changed.mobilityMonths = null
            }
            return { ...s, activities: changed }
          })
        }
        error={groupError}
      />
      {activities.mobility && (
        <div className="nested">
          <div className="form">
            <RadioGroup
              id={fieldId('activities.mobilityDirection')}
              legend={t('collab.field.mobilityDirection')}
              hint={t('collab.form.mobilityHint')}
              value={activities.mobilityDirection}
              options={directions.map((direction) => ({
                value: direction,
                label: t(`collab.direction.${direction}`),
              }))}
              onChange={(mobilityDirection) => setActivities({ mobilityDirection })}
              error={errorFor('activities.mobilityDirection')}
            />
            <div className="form-row">
              <NumberField
                id={fieldId('activities.mobilityMonths')}
                label={t('collab.field.mobilityMonths')}
                hint={t('collab.form.mobilityMonthsHint')}
                min={0}
                max={120}
                step={1}
                unit={t('collab.form.months')}
                value={activities.mobilityMonths}
                onChange={(mobilityMonths) => setActivities({ mobilityMonths })}
                error={errorFor('activities.mobilityMonths')}
              />
            </div>
          </div>
        </div>
      )}
      <TextAreaField
        id={fieldId('activities.notes')}
        label={t('collab.field.activities.notes')}
        hint={t('collab.form.activityNotesHint')}
        optional
        value={activities.notes}
        onChange={(notes) => setActivities({ notes })}
        error={errorFor('activities.notes')}
      />
    </FormSection>
  )
}

/** Step 4: which data and samples are involved, where they live and who sees them. */
export function DataStep({ sheet, update, errorFor }: StepProps) {
  const t = useT()
  const data = sheet.dataSamples
  const setData = (patch: Partial<DataSheet['dataSamples']>) =>
    update((s) => ({ ...s, dataSamples: { ...s.dataSamples, ...patch } }))
  const hasData = data.kinds.length > 0
  return (
    <FormSection title={t('collab.form.section.data')} intro={t('collab.form.section.dataIntro')}>
      <CheckboxGroup
        id={fieldId('dataSamples.kinds')}
        legend={t('collab.field.dataKinds')}
        hint={t('collab.form.dataKindsHint')}
        options={dataKinds.map((kind) => ({
          value: kind,
          label: t(`collab.dataKind.${kind}`),
          hint: t(`collab.dataKind.${kind}.hint`),
        }))}
        selected={data.kinds}
        onChange={(kinds) => setData({ kinds })}
        error={errorFor('dataSamples.kinds')}
      />
      {!hasData && <p className="field__hint">{t('collab.form.noDataHint')}</p>}
      <TextAreaField
        id={fieldId('dataSamples.storage')}
        label={t('collab.field.storage')}
        hint={t('collab.form.storageHint')}
        optional={!hasData}
        rows={2}
        value={data.storage}
        onChange={(storage) => setData({ storage })}
        error={errorFor('dataSamples.storage')}
      />
      <TextAreaField
        id={fieldId('dataSamples.processing')}
        label={t('collab.field.processing')}
        hint={t('collab.form.processingHint')}
        optional
        rows={2}
        value={data.processing}
        onChange={(processing) => setData({ processing })}
        error={errorFor('dataSamples.processing')}
      />
      <TextAreaField
        id={fieldId('dataSamples.access')}
        label={t('collab.field.access')}
        hint={t('collab.form.accessHint')}
        optional={!hasData}
        rows={2}
        value={data.access}
        onChange={(access) => setData({ access })}
        error={errorFor('dataSamples.access')}
      />
      <TextAreaField
        id={fieldId('dataSamples.notes')}
        label={t('collab.field.dataSamples.notes')}
        optional
        rows={2}
        value={data.notes}
        onChange={(notes) => setData({ notes })}
        error={errorFor('dataSamples.notes')}
      />
    </FormSection>
  )
}

/** Step 5: who pays, and what is set aside for research security. */
export function FundingStep({ sheet, update, errorFor }: StepProps) {
  const t = useT()
  const funding = sheet.funding
  const setFunding = (patch: Partial<DataSheet['funding']>) =>
    update((s) => ({ ...s, funding: { ...s.funding, ...patch } }))
  return (
    <>
      <FormSection title={t('collab.form.section.funders')} intro={t('collab.form.section.fundersIntro')}>
        <div id={fieldId('funding.funders')} tabIndex={-1} className="funder-list">
          {funding.funders.map((funder, index) => (
            // Funders have no id; the position is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <div key={index} className="form-row form-row--end funder-row">
              <TextField
                id={fieldId(`funding.funders.${index}.name`)}
                label={t('collab.form.funderName', { n: index + 1 })}
                value={funder.name}
                maxLength={300}
                onChange={(name) =>
                  setFunding({
                    funders: funding.funders.map((entry, at) => (at === index ? { ...entry, name } : entry)),
                  })
                }
                error={errorFor(`funding.funders.${index}.name`)}
              />
              <TextField
                id={fieldId(`funding.funders.${index}.programme`)}
                label={t('collab.field.funder.programme')}
                value={funder.programme}
                maxLength={300}
                optional
                onChange={(programme) =>
                  setFunding({
                    funders: funding.funders.map((entry, at) =>
                      at === index ? { ...entry, programme } : entry,
                    ),
                  })
                }
                error={errorFor(`funding.funders.${index}.programme`)}
              />
              <div className="field field--button">
                <button
                  type="button"
                  className="button button--danger-ghost button--small"
                  aria-label={t('collab.form.removeFunder', { name: funder.name || String(index + 1) })}
                  onClick={() => setFunding({ funders: funding.funders.filter((_, at) => at !== index) })}
                >
                  {t('collab.form.remove')}
                </button>
              </div>
            </div>
          ))}
          {funding.funders.length === 0 && <p className="field__hint">{t('collab.form.noFunders')}</p>}
          <div>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={funding.funders.length >= 10}
              onClick={() => setFunding({ funders: [...funding.funders, { name: '', programme: '' }] })}
            >
              + {t('collab.form.addFunder')}
            </button>
          </div>
        </div>
        <div className="form-row">
          <NumberField
            id={fieldId('funding.totalBudgetEur')}
            label={t('collab.field.totalBudgetEur')}
            optional
            min={0}
            step={100}
            unit="€"
            value={funding.totalBudgetEur}
            onChange={(totalBudgetEur) => setFunding({ totalBudgetEur })}
            error={errorFor('funding.totalBudgetEur')}
          />
          <NumberField
            id={fieldId('funding.ownShareEur')}
            label={t('collab.field.ownShareEur')}
            hint={t('collab.form.ownShareHint')}
            optional
            min={0}
            step={100}
            unit="€"
            value={funding.ownShareEur}
            onChange={(ownShareEur) => setFunding({ ownShareEur })}
            error={errorFor('funding.ownShareEur')}
          />
        </div>
      </FormSection>
      <FormSection title={t('collab.form.section.security')} intro={t('collab.form.section.securityIntro')}>
        <RadioGroup
          id={fieldId('funding.callHasSecurityGuidelines')}
          legend={t('collab.field.callHasSecurityGuidelines')}
          hint={t('collab.form.guidelinesHint')}
          value={funding.callHasSecurityGuidelines}
          options={triStates.map((value) => ({ value, label: t(`collab.answer.${value}`) }))}
          onChange={(callHasSecurityGuidelines) => setFunding({ callHasSecurityGuidelines })}
          error={errorFor('funding.callHasSecurityGuidelines')}
        />
        <div className="form-row">
          <NumberField
            id={fieldId('funding.securityBudgetEur')}
            label={t('collab.field.securityBudgetEur')}
            hint={t('collab.form.securityBudgetHint')}
            optional
            min={0}
            step={100}
            unit="€"
            value={funding.securityBudgetEur}
            onChange={(securityBudgetEur) => setFunding({ securityBudgetEur })}
            error={errorFor('funding.securityBudgetEur')}
          />
        </div>
        <TextAreaField
          id={fieldId('funding.securityBudgetNote')}
          label={t('collab.field.securityBudgetNote')}
          optional
          rows={2}
          value={funding.securityBudgetNote}
          onChange={(securityBudgetNote) => setFunding({ securityBudgetNote })}
          error={errorFor('funding.securityBudgetNote')}
        />
      </FormSection>
    </>
  )
}

/** Step 6: interests, reciprocity, exits and the planned duration. */
export function InterestsStep({ sheet, update, errorFor }: StepProps) {
  const t = useT()
  const interests = sheet.interests
  const setInterests = (patch: Partial<DataSheet['interests']>) =>
    update((s) => ({ ...s, interests: { ...s.interests, ...patch } }))
  const text = (
    key: 'researcherInterest' | 'institutionInterest' | 'expectedBenefits',
    optional: boolean,
  ) => (
    <TextAreaField
      id={fieldId(`interests.${key}`)}
      label={t(`collab.field.${key}`)}
      hint={t(`collab.form.${key}Hint`)}
      optional={optional}
      rows={2}
      value={interests[key]}
      onChange={(value) => setInterests({ [key]: value })}
      error={errorFor(`interests.${key}`)}
    />
  )
  return (
    <>
      <FormSection title={t('collab.form.section.interests')} intro={t('collab.form.section.interestsIntro')}>
        {text('researcherInterest', true)}
        {text('institutionInterest', true)}
        {text('expectedBenefits', true)}
        <TextAreaField
          id={fieldId('interests.reciprocity')}
          label={t('collab.field.reciprocity')}
          hint={t('collab.form.reciprocityHint')}
          rows={3}
          value={interests.reciprocity}
          onChange={(reciprocity) => setInterests({ reciprocity })}
          error={errorFor('interests.reciprocity')}
        />
        <TextAreaField
          id={fieldId('interests.exitOptions')}
          label={t('collab.field.exitOptions')}
          hint={t('collab.form.exitOptionsHint')}
          rows={3}
          value={interests.exitOptions}
          onChange={(exitOptions) => setInterests({ exitOptions })}
          error={errorFor('interests.exitOptions')}
        />
      </FormSection>
      <FormSection title={t('collab.form.section.duration')} intro={t('collab.form.section.durationIntro')}>
        <div className="form-row">
          <DateField
            id={fieldId('interests.startDate')}
            label={t('collab.field.startDate')}
            value={interests.startDate}
            onChange={(startDate) => setInterests({ startDate })}
            error={errorFor('interests.startDate')}
          />
          <DateField
            id={fieldId('interests.endDate')}
            label={t('collab.field.endDate')}
            value={interests.endDate}
            onChange={(endDate) => setInterests({ endDate })}
            error={errorFor('interests.endDate')}
          />
        </div>
      </FormSection>
    </>
  )
}
