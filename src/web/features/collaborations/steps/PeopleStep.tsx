import type { InternalPerson, Partner } from '../../../../modules/collaborations/collaboration.schema.js'
import type { Unit, User } from '../../../../modules/organisation/organisation.schema.js'
import { SelectField, TextField } from '../../../components/Form.js'
import { pick, useLocale, useT } from '../../../i18n/i18n.js'
import { PartnerProposal } from '../../screening/PartnerProposal.js'
import { FormSection, type StepProps } from '../formParts.js'
import { countryOptions, fieldId, partnerKinds } from '../labels.js'

/** A new, empty partner with its own id (diffs follow a partner by id, not by position). */
export function newPartner(): Partner {
  return {
    id: crypto.randomUUID(),
    nameOriginal: '',
    nameEnglish: '',
    country: null,
    kind: null,
    department: '',
    contactName: '',
    contactRole: '',
  }
}

function PeopleList({
  group,
  people,
  onChange,
  me,
  errorFor,
  legend,
  hint,
  addLabel,
}: {
  group: 'principalInvestigators' | 'members'
  people: readonly InternalPerson[]
  onChange: (people: InternalPerson[]) => void
  me: User | null
  errorFor: (field: string) => string | undefined
  legend: string
  hint: string
  addLabel: string
}) {
  const t = useT()
  const hasMe = me !== null && people.some((person) => person.userId === me.id)
  const groupError = errorFor(group)
  const ownError = people.length === 0 ? groupError : undefined
  return (
    <fieldset id={fieldId(group)} className={ownError ? 'fieldset field--invalid' : 'fieldset'}>
      <legend className="field__label">{legend}</legend>
      <p className="field__hint">{hint}</p>
      {people.length > 0 && (
        <ul className="person-list">
          {people.map((person, index) => (
            // People have no id of their own; the position is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="person-list__item">
              {person.userId ? (
                <p className="person-list__user">
                  <span className="user-menu__avatar" aria-hidden="true">
                    {person.name.slice(0, 1).toUpperCase()}
                  </span>
                  <span>
                    <span className="table__primary">{person.name}</span>
                    <span className="table__secondary">{t('collab.form.liaisonUser')}</span>
                  </span>
                </p>
              ) : (
                <TextField
                  id={fieldId(`${group}.${index}.name`)}
                  label={t('collab.form.personName', { n: index + 1 })}
                  value={person.name}
                  maxLength={200}
                  onChange={(name) =>
                    onChange(people.map((entry, at) => (at === index ? { ...entry, name } : entry)))
                  }
                  error={errorFor(`${group}.${index}.name`)}
                  autoComplete="off"
                />
              )}
              <button
                type="button"
                className="button button--danger-ghost button--small"
                aria-label={t('collab.form.removePerson', { name: person.name || String(index + 1) })}
                onClick={() => onChange(people.filter((_, at) => at !== index))}
              >
                {t('collab.form.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="button-row button-row--start">
        {me && !hasMe && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChange([...people, { userId: me.id, name: me.displayName }])}
          >
            {t('collab.form.addMe')}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange([...people, { userId: null, name: '' }])}
        >
          {addLabel}
        </button>
      </div>
      {ownError && <p className="field__error">{ownError}</p>}
    </fieldset>
  )
}

function PartnerCard({
  partner,
  index,
  onChange,
  onRemove,
  errorFor,
}: {
  partner: Partner
  index: number
  onChange: (partner: Partner) => void
  onRemove: () => void
  errorFor: (field: string) => string | undefined
}) {
  const t = useT()
  const { locale } = useLocale()
  const at = `partners.${index}`
  const set = <K extends keyof Partner>(key: K, value: Partner[K]) => onChange({ ...partner, [key]: value })
  const title = partner.nameEnglish || partner.nameOriginal || t('collab.form.newPartner')
  return (
    <li className="partner-card">
      <div className="partner-card__header">
        <h4 className="partner-card__title">
          <span className="partner-card__number">{index + 1}</span>
          {title}
        </h4>
        <button
          type="button"
          className="button button--danger-ghost button--small"
          aria-label={t('collab.form.removePartner', { name: title })}
          onClick={onRemove}
        >
          {t('collab.form.remove')}
        </button>
      </div>
      <div className="form">
        <div className="form-row">
          <TextField
            id={fieldId(`${at}.nameOriginal`)}
            label={t('collab.field.partner.nameOriginal')}
            hint={t('collab.form.nameOriginalHint')}
            value={partner.nameOriginal}
            maxLength={300}
            onChange={(value) => set('nameOriginal', value)}
            error={errorFor(`${at}.nameOriginal`)}
          />
          <TextField
            id={fieldId(`${at}.nameEnglish`)}
            label={t('collab.field.partner.nameEnglish')}
            hint={t('collab.form.nameEnglishHint')}
            value={partner.nameEnglish}
            maxLength={300}
            onChange={(value) => set('nameEnglish', value)}
            error={errorFor(`${at}.nameEnglish`)}
          />
        </div>
        <PartnerProposal partner={partner} onAdopt={(names) => onChange({ ...partner, ...names })} />
        <div className="form-row">
          <SelectField
            id={fieldId(`${at}.country`)}
            label={t('collab.field.partner.country')}
            value={partner.country ?? ''}
            onChange={(value) => set('country', value || null)}
            options={[{ value: '', label: t('collab.form.choose') }, ...countryOptions(locale)]}
            error={errorFor(`${at}.country`)}
          />
          <SelectField
            id={fieldId(`${at}.kind`)}
            label={t('collab.field.partner.kind')}
            value={partner.kind ?? ''}
            onChange={(value) => set('kind', partnerKinds.find((kind) => kind === value) ?? null)}
            options={[
              { value: '', label: t('collab.form.choose') },
              ...partnerKinds.map((kind) => ({ value: kind, label: t(`collab.partnerKind.${kind}`) })),
            ]}
            error={errorFor(`${at}.kind`)}
          />
        </div>
        <TextField
          id={fieldId(`${at}.department`)}
          label={t('collab.field.partner.department')}
          value={partner.department}
          maxLength={300}
          optional
          onChange={(value) => set('department', value)}
          error={errorFor(`${at}.department`)}
        />
        <div className="form-row">
          <TextField
            id={fieldId(`${at}.contactName`)}
            label={t('collab.field.partner.contactName')}
            value={partner.contactName}
            maxLength={200}
            optional
            onChange={(value) => set('contactName', value)}
            error={errorFor(`${at}.contactName`)}
            autoComplete="off"
          />
          <TextField
            id={fieldId(`${at}.contactRole`)}
            label={t('collab.field.partner.contactRole')}
            hint={t('collab.form.contactRoleHint')}
            value={partner.contactRole}
            maxLength={200}
            optional
            onChange={(value) => set('contactRole', value)}
            error={errorFor(`${at}.contactRole`)}
          />
        </div>
      </div>
    </li>
  )
}

/** Step 2: the people at the institution and the partner organisations. */
export function PeopleStep({
  sheet,
  update,
  errorFor,
  units,
  me,
}: StepProps & { units: readonly Unit[]; me: User | null }) {
  const t = useT()
  const { locale } = useLocale()
  const partnersError = sheet.partners.length === 0 ? errorFor('partners') : undefined
  return (
    <>
      <FormSection title={t('collab.form.section.internal')} intro={t('collab.form.section.internalIntro')}>
        <SelectField
          id={fieldId('unitId')}
          label={t('collab.field.unitId')}
          value={sheet.unitId ?? ''}
          onChange={(value) => update((s) => ({ ...s, unitId: value || null }))}
          options={[
            { value: '', label: t('collab.form.choose') },
            ...[...units]
              .sort((a, b) => a.code.localeCompare(b.code))
              .map((unit) => ({
                value: unit.id,
                label: `${unit.code} – ${pick(locale, unit.nameDe, unit.nameEn)}`,
              })),
          ]}
          error={errorFor('unitId')}
        />
        <PeopleList
          group="principalInvestigators"
          legend={t('collab.field.principalInvestigators')}
          hint={t('collab.form.piHint')}
          addLabel={t('collab.form.addPi')}
          people={sheet.principalInvestigators}
          onChange={(principalInvestigators) => update((s) => ({ ...s, principalInvestigators }))}
          me={me}
          errorFor={errorFor}
        />
        <PeopleList
          group="members"
          legend={t('collab.field.members')}
          hint={t('collab.form.membersHint')}
          addLabel={t('collab.form.addMember')}
          people={sheet.members}
          onChange={(members) => update((s) => ({ ...s, members }))}
          me={me}
          errorFor={errorFor}
        />
      </FormSection>
      <FormSection title={t('collab.form.section.partners')} intro={t('collab.form.section.partnersIntro')}>
        <div id={fieldId('partners')} tabIndex={-1} className="partner-area">
          {sheet.partners.length > 0 && (
            <ul className="partner-list">
              {sheet.partners.map((partner, index) => (
                <PartnerCard
                  key={partner.id}
                  partner={partner}
                  index={index}
                  errorFor={errorFor}
                  onChange={(next) =>
                    update((s) => ({ ...s, partners: s.partners.map((p) => (p.id === next.id ? next : p)) }))
                  }
                  onRemove={() =>
                    update((s) => ({ ...s, partners: s.partners.filter((p) => p.id !== partner.id) }))
                  }
                />
              ))}
            </ul>
          )}
          {partnersError && <p className="field__error">{partnersError}</p>}
          <div>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => update((s) => ({ ...s, partners: [...s.partners, newPartner()] }))}
            >
              + {t('collab.form.addPartner')}
            </button>
          </div>
        </div>
      </FormSection>
    </>
  )
}
