import { useEffect, useMemo, useState } from 'react'
import type { z } from 'zod'
import { type Role, type RoleGrant, roles } from '../../../modules/access/access.schema.js'
import {
  CreateUserSchema,
  type Locale,
  type Office,
  type Unit,
  UpdateUserSchema,
  type User,
} from '../../../modules/organisation/organisation.schema.js'
import { api } from '../../api/client.js'
import { useSession } from '../../api/session.js'
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
import { roleLabel } from '../../components/labels.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, pick, useLocale, useT } from '../../i18n/i18n.js'
import { privacyApi } from '../privacy/api.js'

const plainRoles = roles.filter((role) => role !== 'office_reviewer')

/** Roles as the form edits them: plain roles, plus the offices the user reviews for. */
interface RoleSelection {
  plain: Role[]
  isReviewer: boolean
  officeIds: string[]
}

function toSelection(grants: readonly RoleGrant[]): RoleSelection {
  const officeIds = grants
    .filter((grant) => grant.role === 'office_reviewer' && grant.officeId)
    .map((grant) => grant.officeId ?? '')
  return {
    plain: grants.filter((grant) => grant.role !== 'office_reviewer').map((grant) => grant.role),
    isReviewer: grants.some((grant) => grant.role === 'office_reviewer'),
    officeIds,
  }
}

function toGrants(selection: RoleSelection): RoleGrant[] {
  return [
    ...plainRoles.filter((role) => selection.plain.includes(role)).map((role) => ({ role, officeId: null })),
    ...(selection.isReviewer
      ? selection.officeIds.map((officeId) => ({ role: 'office_reviewer' as const, officeId }))
      : []),
  ]
}

function RoleEditor({
  value,
  onChange,
  offices,
  error,
}: {
  value: RoleSelection
  onChange: (value: RoleSelection) => void
  offices: readonly Office[]
  error?: string
}) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <fieldset className={error ? 'fieldset field--invalid' : 'fieldset'}>
      <legend className="field__label">{t('users.roles')}</legend>
      <div className="checkbox-grid checkbox-grid--2">
        {roles.map((role) => {
          const checked = role === 'office_reviewer' ? value.isReviewer : value.plain.includes(role)
          return (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                checked={checked}
                onChange={(event) => {
                  if (role === 'office_reviewer') onChange({ ...value, isReviewer: event.target.checked })
                  else
                    onChange({
                      ...value,
                      plain: event.target.checked
                        ? [...value.plain, role]
                        : value.plain.filter((r) => r !== role),
                    })
                }}
              />
              <span>{t(`role.${role}`)}</span>
            </label>
          )
        })}
      </div>
      {value.isReviewer && (
        <div className="nested">
          <CheckboxGroup
            legend={t('users.office')}
            options={offices.map((office) => ({
              value: office.id,
              label: pick(locale, office.nameDe, office.nameEn),
            }))}
            selected={value.officeIds}
            onChange={(officeIds) => onChange({ ...value, officeIds })}
            error={error}
          />
        </div>
      )}
      {error && !value.isReviewer && <p className="field__error">{error}</p>}
    </fieldset>
  )
}

function unitOptions(t: ReturnType<typeof useT>, locale: Locale, units: readonly Unit[]) {
  return [
    { value: '', label: t('users.noUnit') },
    ...[...units]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((unit) => ({ value: unit.id, label: `${unit.code} – ${pick(locale, unit.nameDe, unit.nameEn)}` })),
  ]
}

