import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { AdHocAssessment, AssessmentResult } from '../../../modules/assessment/assessment.schema.js'
import { type DataSheet, DataSheetSchema } from '../../../modules/collaborations/collaboration.schema.js'
import { api } from '../../api/client.js'
import { Alert, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { useT } from '../../i18n/i18n.js'
import { AssessmentResultView, RiskBadge } from './AssessmentView.js'
import { assessmentApi } from './api.js'

/** How long typing must pause before the panel asks again. */
export const assessDelayMs = 800
const narrowQuery = '(max-width: 1100px)'

/**
 * What the ad-hoc endpoint gets for a draft: the description as the text (or, while it is empty,
 * the summary or the title), the TRL and research areas, and the rest of the sheet when it is
 * valid so far (a half-filled partner row must not stop the assistant).
 */
export function adHocBody(sheet: DataSheet): AdHocAssessment | null {
  const description = sheet.description.trim()
  const summary = sheet.summary.trim()
  const title = sheet.title.trim()
  const text = description || summary || title
  if (!text) return null
  const rest = {
    ...sheet,
    description: '',
    summary: description ? sheet.summary : '',
    title: description || summary ? sheet.title : '',
  }
  const full = DataSheetSchema.safeParse(rest)
  const partial = full.success
    ? full
    : DataSheetSchema.safeParse({
        title: rest.title,
        summary: rest.summary,
        keywords: sheet.keywords,
        researchAreas: sheet.researchAreas,
        trl: sheet.trl,
        activities: sheet.activities,
        dataSamples: sheet.dataSamples,
      })
  return {
    text,
    trl: sheet.trl,
    researchAreas: sheet.researchAreas,
    sheet: partial.success ? partial.data : undefined,
  }
}

function useIsNarrow(): boolean {
  const [isNarrow, setNarrow] = useState(() => window.matchMedia(narrowQuery).matches)
  useEffect(() => {
    const query = window.matchMedia(narrowQuery)
    const listener = () => setNarrow(query.matches)
    query.addEventListener('change', listener)
    return () => query.removeEventListener('change', listener)
  }, [])
  return isNarrow
}

type PanelState =
  | { kind: 'empty' }
  | { kind: 'waiting' }
  | { kind: 'ready'; result: AssessmentResult }
  | { kind: 'error'; error: unknown }

/**
 * The assistant beside the guided form: it pre-assesses the draft about a second after typing
 * stops and shows the result with its evidence. It prepares the review; it never decides. On
 * narrow screens it sits below the form behind a toggle that already shows the risk level.
 */
export function AssessmentPanel({ sheet }: { sheet: DataSheet }) {
  const t = useT()
  const errorMessage = useErrorMessage()
  const isNarrow = useIsNarrow()
  const [isOpen, setOpen] = useState(false)
  const bodyId = useId()
  const titleId = useId()
  const offices = useAsync(() => api.offices.list(), [])
  const body = useMemo(() => adHocBody(sheet), [sheet])
  const key = body ? JSON.stringify(body) : ''
  const [state, setState] = useState<PanelState>({ kind: 'empty' })
  const [result, setResult] = useState<AssessmentResult | null>(null)
  const [attempt, setAttempt] = useState(0)
  const sequence = useRef(0)
  const lastKey = useRef<string | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `body`; `attempt` retries; `result` is read, not watched.
  useEffect(() => {
    if (!body) {
      sequence.current += 1
      lastKey.current = null
      setState({ kind: 'empty' })
      setResult(null)
      return
    }
    if (key === lastKey.current) {
      // Typed and undone before the pause ended: the answer shown (or on its way) still fits.
      setState((current) => (current.kind === 'waiting' && result ? { kind: 'ready', result } : current))
      return
    }
    setState({ kind: 'waiting' })
    const timer = window.setTimeout(() => {
      const mine = ++sequence.current
      lastKey.current = key
      assessmentApi
        .adHoc(body)
        .then((next) => {
          if (mine !== sequence.current) return
          setResult(next)
          setState({ kind: 'ready', result: next })
        })
        .catch((error: unknown) => {
          if (mine !== sequence.current) return
          lastKey.current = null
          setState({ kind: 'error', error })
        })
    }, assessDelayMs)
    return () => window.clearTimeout(timer)
  }, [key, attempt])

  const showBody = !isNarrow || isOpen
  const isUpdating = state.kind === 'waiting' && result !== null

  return (
    <section className="assessment-panel" aria-labelledby={titleId}>
      <div className="assessment-panel__head">
        <p className="assessment-panel__eyebrow">{t('assessment.panel.eyebrow')}</p>
        <h2 id={titleId} className="assessment-panel__title">
          {isNarrow ? (
            <button
              type="button"
              className="assessment-panel__toggle disclosure"
              aria-expanded={isOpen}
              aria-controls={bodyId}
              onClick={() => setOpen(!isOpen)}
            >
              <span className="disclosure__icon" aria-hidden="true">
                ▸
              </span>
              {t('assessment.panel.title')}
              {result && (
                <span className="assessment-panel__toggle-risk">
                  <RiskBadge level={result.riskLevel} />
                </span>
              )}
            </button>
          ) : (
            t('assessment.panel.title')
          )}
        </h2>
        <p className="assessment-panel__assistant">{t('assessment.panel.assistant')}</p>
        <p className="assessment-panel__status" role="status">
          {state.kind === 'waiting'
            ? t('assessment.panel.updating')
            : state.kind === 'ready'
              ? t('assessment.panel.updated', { level: t(`assessment.risk.${state.result.riskLevel}`) })
              : ''}
        </p>
      </div>
      <div id={bodyId} className="assessment-panel__body" hidden={!showBody}>
        {showBody && (
          <>
            {state.kind === 'empty' && (
              <p className="assessment-panel__empty">{t('assessment.panel.empty')}</p>
            )}
            {state.kind === 'error' && (
              <Alert tone="warning" title={t('assessment.panel.failed')}>
                <p>{errorMessage(state.error)}</p>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => setAttempt((count) => count + 1)}
                >
                  {t('common.retry')}
                </button>
              </Alert>
            )}
            {state.kind === 'waiting' && !result && (
              <p className="loading">
                <span className="loading__spinner" aria-hidden="true" />
                {t('assessment.panel.first')}
              </p>
            )}
            {result && state.kind !== 'empty' && (
              <div
                className={isUpdating ? 'assessment-panel__result is-updating' : 'assessment-panel__result'}
              >
                <AssessmentResultView result={result} offices={offices.data ?? []} compact />
              </div>
            )}
            <p className="assessment-panel__foot">{t('assessment.panel.foot')}</p>
          </>
        )}
      </div>
    </section>
  )
}
