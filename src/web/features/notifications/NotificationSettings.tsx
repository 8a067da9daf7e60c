import { useState } from 'react'
import { type NotifyMode, NotifyModeSchema } from '../../../modules/notifications/notification.schema.js'
import { Alert, useErrorMessage } from '../../components/Feedback.js'
import { FormActions } from '../../components/Form.js'
import { useT } from '../../i18n/i18n.js'
import { RadioGroup } from '../collaborations/formParts.js'
import { notificationsApi } from './api.js'

const storageKey = 'liaison.notifyMode'
const modes: readonly NotifyMode[] = ['immediate', 'daily']

/**
 * The last choice saved on this device. The API has no endpoint that reads the setting back, so
 * the page remembers what it saved and otherwise shows the server's default (immediate).
 */
function rememberedMode(): NotifyMode {
  try {
    const parsed = NotifyModeSchema.safeParse(window.localStorage.getItem(storageKey))
    return parsed.success ? parsed.data : 'immediate'
  } catch {
    return 'immediate'
  }
}

/** "My account": immediate e-mails or a daily digest. */
export function NotificationSettingsSection() {
  const t = useT()
  const errorMessage = useErrorMessage()
  const [mode, setMode] = useState<NotifyMode>(rememberedMode)
  const [state, setState] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [isSaving, setSaving] = useState(false)
  return (
    <section className="section card card--padded" aria-labelledby="notify-title">
      <h2 id="notify-title" className="section__title">
        {t('reviews.notifications.settings.title')}
      </h2>
      <p className="section__intro">{t('reviews.notifications.settings.intro')}</p>
      <form
        className="form form--narrow"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault()
          setSaving(true)
          setState(null)
          try {
            const saved = await notificationsApi.saveSettings(mode)
            try {
              window.localStorage.setItem(storageKey, saved.mode)
            } catch {
              // Without storage the choice is still saved on the server.
            }
            setState({ tone: 'success', text: t('reviews.notifications.settings.saved') })
          } catch (caught) {
            setState({ tone: 'error', text: errorMessage(caught) })
          } finally {
            setSaving(false)
          }
        }}
      >
        {state && <Alert tone={state.tone}>{state.text}</Alert>}
        <RadioGroup
          legend={t('reviews.notifications.settings.mode')}
          value={mode}
          layout="list"
          options={modes.map((value) => ({
            value,
            label: t(`reviews.notifications.settings.${value}`),
            hint: t(`reviews.notifications.settings.${value}Hint`),
          }))}
          onChange={setMode}
        />
        <FormActions>
          <button type="submit" className="button button--primary" disabled={isSaving}>
            {isSaving ? t('common.saving') : t('common.save')}
          </button>
        </FormActions>
      </form>
    </section>
  )
}