function UserForm({
  user,
  units,
  offices,
  onSaved,
  onCancel,
}: {
  user: User | null
  units: readonly Unit[]
  offices: readonly Office[]
  onSaved: (user: User) => void
  onCancel: () => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const [username, setUsername] = useState(user?.username ?? '')
  const [displayName, setDisplayName] = useState(user?.displayName ?? '')
  const [email, setEmail] = useState(user?.email ?? '')
  const [unitId, setUnitId] = useState(user?.unitId ?? '')
  const [password, setPassword] = useState('')
  const [userLocale, setUserLocale] = useState<string>(user?.locale ?? locale)
  const [selection, setSelection] = useState<RoleSelection>(
    toSelection(user?.roles ?? [{ role: 'researcher', officeId: null }]),
  )
  const officeRequired = t('users.officeRequired')

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const common = {
      displayName,
      email,
      unitId: unitId || null,
      locale: userLocale,
      roles: toGrants(selection),
    }
    // An office reviewer without an office could review nothing; the form asks for one.
    const needsOffice = <S extends z.ZodType>(schema: S) =>
      schema.superRefine((_value, context) => {
        if (selection.isReviewer && selection.officeIds.length === 0) {
          context.addIssue({ code: 'custom', path: ['roles'], message: officeRequired })
        }
      })
    if (user) {
      void form.submit(needsOffice(UpdateUserSchema), common, async (body) =>
        onSaved(await api.users.update(user.id, body)),
      )
    } else {
      const values = { ...common, username, ...(password ? { password } : {}) }
      void form.submit(needsOffice(CreateUserSchema), values, async (body) =>
        onSaved(await api.users.create(body)),
      )
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormErrors form={form} />
      <div className="form-row">
        {user ? (
          <TextField label={t('users.username')} value={user.username} onChange={() => undefined} readOnly />
        ) : (
          <TextField
            label={t('users.username')}
            hint={t('users.usernameHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={setUsername}
            error={form.errorFor('username')}
            required
          />
        )}
        <TextField
          label={t('users.displayName')}
          value={displayName}
          onChange={setDisplayName}
          error={form.errorFor('displayName')}
          required
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
        <SelectField
          label={t('users.unit')}
          value={unitId}
          onChange={setUnitId}
          options={unitOptions(t, locale, units)}
          error={form.errorFor('unitId')}
        />
      </div>
      <div className="form-row">
        {!user && (
          <TextField
            label={t('users.password')}
            hint={t('users.passwordHint')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={form.errorFor('password')}
            optional
          />
        )}
        <SelectField
          label={t('users.locale')}
          value={userLocale}
          onChange={setUserLocale}
          options={[
            { value: 'de', label: t('locale.de') },
            { value: 'en', label: t('locale.en') },
          ]}
          error={form.errorFor('locale')}
        />
      </div>
      <RoleEditor
        value={selection}
        onChange={setSelection}
        offices={offices}
        error={form.errorFor('roles')}
      />
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

function PasswordForm({
  user,
  onSaved,
  onCancel,
}: {
  user: User
  onSaved: (user: User) => void
  onCancel: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const [password, setPassword] = useState('')
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void form.submit(UpdateUserSchema, { password }, async (body) =>
          onSaved(await api.users.update(user.id, body)),
        )
      }}
    >
      <FormErrors form={form} />
      <TextField
        label={t('users.newPassword')}
        hint={t('users.passwordHint')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={form.errorFor('password')}
        required
      />
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {t('users.setPassword')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

type Editing = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null

/** Administration of user accounts: search, create, edit roles, (de)activate and set passwords. */
export function UsersPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user: me } = useSession()
  const errorMessage = useErrorMessage()
  const [search, setSearch] = useState('')
  const [query, setQuery] = useState('')
  const [editing, setEditing] = useState<Editing>(null)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)

  useEffect(() => {
    // Wait for a pause in typing before asking the server.
    const timer = window.setTimeout(() => setQuery(search.trim()), 250)
    return () => window.clearTimeout(timer)
  }, [search])

  const users = useAsync(() => api.users.list(query || undefined), [query])
  const units = useAsync(() => api.units.list(), [])
  const offices = useAsync(() => api.offices.list(), [])
  const unitById = useMemo(() => new Map((units.data ?? []).map((unit) => [unit.id, unit])), [units.data])

  const replace = (saved: User) =>
    users.setData((current) => (current ?? []).map((user) => (user.id === saved.id ? saved : user)))

  const toggleActive = async (user: User) => {
    setNotice(null)
    try {
      const saved = await api.users.update(user.id, { isActive: !user.isActive })
      replace(saved)
      setNotice({
        tone: 'success',
        text: t(saved.isActive ? 'users.activated' : 'users.deactivated', { name: saved.displayName }),
      })
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    }
  }

  const unlock = async (user: User) => {
    setNotice(null)
    try {
      await privacyApi.unlock(user.id)
      replace({ ...user, lockedUntil: null })
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    }
  }

  const createButton = (
    <button type="button" className="button button--primary" onClick={() => setEditing({ kind: 'create' })}>
      {t('users.create')}
    </button>
  )

  return (
    <>
      <PageHeader
        eyebrow={t('nav.admin')}
        title={t('users.title')}
        intro={t('users.intro')}
        actions={createButton}
      />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <search className="filters filters--inline">
        <div className="field">
          <label className="field__label" htmlFor="user-search">
            {t('users.search')}
          </label>
          <input
            id="user-search"
            type="search"
            className="input input--search"
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      </search>
      {users.error ? <ErrorState error={users.error} onRetry={users.reload} /> : null}
      {users.isLoading && !users.data ? (
        <Loading />
      ) : (users.data ?? []).length === 0 ? (
        <EmptyState title={t('users.empty')} hint={t('users.emptyHint')} action={createButton} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.unitColumn')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((user) => {
                const unit = user.unitId ? unitById.get(user.unitId) : undefined
                return (
                  <tr key={user.id} className={user.isActive ? undefined : 'table__row--muted'}>
                    <td>
                      <span className="table__primary">{user.displayName}</span>
                      <code className="table__secondary code">{user.username}</code>
                      {user.email && <span className="table__secondary">{user.email}</span>}
                    </td>
                    <td>
                      <span className="badge-row">
                        {user.roles.length === 0 ? (
                          <span className="muted">{t('role.none')}</span>
                        ) : (
                          user.roles.map((grant) => (
                            <Badge
                              key={`${grant.role}-${grant.officeId ?? ''}`}
                              tone={grant.role === 'admin' ? 'accent' : 'info'}
                            >
                              {roleLabel(t, locale, grant, offices.data)}
                            </Badge>
                          ))
                        )}
                      </span>
                    </td>
                    <td>{unit ? unit.code : t('common.none')}</td>
                    <td>
                      <span className="badge-row">
                        <Badge tone={user.isActive ? 'success' : 'danger'}>
                          {user.isActive ? t('users.active') : t('users.inactive')}
                        </Badge>
                        {user.hasSso && <Badge>{t('users.loginSso')}</Badge>}
                        {user.lockedUntil && user.lockedUntil > new Date().toISOString() && (
                          <Badge tone="danger">
                            {t('privacy.locked', { time: formatDateTime(locale, user.lockedUntil) })}
                          </Badge>
                        )}
                      </span>
                    </td>
                    <td className="table__actions">
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`${t('common.edit')}: ${user.displayName}`}
                          onClick={() => setEditing({ kind: 'edit', user })}
                        >
                          {t('common.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          aria-label={`${t('users.setPassword')}: ${user.displayName}`}
                          onClick={() => setEditing({ kind: 'password', user })}
                        >
                          {t('users.setPassword')}
                        </button>
                        {user.lockedUntil && user.lockedUntil > new Date().toISOString() && (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            aria-label={`${t('privacy.unlock')}: ${user.displayName}`}
                            onClick={() => void unlock(user)}
                          >
                            {t('privacy.unlock')}
                          </button>
                        )}
                        {user.id !== me?.id && (
                          <button
                            type="button"
                            className={
                              user.isActive
                                ? 'button button--danger-ghost button--small'
                                : 'button button--ghost button--small'
                            }
                            aria-label={`${user.isActive ? t('users.deactivate') : t('users.activate')}: ${user.displayName}`}
                            onClick={() => void toggleActive(user)}
                          >
                            {user.isActive ? t('users.deactivate') : t('users.activate')}
                          </button>
                        )}
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
            ? t('users.create')
            : editing?.kind === 'password'
              ? `${t('users.setPassword')}: ${editing.user.displayName}`
              : t('users.edit')
        }
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        wide={editing?.kind !== 'password'}
      >
        {editing?.kind === 'password' ? (
          <PasswordForm
            user={editing.user}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              replace(saved)
              setNotice({ tone: 'success', text: t('users.passwordSet', { name: saved.displayName }) })
              setEditing(null)
            }}
          />
        ) : editing ? (
          <UserForm
            user={editing.kind === 'edit' ? editing.user : null}
            units={units.data ?? []}
            offices={offices.data ?? []}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              if (editing.kind === 'create') users.setData((current) => [saved, ...(current ?? [])])
              else replace(saved)
              setNotice({
                tone: 'success',
                text: t(editing.kind === 'create' ? 'users.created' : 'users.updated', {
                  name: saved.displayName,
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
