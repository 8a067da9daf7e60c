import { useState } from 'react'
import {
  type ApiToken,
  CreateApiTokenSchema,
  type CreatedApiToken,
} from '../../../modules/auth/auth.schema.js'
import { LocaleSchema, UpdateProfileSchema } from '../../../modules/organisation/organisation.schema.js'
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
import { FormActions, FormErrors, SelectField, TextField, useFormSubmission } from '../../components/Form.js'
import { roleList } from '../../components/labels.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, useLocale, useT } from '../../i18n/i18n.js'
import { NotificationSettingsSection } from '../notifications/NotificationSettings.js'
import { MyDataSection } from '../privacy/PersonalDataPage.js'

const expiryChoices = ['30', '90', '365', 'never'] as const

function ProfileSection() {
  const t = useT()
  const { locale, setLocale } = useLocale()
  const { user, updateUser } = useSession()
  const offices = useAsync(() => api.offices.list(), [])
  const form = useFormSubmission()
  const [displayName, setDisplayName] = useState(user?.displayName ?? '')
  const [language, setLanguage] = useState<string>(user?.locale ?? locale)
  const [saved, setSaved] = useState(false)
  if (!user) return null

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setSaved(false)
    void form.submit(UpdateProfileSchema, { displayName, locale: language }, async (body) => {
      const updated = await api.me.update(body)
      updateUser(updated)
      setLocale(updated.locale)
      setSaved(true)
    })
  }

  return (
    <section className="section card card--padded" aria-labelledby="profile-title">
      <h2 id="profile-title" className="section__title">
        {t('account.profile')}
      </h2>
      <p className="section__intro">{t('account.profileIntro')}</p>
      <dl className="facts">
        <div>
          <dt>{t('account.username')}</dt>
          <dd>
            <code className="code">{user.username}</code>
          </dd>
        </div>
        <div>
          <dt>{t('account.roles')}</dt>
          <dd>{roleList(t, locale, user.roles, offices.data)}</dd>
        </div>
      </dl>
      <form className="form form--narrow" onSubmit={onSubmit} noValidate>
        {saved && <Alert tone="success">{t('account.profileSaved')}</Alert>}
        <FormErrors form={form} />
        <TextField
          label={t('account.displayName')}
          autoComplete="name"
          value={displayName}
          onChange={setDisplayName}
          error={form.errorFor('displayName')}
          required
        />
        <SelectField
          label={t('account.language')}
          value={language}
          onChange={(value) => {
            const parsed = LocaleSchema.safeParse(value)
            if (parsed.success) setLanguage(parsed.data)
          }}
          options={[
            { value: 'de', label: t('locale.de') },
            { value: 'en', label: t('locale.en') },
          ]}
          error={form.errorFor('locale')}
        />
        <FormActions>
          <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
            {form.isSubmitting ? t('common.saving') : t('common.save')}
          </button>
        </FormActions>
      </form>
    </section>
  )
}

function tokenStatus(token: ApiToken, now: number): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked'
  if (token.expiresAt && Date.parse(token.expiresAt) < now) return 'expired'
  return 'active'
}

function NewTokenNotice({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const t = useT()
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token)
      setCopyState('copied')
    } catch {
      setCopyState('failed')
    }
  }
  return (
    <div className="secret" data-testid="new-token">
      <Alert tone="warning" title={t('account.newToken')}>
        <p>{t('account.newTokenWarning')}</p>
      </Alert>
      <div className="secret__row">
        <label className="visually-hidden" htmlFor="new-token-value">
          {t('account.newToken')}
        </label>
        <input
          id="new-token-value"
          className="input secret__value"
          readOnly
          value={created.token}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t('account.copy')}
        </button>
      </div>
      <p className="secret__status" role="status">
        {copyState === 'copied' ? t('account.copied') : copyState === 'failed' ? t('account.copyFailed') : ''}
      </p>
      <FormActions>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('common.close')}
        </button>
      </FormActions>
    </div>
  )
}

