import { useEffect, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { AttemptResult, TrainingModuleView } from '../../../modules/training/training.schema.js'
import { Alert, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, useLocale, useT } from '../../i18n/i18n.js'
import { trainingApi } from './api.js'
import { percent, TopicBadge, useTitle } from './parts.js'

type Stage = { kind: 'lesson'; index: number } | { kind: 'quiz' } | { kind: 'result'; result: AttemptResult }

function Progress({ module, stage }: { module: TrainingModuleView; stage: Stage }) {
  const t = useT()
  const total = module.lessons.length + 2
  const current =
    stage.kind === 'lesson' ? stage.index : stage.kind === 'quiz' ? module.lessons.length : total - 1
  return (
    <ol className="training-progress" aria-label={t('training.player.progress')}>
      {Array.from({ length: total }, (_, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the steps are positions
          key={index}
          className={`training-progress__step${index < current ? ' training-progress__step--done' : index === current ? ' training-progress__step--current' : ''}`}
          aria-current={index === current ? 'step' : undefined}
        />
      ))}
    </ol>
  )
}

function Lesson({
  module,
  index,
  onNavigate,
}: {
  module: TrainingModuleView
  index: number
  onNavigate: (stage: Stage) => void
}) {
  const t = useT()
  const title = useTitle()
  const lesson = module.lessons[index]
  if (!lesson) return null
  const isLast = index === module.lessons.length - 1
  return (
    <article className="card training-lesson" aria-labelledby="lesson-title">
      <p className="training-lesson__eyebrow">
        {t('training.player.lessonOf', { n: index + 1, total: module.lessons.length })}
      </p>
      <h2 id="lesson-title" className="training-lesson__title" tabIndex={-1}>
        {title(lesson.title)}
      </h2>
      <div
        className="prose"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered on the server by markdown-it with raw HTML disabled and unsafe links refused (tested)
        dangerouslySetInnerHTML={{ __html: title(lesson.html) }}
      />
      <div className="training-nav">
        {index > 0 ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onNavigate({ kind: 'lesson', index: index - 1 })}
          >
            ← {t('training.player.previous')}
          </button>
        ) : (
          <span />
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={() => onNavigate(isLast ? { kind: 'quiz' } : { kind: 'lesson', index: index + 1 })}
        >
          {isLast ? t('training.player.toQuiz') : t('training.player.next')} →
        </button>
      </div>
    </article>
  )
}

function Quiz({
  module,
  onResult,
  onNavigate,
}: {
  module: TrainingModuleView
  onResult: (result: AttemptResult) => void
  onNavigate: (stage: Stage) => void
}) {
  const t = useT()
  const title = useTitle()
  const message = useErrorMessage()
  const [answers, setAnswers] = useState<Record<string, number[]>>({})
  const [confirming, setConfirming] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const unanswered = module.quiz.filter((question) => (answers[question.id] ?? []).length === 0).length

  const choose = (questionId: string, option: number, multiple: boolean, checked: boolean) =>
    setAnswers((current) => {
      const chosen = current[questionId] ?? []
      const next = multiple
        ? checked
          ? [...chosen, option]
          : chosen.filter((value) => value !== option)
        : [option]
      return { ...current, [questionId]: next }
    })

  const submit = async () => {
    if (unanswered > 0 && !confirming) {
      setConfirming(true)
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      onResult(await trainingApi.submit(module.key, { version: module.version, answers }))
    } catch (caught) {
      setError(caught)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <form
      className="quiz"
      aria-labelledby="quiz-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <div>
        <h2 id="quiz-title" className="section__title" tabIndex={-1}>
          {t('training.player.quizTitle')}
        </h2>
        <p className="section__intro">
          {t('training.player.quizIntro', { percent: percent(module.passMark) })}
        </p>
      </div>
      {module.quiz.map((question, number) => (
        <fieldset key={question.id} className="card quiz-question fieldset">
          <legend className="quiz-question__text">
            <span className="quiz-question__count">
              {t('training.player.questionOf', { n: number + 1, total: module.quiz.length })}
            </span>
            <br />
            {title(question.question)}
          </legend>
          <p className="quiz-question__hint">
            {question.multiple ? t('training.player.multiple') : t('training.player.single')}
          </p>
          <div className="quiz-options">
            {question.options.map((option, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: options are identified by their position
              <label key={index} className="checkbox">
                <input
                  type={question.multiple ? 'checkbox' : 'radio'}
                  name={`question-${question.id}`}
                  checked={(answers[question.id] ?? []).includes(index)}
                  onChange={(event) => choose(question.id, index, question.multiple, event.target.checked)}
                />
                <span>{title(option)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {confirming && unanswered > 0 && (
        <Alert tone="warning">{t('training.player.unanswered', { count: unanswered })}</Alert>
      )}
      {error !== null && <Alert tone="error">{message(error)}</Alert>}
      <div className="training-nav">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onNavigate({ kind: 'lesson', index: 0 })}
        >
          ← {t('training.player.reviewLessons')}
        </button>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t('training.player.submitting') : t('training.player.submit')}
        </button>
      </div>
    </form>
  )
}

function Result({
  module,
  result,
  onRetry,
}: {
  module: TrainingModuleView
  result: AttemptResult
  onRetry: () => void
}) {
  const t = useT()
  const title = useTitle()
  const { locale } = useLocale()
  const values = {
    correct: result.correctCount,
    total: result.questionCount,
    percent: percent(result.score),
  }
  const optionsText = (question: TrainingModuleView['quiz'][number] | undefined, indexes: number[]) =>
    indexes.length === 0
      ? t('training.result.noAnswer')
      : indexes.map((index) => (question?.options[index] ? title(question.options[index]) : '?')).join('; ')
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title" className="visually-hidden" tabIndex={-1}>
        {t('training.result.title')}
      </h2>
      {result.passed ? (
        <Alert tone="success" title={t('training.result.passedTitle', values)}>
          <p>{t('training.result.passedText', { date: formatDate(locale, result.validUntil) })}</p>
        </Alert>
      ) : (
        <Alert tone="warning" title={t('training.result.failedTitle', values)}>
          <p>{t('training.result.failedText', { passMark: percent(result.passMark) })}</p>
        </Alert>
      )}
      <h3 className="section__title">{t('training.result.title')}</h3>
      <ol className="quiz-result">
        {result.questions.map((entry) => {
          const question = module.quiz.find((candidate) => candidate.id === entry.id)
          return (
            <li
              key={entry.id}
              className={`card quiz-result__item${entry.isCorrect ? '' : ' quiz-result__item--wrong'}`}
            >
              <div className="quiz-result__head">
                <p className="quiz-result__question">{question ? title(question.question) : entry.id}</p>
                <span className={`badge ${entry.isCorrect ? 'badge--success' : 'badge--danger'}`}>
                  {entry.isCorrect ? t('training.result.correct') : t('training.result.wrong')}
                </span>
              </div>
              <dl className="quiz-result__answers">
                <dt>{t('training.result.yourAnswer')}</dt>
                <dd>{optionsText(question, entry.chosen)}</dd>
                {!entry.isCorrect && (
                  <>
                    <dt>{t('training.result.rightAnswer')}</dt>
                    <dd>{optionsText(question, entry.correct)}</dd>
                  </>
                )}
              </dl>
              <p className="quiz-result__explanation">{title(entry.explanation)}</p>
            </li>
          )
        })}
      </ol>
      <div className="training-nav">
        <button
          type="button"
          className={`button ${result.passed ? 'button--secondary' : 'button--primary'}`}
          onClick={onRetry}
        >
          {t('training.result.retry')}
        </button>
        <Link to="/training" className={`button ${result.passed ? 'button--primary' : 'button--secondary'}`}>
          {t('training.result.done')}
        </Link>
      </div>
    </section>
  )
}

/** Taking a training: its lessons one by one, then the quiz, then the result with every explanation. */
export function PlayerPage() {
  const t = useT()
  const title = useTitle()
  const { key = '' } = useParams()
  const module = useAsync(() => trainingApi.module(key), [key])
  const [stage, setStage] = useState<Stage>({ kind: 'lesson', index: 0 })
  const [quizRound, setQuizRound] = useState(0)
  const first = useRef(true)

  // Each new stage starts at the top with its heading focused, for keyboard and screen-reader users.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the stage changes, by design.
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    window.scrollTo({ top: 0 })
    const heading = document.querySelector<HTMLElement>('#lesson-title, #quiz-title, #result-title')
    heading?.focus()
  }, [stage])

  if (module.error) return <ErrorState error={module.error} onRetry={module.reload} />
  if (!module.data) return <Loading />
  const data = module.data
  return (
    <div className="training-player">
      <PageHeader
        eyebrow={t('training.nav.player')}
        title={title(data.title)}
        intro={
          <>
            <TopicBadge topic={data.topic} /> · {t('training.card.minutes', { minutes: data.minutes })} ·{' '}
            {t('training.card.passMark', { percent: percent(data.passMark) })}
          </>
        }
        actions={
          <Link to="/training" className="button button--secondary">
            {t('training.player.back')}
          </Link>
        }
      />
      <Progress module={data} stage={stage} />
      {stage.kind === 'lesson' && <Lesson module={data} index={stage.index} onNavigate={setStage} />}
      {stage.kind === 'quiz' && (
        <Quiz
          key={quizRound}
          module={data}
          onNavigate={setStage}
          onResult={(result) => setStage({ kind: 'result', result })}
        />
      )}
      {stage.kind === 'result' && (
        <Result
          module={data}
          result={stage.result}
          onRetry={() => {
            setQuizRound((round) => round + 1)
            setStage({ kind: 'quiz' })
          }}
        />
      )}
    </div>
  )
}
