import { useEffect, useState } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { LoginSchema } from '../../../modules/auth/auth.schema.js'
import { api, isApiError } from '../../api/client.js'
import { useSession } from '../../api/session.js'
import { Alert } from '../../components/Feedback.js'
import { TextField, useFormSubmission } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { useT } from '../../i18n/i18n.js'

/** Only paths inside the app are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/'
}

/** The sign-in page: what Liaison is for, the username/password form and, when configured, institutional SSO. */
export function LoginPage() {
  const t = useT()
  const { state, signIn } = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const providers = useAsync(() => api.auth.providers(), [])
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [loginError, setLoginError] = useState<string | null>(null)
  const form = useFormSubmission()

  useEffect(() => {
    document.title = `${t('login.title')} – ${t('app.name')}`
  }, [t])

  if (state.status === 'signedIn') return <Navigate to={next} replace />

  const oidc = providers.data?.oidc ?? null
  const localEnabled = providers.data?.local ?? true

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setLoginError(null)
    void form.submit(LoginSchema, { username, password }, async (credentials) => {
      try {
        const session = await api.auth.login(credentials)
        signIn(session)
        navigate(next, { replace: true })
      } catch (error) {
        if (isApiError(error, 401)) {
          setLoginError(t('login.wrongCredentials'))
          setPassword('')
          return
        }
        if (isApiError(error, 429)) {
          setLoginError(
            error.retryAfterSeconds
              ? t('login.tooManyAttempts', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
              : t('login.tooManyAttemptsNoTime'),
          )
          return
        }
        throw error
      }
    })
  }

  return (
    <div className="login">
      <section className="login__intro" aria-labelledby="login-intro-title">
        <h2 id="login-intro-title" className="login__intro-title">
          {t('login.introTitle')}
        </h2>
        <p>{t('login.intro1')}</p>
        <p>{t('login.intro2')}</p>
        <ul className="login__points">
          <li>{t('login.point1')}</li>
          <li>{t('login.point2')}</li>
          <li>{t('login.point3')}</li>
        </ul>
        <p className="login__partners">
          <Link to="/partners/process">{t('reviews.login.publicProcess')}</Link>
        </p>
      </section>
      <section className="login__card card" aria-labelledby="login-title">
        <h1 id="login-title" className="login__title">
          {t('login.title')}
        </h1>
        {loginError && <Alert tone="error">{loginError}</Alert>}
        {form.formError && !loginError && <Alert tone="error">{form.formError}</Alert>}
        {localEnabled && (
          <form className="form" onSubmit={onSubmit} noValidate>
            <TextField
              label={t('login.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={setUsername}
              error={form.errorFor('username')}
              required
            />
            <TextField
              label={t('login.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={form.errorFor('password')}
              required
            />
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={form.isSubmitting}
            >
              {form.isSubmitting ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        )}
        {oidc && (
          <>
            {localEnabled && (
              <p className="divider">
                <span>{t('login.or')}</span>
              </p>
            )}
            <a className="button button--secondary button--block" href={oidc.loginUrl}>
              {t('login.sso', { label: oidc.label })}
            </a>
          </>
        )}
        <p className="login__help">{t('login.help')}</p>
      </section>
    </div>
  )
}