function TokensSection() {
  const t = useT()
  const { locale } = useLocale()
  const errorMessage = useErrorMessage()
  const tokens = useAsync(() => api.me.tokens(), [])
  const form = useFormSubmission()
  const [name, setName] = useState('')
  const [expiry, setExpiry] = useState<string>('90')
  const [created, setCreated] = useState<CreatedApiToken | null>(null)
  const [revoking, setRevoking] = useState<ApiToken | null>(null)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const now = Date.now()
  const list = [...(tokens.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setNotice(null)
    const values = { name, expiresInDays: expiry === 'never' ? null : Number(expiry) }
    void form.submit(CreateApiTokenSchema, values, async (body) => {
      const result = await api.me.createToken(body)
      tokens.setData((current) => [result.record, ...(current ?? [])])
      setCreated(result)
      setName('')
    })
  }

  const revoke = async (token: ApiToken) => {
    try {
      await api.me.revokeToken(token.id)
      tokens.reload()
      setNotice({ tone: 'success', text: t('account.tokenRevoked', { name: token.name }) })
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    } finally {
      setRevoking(null)
    }
  }

  return (
    <section className="section card card--padded" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="section__title">
        {t('account.tokens')}
      </h2>
      <p className="section__intro">{t('account.tokensIntro')}</p>

      {created ? (
        <NewTokenNotice created={created} onDone={() => setCreated(null)} />
      ) : (
        <form className="form form--inline" onSubmit={onSubmit} noValidate>
          <FormErrors form={form} />
          <div className="form-row form-row--end">
            <TextField
              label={t('account.tokenName')}
              hint={t('account.tokenNameHint')}
              value={name}
              onChange={setName}
              error={form.errorFor('name')}
              required
            />
            <SelectField
              label={t('account.expiresInDays')}
              value={expiry}
              onChange={setExpiry}
              options={expiryChoices.map((choice) => ({
                value: choice,
                label: choice === 'never' ? t('account.noExpiry') : t('account.days', { days: choice }),
              }))}
              error={form.errorFor('expiresInDays')}
            />
            <div className="field field--button">
              <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
                {t('account.createToken')}
              </button>
            </div>
          </div>
        </form>
      )}

      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {tokens.error ? <ErrorState error={tokens.error} onRetry={tokens.reload} /> : null}
      {tokens.isLoading && !tokens.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <EmptyState title={t('account.tokensEmpty')} hint={t('account.tokensEmptyHint')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('account.tokens')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.tokenName')}</th>
                <th scope="col">{t('account.tokenPrefix')}</th>
                <th scope="col">{t('account.created')}</th>
                <th scope="col">{t('account.expires')}</th>
                <th scope="col">{t('account.lastUsed')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((token) => {
                const status = tokenStatus(token, now)
                return (
                  <tr key={token.id} className={status === 'active' ? undefined : 'table__row--muted'}>
                    <td>
                      <span className="table__primary">{token.name}</span>
                    </td>
                    <td>
                      <code className="code">{token.prefix}…</code>
                    </td>
                    <td className="nowrap">{formatDate(locale, token.createdAt)}</td>
                    <td className="nowrap">
                      {token.expiresAt ? formatDate(locale, token.expiresAt) : t('account.noExpiry')}
                    </td>
                    <td className="nowrap">
                      {token.lastUsedAt ? formatDate(locale, token.lastUsedAt) : t('account.never')}
                    </td>
                    <td>
                      <Badge
                        tone={status === 'active' ? 'success' : status === 'expired' ? 'warning' : 'neutral'}
                      >
                        {t(`account.${status}`)}
                      </Badge>
                    </td>
                    <td className="table__actions">
                      {status === 'active' && (
                        <button
                          type="button"
                          className="button button--danger-ghost button--small"
                          aria-label={t('account.revokeLabel', { name: token.name })}
                          onClick={() => setRevoking(token)}
                        >
                          {t('account.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <Dialog title={t('account.revoke')} isOpen={revoking !== null} onClose={() => setRevoking(null)}>
        {revoking && (
          <div className="form">
            <p>{t('account.confirmRevoke', { name: revoking.name })}</p>
            <FormActions>
              <button type="button" className="button button--danger" onClick={() => void revoke(revoking)}>
                {t('account.revoke')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setRevoking(null)}>
                {t('common.cancel')}
              </button>
            </FormActions>
          </div>
        )}
      </Dialog>
    </section>
  )
}

/** My account: profile (display name, language), e-mail notifications and personal API tokens. */
export function AccountPage() {
  const t = useT()
  return (
    <>
      <PageHeader title={t('account.title')} />
      <div className="stack">
        <ProfileSection />
        <NotificationSettingsSection />
        <TokensSection />
        <MyDataSection />
      </div>
    </>
  )
}
