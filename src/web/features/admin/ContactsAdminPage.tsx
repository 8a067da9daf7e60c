import { useMemo, useState } from 'react'
import {
  type ContactPerson,
  ContactTopicSchema,
  CreateContactPersonSchema,
  type Office,
  UpdateContactPersonSchema,
} from '../../../modules/organisation/organisation.schema.js'
import { api } from '../../api/client.js'
import { Dialog } from '../../components/Dialog.js'
import {
  Alert,
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  PageHeader,
  useErrorMessage,
} from '../../components/Feedback.js'
import {
  CheckboxGroup,
  FormActions,
  FormErrors,
  SelectField,
  TextField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { pick, useLocale, useT } from '../../i18n/i18n.js'

const topics = ContactTopicSchema.options

function ContactForm({
  contact,
  offices,
  onSaved,
  onCancel,
}: {
  contact: ContactPerson | null
  offices: readonly Office[]
  onSaved: (contact: ContactPerson) => void
  onCancel: () => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const [officeId, setOfficeId] = useState(contact?.officeId ?? '')
  const [name, setName] = useState(contact?.name ?? '')
  const [functionDe, setFunctionDe] = useState(contact?.functionDe ?? '')
  const [functionEn, setFunctionEn] = useState(contact?.functionEn ?? '')
  const [email, setEmail] = useState(contact?.email ?? '')
  const [phone, setPhone] = useState(contact?.phone ?? '')
  const [selectedTopics, setSelectedTopics] = useState(contact?.topics ?? [])
  const [languages, setLanguages] = useState((contact?.languages ?? ['de', 'en']).join(', '))
  const [sortOrder, setSortOrder] = useState(String(contact?.sortOrder ?? 0))

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const values = {
      officeId,
      name,
      functionDe,
      functionEn,
      email,
      phone,
      topics: topics.filter((topic) => selectedTopics.includes(topic)),
      languages: languages
        .split(/[,\s]+/)
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean),
      sortOrder: sortOrder.trim() === '' ? 0 : Number(sortOrder),
    }
    if (contact) {
      void form.submit(UpdateContactPersonSchema, values, async (body) =>
        onSaved(await api.contacts.update(contact.id, body)),
      )
    } else {
      void form.submit(CreateContactPersonSchema, values, async (body) =>
        onSaved(await api.contacts.create(body)),
      )
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormErrors form={form} />
      <div className="form-row">
        <TextField
          label={t('contactsAdmin.name')}
          value={name}
          onChange={setName}
          error={form.errorFor('name')}
          required
        />
        <SelectField
          label={t('contactsAdmin.office')}
          value={officeId}
          onChange={setOfficeId}
          options={[
            { value: '', label: t('users.chooseOffice') },
            ...offices.map((office) => ({
              value: office.id,
              label: pick(locale, office.nameDe, office.nameEn),
            })),
          ]}
          error={form.errorFor('officeId')}
        />
      </div>
      <div className="form-row">
        <TextField
          label={t('contactsAdmin.functionDe')}
          lang="de"
          value={functionDe}
          onChange={setFunctionDe}
          error={form.errorFor('functionDe')}
          optional
        />
        <TextField
          label={t('contactsAdmin.functionEn')}
          lang="en"
          value={functionEn}
          onChange={setFunctionEn}
          error={form.errorFor('functionEn')}
          optional
        />
      </div>
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
      <CheckboxGroup
        legend={t('contactsAdmin.topics')}
        options={topics.map((topic) => ({ value: topic, label: t(`topic.${topic}`) }))}
        selected={selectedTopics}
        onChange={setSelectedTopics}
        error={form.errorFor('topics')}
        columns={3}
      />
      <div className="form-row">
        <TextField
          label={t('contactsAdmin.languages')}
          hint={t('contactsAdmin.languagesHint')}
          value={languages}
          onChange={setLanguages}
          error={form.errorFor('languages')}
          optional
        />
        <TextField
          label={t('contactsAdmin.sortOrder')}
          hint={t('contactsAdmin.sortOrderHint')}
          type="number"
          inputMode="numeric"
          min={0}
          value={sortOrder}
          onChange={setSortOrder}
          error={form.errorFor('sortOrder')}
          optional
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

type Editing =
  | { kind: 'create' }
  | { kind: 'edit'; contact: ContactPerson }
  | { kind: 'delete'; contact: ContactPerson }
  | null

/** Administration of contact persons ("Whom do I ask?"): list, create, edit, delete. */
export function ContactsAdminPage() {
  const t = useT()
  const { locale } = useLocale()
  const errorMessage = useErrorMessage()
  const data = useAsync(() => Promise.all([api.contacts.list(), api.offices.list()]), [])
  const [editing, setEditing] = useState<Editing>(null)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [isDeleting, setDeleting] = useState(false)
  const [contacts, offices] = data.data ?? [[], []]
  const officeById = useMemo(() => new Map(offices.map((office) => [office.id, office])), [offices])
  const sorted = [...contacts].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, locale),
  )

  const setContacts = (update: (list: ContactPerson[]) => ContactPerson[]) =>
    data.setData((current) => (current ? [update(current[0]), current[1]] : current))

  const remove = async (contact: ContactPerson) => {
    setDeleting(true)
    try {
      await api.contacts.remove(contact.id)
      setContacts((list) => list.filter((entry) => entry.id !== contact.id))
      setNotice({ tone: 'success', text: t('contactsAdmin.deleted', { name: contact.name }) })
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    } finally {
      setDeleting(false)
      setEditing(null)
    }
  }

  const createButton = (
    <button type="button" className="button button--primary" onClick={() => setEditing({ kind: 'create' })}>
      {t('contactsAdmin.create')}
    </button>
  )

  return (
    <>
      <PageHeader
        eyebrow={t('nav.admin')}
        title={t('contactsAdmin.title')}
        intro={t('contactsAdmin.intro')}
        actions={createButton}
      />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.isLoading && !data.data ? (
        <Loading />
      ) : sorted.length === 0 ? (
        <EmptyState
          title={t('contactsAdmin.empty')}
          hint={t('contactsAdmin.emptyHint')}
          action={createButton}
        />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('contactsAdmin.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contactsAdmin.name')}</th>
                <th scope="col">{t('contactsAdmin.office')}</th>
                <th scope="col">{t('contactsAdmin.topics')}</th>
                <th scope="col">{t('offices.contact')}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((contact) => {
                const office = officeById.get(contact.officeId)
                return (
                  <tr key={contact.id}>
                    <td>
                      <span className="table__primary">{contact.name}</span>
                      <span className="table__secondary">
                        {pick(locale, contact.functionDe, contact.functionEn)}
                      </span>
                    </td>
                    <td>{office ? pick(locale, office.nameDe, office.nameEn) : t('common.none')}</td>
                    <td>
                      <span className="badge-row">
                        {contact.topics.map((topic) => (
                          <Badge key={topic} tone="info">
                            {t(`topic.${topic}`)}
                          </Badge>
                        ))}
                      </span>
                    </td>
                    <td>
                      {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
                      {contact.phone && <span className="table__secondary">{contact.phone}</span>}
                    </td>
                    <td className="table__actions">
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`${t('common.edit')}: ${contact.name}`}
                          onClick={() => setEditing({ kind: 'edit', contact })}
                        >
                          {t('common.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--danger-ghost button--small"
                          aria-label={`${t('common.delete')}: ${contact.name}`}
                          onClick={() => setEditing({ kind: 'delete', contact })}
                        >
                          {t('common.delete')}
                        </button>
                      </div>
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
          editing?.kind === 'create'
            ? t('contactsAdmin.create')
            : editing?.kind === 'delete'
              ? t('common.delete')
              : t('contactsAdmin.edit')
        }
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        wide={editing?.kind !== 'delete'}
      >
        {editing?.kind === 'delete' ? (
          <div className="form">
            <p>{t('contactsAdmin.confirmDelete', { name: editing.contact.name })}</p>
            <FormActions>
              <button
                type="button"
                className="button button--danger"
                disabled={isDeleting}
                onClick={() => void remove(editing.contact)}
              >
                {t('common.delete')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </button>
            </FormActions>
          </div>
        ) : editing ? (
          <ContactForm
            contact={editing.kind === 'edit' ? editing.contact : null}
            offices={offices}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setContacts((list) =>
                editing.kind === 'create'
                  ? [...list, saved]
                  : list.map((entry) => (entry.id === saved.id ? saved : entry)),
              )
              setNotice({
                tone: 'success',
                text: t(editing.kind === 'create' ? 'contactsAdmin.created' : 'contactsAdmin.updated', {
                  name: saved.name,
                }),
              })
              setEditing(null)
            }}
          />
        ) : null}
      </Dialog>
    </>
  )
}
