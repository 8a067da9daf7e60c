import { useState } from 'react'
import { NewMessageSchema } from '../../../modules/reviews/review.schema.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { Badge, EmptyState, ErrorState, Loading } from '../../components/Feedback.js'
import { FormActions, FormErrors, TextAreaField, useFormSubmission } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { reviewingRoles } from '../collaborations/labels.js'
import { reviewsApi } from './api.js'
import { MentionText } from './parts.js'

/**
 * The case's discussion thread, oldest first, shared by researchers and reviewers; reviewers may
 * write internal notes that only reviewers see, clearly marked.
 */
export function Discussion({ caseId }: { caseId: string }) {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const form = useFormSubmission()
  const messages = useAsync(() => reviewsApi.messages(caseId), [caseId])
  const [body, setBody] = useState('')
  const [isInternal, setInternal] = useState(false)
  const isReviewer = hasAnyRole(user, reviewingRoles)
  const sorted = [...(messages.data ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  return (
    <section className="section card card--padded" aria-labelledby="discussion-title">
      <h2 id="discussion-title" className="section__title">
        {t('reviews.discussion.title')}
      </h2>
      <p className="section__intro">{t('reviews.discussion.intro')}</p>
      {messages.error ? (
        <ErrorState error={messages.error} onRetry={messages.reload} />
      ) : messages.isLoading && !messages.data ? (
        <Loading />
      ) : sorted.length === 0 ? (
        <EmptyState title={t('reviews.discussion.empty')} hint={t('reviews.discussion.emptyHint')} />
      ) : (
        <ol className="thread">
          {sorted.map((message) => (
            <li
              key={message.id}
              className={message.isInternal ? 'message message--internal' : 'message'}
              aria-label={message.isInternal ? t('reviews.discussion.internalLabel') : undefined}
            >
              <p className="message__meta">
                <span className="message__author">{message.authorName}</span>
                <time dateTime={message.createdAt}>{formatDateTime(locale, message.createdAt)}</time>
                {message.isInternal && <Badge tone="accent">{t('reviews.discussion.internal')}</Badge>}
              </p>
              <p className="message__body prewrap">
                <MentionText text={message.body} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="form thread__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void form.submit(NewMessageSchema, { body, isInternal: isReviewer && isInternal }, async (data) => {
            const posted = await reviewsApi.postMessage(caseId, data)
            messages.setData((current) => [...(current ?? []), posted])
            setBody('')
            setInternal(false)
          })
        }}
      >
        <FormErrors form={form} />
        <TextAreaField
          label={t('reviews.discussion.message')}
          hint={t('reviews.discussion.mentionHint')}
          rows={3}
          value={body}
          onChange={setBody}
          error={form.errorFor('body')}
        />
        {isReviewer && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={isInternal}
              onChange={(event) => setInternal(event.target.checked)}
            />
            <span>
              {t('reviews.discussion.internalToggle')}
              <span className="checkbox__hint">{t('reviews.discussion.internalHint')}</span>
            </span>
          </label>
        )}
        <FormActions>
          <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
            {isReviewer && isInternal ? t('reviews.discussion.postInternal') : t('reviews.discussion.post')}
          </button>
        </FormActions>
      </form>
    </section>
  )
}
