import { useMemo, useState } from 'react'
import {
  type Office,
  UpdateOfficeSchema,
  type User,
} from '../../../modules/organisation/organisation.schema.js'
import { api } from '../../api/client.js'
import { Dialog } from '../../components/Dialog.js'
import { Alert, EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
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

function OfficeForm({
  office,
  users,
  onSaved,
  onCancel,
}: {
  office: Office
  users: readonly User[]
  onSaved: (office: Office) => void
  onCancel: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const [nameDe, setNameDe] = useState(office.nameDe)
  const [nameEn, setNameEn] = useState(office.nameEn)
  const [descriptionDe, setDescriptionDe] = useState(office.descriptionDe)
  const [descriptionEn, setDescriptionEn] = useState(office.descriptionEn)
  const [email, setEmail] = useState(office.email)
  const [phone, setPhone] = useState(office.phone)
  const [reviewDays, setReviewDays] = useState(String(office.reviewDays))
  const [leadUserId, setLeadUserId] = useState(office.leadUserId ?? '')
  const leadOptions = [
    { value: '', label: t('offices.noLead') },
    ...users
      .filter((user) => user.isActive || user.id === office.leadUserId)
      .map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` })),
  ]

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const values = {
      nameDe,
      nameEn,
      descriptionDe,
      descriptionEn,
      email,
      phone,
      // An empty or non-numeric entry becomes NaN, which the schema reports next to the field.
      reviewDays: reviewDays.trim() === '' ? Number.NaN : Number(reviewDays),
      leadUserId: leadUserId || null,
    }
    void form.submit(UpdateOfficeSchema, values, async (body) =>
      onSaved(await api.offices.update(office.id, body)),
    )
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormErrors form={form} />
      <div className="form-row">
        <TextField
          label={t('common.nameDe')}
          lang="de"
          value={nameDe}
          onChange={setNameDe}
          error={form.errorFor('nameDe')}
          required
        />
        <TextField
          label={t('common.nameEn')}
          lang="en"
          value={nameEn}
          onChange={setNameEn}
          error={form.errorFor('nameEn')}
          required
        />
      </div>
      <TextAreaField
        label={t('common.descriptionDe')}
        value={descriptionDe}
        onChange={setDescriptionDe}
        error={form.errorFor('descriptionDe')}
        optional
      />
      <TextAreaField
        label={t('common.descriptionEn')}
        value={descriptionEn}
        onChange={setDescriptionEn}
        error={form.errorFor('descriptionEn')}
        optional
      />
      <div className="form-row">
        <TextField
          label={t('common.email')}
          type="email"
          value={email}
          onChange={setEmail}
          error={form.errorFor('email')}
          optional
        />
        <TextField
          label={t('common.phone')}
          type="tel"
          value={phone}
          onChange={setPhone}
          error={form.errorFor('phone')}
          optional
        />
      </div>
      <div className="form-row">
        <TextField
          label={t('offices.reviewDays')}
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          value={reviewDays}
          onChange={setReviewDays}
          error={form.errorFor('reviewDays')}
          required
        />
        <SelectField
          label={t('offices.lead')}
          value={leadUserId}
          onChange={setLeadUserId}
          options={leadOptions}
          error={form.errorFor('leadUserId')}
        />
      </div>
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {form.isSubmitting ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/** Administration of the reviewing offices: names, descriptions, contact, review time and lead. */
export function OfficesPage() {
  const t = useT()
  const { locale } = useLocale()
  const offices = useAsync(() => api.offices.list(), [])
  const users = useAsync(() => api.users.list(), [])
  const [editing, setEditing] = useState<Office | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const userById = useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user])), [users.data])

  return (
    <>
      <PageHeader eyebrow={t('nav.admin')} title={t('offices.title')} intro={t('offices.intro')} />
      {notice && <Alert tone="success">{notice}</Alert>}
      {offices.error ? <ErrorState error={offices.error} onRetry={offices.reload} /> : null}
      {offices.isLoading && !offices.data ? (
        <Loading />
      ) : (offices.data ?? []).length === 0 ? (
        <EmptyState title={t('offices.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('offices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contactsAdmin.office')}</th>
                <th scope="col">{t('offices.contact')}</th>
                <th scope="col" className="table__number">
                  {t('offices.reviewDaysColumn')}
                </th>
                <th scope="col">{t('offices.lead')}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(offices.data ?? []).map((office) => {
                const lead = office.leadUserId ? userById.get(office.leadUserId) : undefined
                const name = pick(locale, office.nameDe, office.nameEn)
                return (
                  <tr key={office.id}>
                    <td>
                      <span className="table__primary">{name}</span>
                      <span className="table__secondary">
                        {pick(locale, office.descriptionDe, office.descriptionEn)}
                      </span>
                    </td>
                    <td>
                      {office.email ? <a href={`mailto:${office.email}`}>{office.email}</a> : null}
                      {office.phone ? <span className="table__secondary">{office.phone}</span> : null}
                      {!office.email && !office.phone ? t('common.none') : null}
                    </td>
                    <td className="table__number">
                      {t('offices.reviewDaysShort', { days: office.reviewDays })}
                    </td>
                    <td>{lead ? lead.displayName : <span className="muted">{t('common.none')}</span>}</td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setEditing(office)}
                        aria-label={`${t('common.edit')}: ${name}`}
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
      <Dialog title={t('offices.edit')} isOpen={editing !== null} onClose={() => setEditing(null)} wide>
        {editing && (
          <OfficeForm
            office={editing}
            users={users.data ?? []}
            onSaved={(saved) => {
              offices.setData((current) =>
                (current ?? []).map((office) => (office.id === saved.id ? saved : office)),
              )
              setNotice(t('offices.updated', { name: pick(locale, saved.nameDe, saved.nameEn) }))
              setEditing(null)
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </>
  )
}
