import { type FormEvent, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { Comment, Document } from '../../../modules/knowledge/knowledge.schema.js'
import { Alert, Badge, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { knowledgeApi } from './api.js'
import { DueLine, KindBadge, Markdown } from './parts.js'

/** One document: rendered text, details, review state, affected cases (regulations), questions and answers. */
export function DocumentPage() {
  const { id = '' } = useParams()
  const t = useT()
  const { locale } = useLocale()
  const message = useErrorMessage()
  const document = useAsync(() => knowledgeApi.document(id), [id])
  const [notice, setNotice] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)

  if (document.error) return <ErrorState error={document.error} onRetry={document.reload} />
  const doc = document.data
  if (!doc) return <Loading />

  const markReviewed = async () => {
    setActionError(null)
    try {
      const updated = await knowledgeApi.markReviewed(doc.documentId)
      document.setData(() => updated)
      setNotice(t('knowledge.doc.reviewed', { date: formatDate(locale, updated.nextReviewOn) }))
    } catch (error) {
      setActionError(message(error))
    }
  }

  return (
    <>
      <PageHeader
        eyebrow={t(`knowledge.kind.${doc.kind}`)}
        title={doc.title}
        intro={doc.summary || undefined}
        actions={
          <div className="button-row">
            <Link to={`/knowledge/documents/${doc.documentId}/history`} className="button button--secondary">
              {t('knowledge.doc.history')}
            </Link>
            {doc.canEdit && (
              <Link to={`/knowledge/documents/${doc.documentId}/edit`} className="button button--primary">
                {t('knowledge.doc.edit')}
              </Link>
            )}
          </div>
        }
      />
      {notice && <Alert tone="success">{notice}</Alert>}
      {actionError && <Alert tone="error">{actionError}</Alert>}
      {doc.isDueForReview && (
        <Alert tone="warning" title={t('knowledge.due.flag', { date: formatDate(locale, doc.nextReviewOn) })}>
          <p>
            {doc.lastReviewedAt
              ? t('knowledge.due.lastReviewed', { date: formatDate(locale, doc.lastReviewedAt) })
              : t('knowledge.due.never')}
          </p>
          {doc.canEdit && (
            <button type="button" className="button button--secondary button--small" onClick={markReviewed}>
              {t('knowledge.doc.markReviewed')}
            </button>
          )}
        </Alert>
      )}
      <div className="kn-layout">
        <div className="stack">
          <article className="card card--padded">
            <Markdown source={doc.body} />
          </article>
          {doc.kind === 'regulation' && <TouchedCases documentId={doc.documentId} />}
          <Comments document={doc} />
        </div>
        <aside className="kn-side" aria-label={t('knowledge.doc.details')}>
          <section className="card card--padded">
            <dl>
              <dt>{t('knowledge.doc.owner')}</dt>
              <dd>{doc.ownerName}</dd>
              <dt>{t('knowledge.doc.audience')}</dt>
              <dd>{t(`knowledge.audience.${doc.audience}`)}</dd>
              {doc.kind === 'regulation' && (
                <>
                  <dt>{t('knowledge.doc.jurisdiction')}</dt>
                  <dd>{doc.jurisdiction ?? '–'}</dd>
                  <dt>{t('knowledge.doc.effective')}</dt>
                  <dd>{doc.effectiveDate ? formatDate(locale, doc.effectiveDate) : '–'}</dd>
                  <dt>{t('knowledge.doc.topics')}</dt>
                  <dd className="badge-row">
                    {doc.topics.map((topic) => (
                      <Badge key={topic} tone="accent">
                        {t(`knowledge.topic.${topic}`)}
                      </Badge>
                    ))}
                  </dd>
                </>
              )}
              {doc.tags.length > 0 && (
                <>
                  <dt>{t('knowledge.doc.tags')}</dt>
                  <dd className="badge-row">
                    {doc.tags.map((tag) => (
                      <Link
                        key={tag}
                        to={`/knowledge?tag=${encodeURIComponent(tag)}`}
                        className="badge badge--neutral"
                      >
                        #{tag}
                      </Link>
                    ))}
                  </dd>
                </>
              )}
              {doc.researchAreas.length > 0 && (
                <>
                  <dt>{t('knowledge.doc.areas')}</dt>
                  <dd>{doc.researchAreas.join(', ')}</dd>
                </>
              )}
              <dt>{t('knowledge.nav.history')}</dt>
              <dd>
                {t('knowledge.doc.version', {
                  version: doc.version,
                  date: formatDate(locale, doc.updatedAt),
                })}
              </dd>
              <dt>{t('knowledge.due.short')}</dt>
              <dd>
                <DueLine
                  isDue={doc.isDueForReview}
                  nextReviewOn={doc.nextReviewOn}
                  lastReviewedAt={doc.lastReviewedAt}
                />
                <br />
                <span className="muted">
                  {t('knowledge.doc.reviewInterval', { months: doc.reviewIntervalMonths })}
                </span>
              </dd>
              {doc.translations.length > 0 && (
                <>
                  <dt>{t('knowledge.doc.translations')}</dt>
                  <dd>
                    {doc.translations.map((translation) => (
                      <Link
                        key={translation.documentId}
                        to={`/knowledge/documents/${translation.documentId}`}
                        lang={translation.language}
                      >
                        {translation.title} ({t(`knowledge.language.${translation.language}`)})
                      </Link>
                    ))}
                  </dd>
                </>
              )}
            </dl>
            <div className="kn-meta" style={{ marginTop: 'var(--space-3)' }}>
              <KindBadge kind={doc.kind} />
              <span>{t(`knowledge.language.${doc.language}`)}</span>
            </div>
          </section>
        </aside>
      </div>
    </>
  )
}

function TouchedCases({ documentId }: { documentId: string }) {
  const t = useT()
  const cases = useAsync(() => knowledgeApi.touchedCases(documentId), [documentId])
  return (
    <section className="card card--padded" aria-labelledby="kn-cases">
      <h2 id="kn-cases" className="section__title">
        {t('knowledge.doc.cases')}
      </h2>
      <p className="muted">{t('knowledge.doc.casesIntro')}</p>
      {cases.error ? <ErrorState error={cases.error} onRetry={cases.reload} /> : null}
      {cases.data && cases.data.length === 0 && <p>{t('knowledge.doc.noCases')}</p>}
      <ul className="kn-comments">
        {(cases.data ?? []).map((entry) => (
          <li key={entry.collaborationId} className="kn-comment">
            <Link to={`/collaborations/${entry.collaborationId}`}>
              <strong>{entry.reference}</strong> {entry.title}
            </Link>
            <p className="kn-meta">
              {t('knowledge.doc.because')}:{' '}
              {entry.evidence.map((item) => (
                <span key={`${item.topic}-${item.field}`}>
                  <Badge tone="accent">{t(`knowledge.topic.${item.topic}`)}</Badge> <code>{item.field}</code>{' '}
                  = {item.value}
                </span>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Comments({ document }: { document: Document }) {
  const t = useT()
  const { locale } = useLocale()
  const message = useErrorMessage()
  const comments = useAsync(() => knowledgeApi.comments(document.documentId), [document.documentId])
  const [text, setText] = useState('')
  const [replyTo, setReplyTo] = useState<Comment | null>(null)
  const [error, setError] = useState<string | null>(null)

  const post = async (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return
    setError(null)
    try {
      await knowledgeApi.addComment(document.documentId, { body: text.trim(), parentId: replyTo?.id ?? null })
      setText('')
      setReplyTo(null)
      comments.reload()
    } catch (caught) {
      setError(message(caught))
    }
  }
  const answered = async (comment: Comment) => {
    try {
      await knowledgeApi.markAnswered(comment.id)
      comments.reload()
    } catch (caught) {
      setError(message(caught))
    }
  }
  const all = comments.data ?? []
  const roots = all.filter((comment) => comment.parentId === null)
  const repliesOf = (comment: Comment) => all.filter((reply) => reply.parentId === comment.id)
  const item = (comment: Comment, isReply: boolean) => (
    <li key={comment.id} className={isReply ? 'kn-comment kn-comment--reply' : 'kn-comment'}>
      <div className="kn-comment__head">
        <strong>{comment.authorName}</strong>
        <span className="muted">{formatDateTime(locale, comment.createdAt)}</span>
        {!isReply &&
          (comment.answeredAt ? (
            <Badge tone="success">{t('knowledge.comments.answered')}</Badge>
          ) : (
            <Badge tone="warning">{t('knowledge.comments.open')}</Badge>
          ))}
      </div>
      <p className="kn-comment__body">{comment.body}</p>
      {!isReply && (
        <div className="button-row">
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setReplyTo(comment)}
          >
            {t('knowledge.comments.reply')}
          </button>
          {!comment.answeredAt && (
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => answered(comment)}
            >
              {t('knowledge.comments.markAnswered')}
            </button>
          )}
        </div>
      )}
    </li>
  )
  return (
    <section className="card card--padded" aria-labelledby="kn-comments">
      <h2 id="kn-comments" className="section__title">
        {t('knowledge.comments.title')}
      </h2>
      <p className="muted">{t('knowledge.comments.intro')}</p>
      {error && <Alert tone="error">{error}</Alert>}
      {all.length === 0 && comments.data && <p>{t('knowledge.comments.empty')}</p>}
      <ul className="kn-comments">
        {roots.map((comment) => [
          item(comment, false),
          ...repliesOf(comment).map((reply) => item(reply, true)),
        ])}
      </ul>
      <form onSubmit={post} className="stack" style={{ marginTop: 'var(--space-4)' }}>
        <div className="field">
          <label className="field__label" htmlFor="kn-comment">
            {replyTo
              ? t('knowledge.comments.replyLabel', { name: replyTo.authorName })
              : t('knowledge.comments.new')}
          </label>
          <textarea
            id="kn-comment"
            className="input"
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {t('knowledge.comments.post')}
          </button>
          {replyTo && (
            <button type="button" className="button button--ghost" onClick={() => setReplyTo(null)}>
              {t('knowledge.comments.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
