import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import {
  type Collaboration,
  type DataSheet,
  DataSheetSchema,
} from '../../../modules/collaborations/collaboration.schema.js'
import type { User } from '../../../modules/organisation/organisation.schema.js'
import { api, type FieldError, isApiError } from '../../api/client.js'
import { useSession } from '../../api/session.js'
import { Alert, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { AssessmentPanel } from '../assessment/AssessmentPanel.js'
import { CaseTrainings } from '../training/CaseTrainings.js'
import { fieldId, fieldLabel, formSteps, normaliseField, problemMessage, stepOfField } from './labels.js'
import { SheetView } from './SheetView.js'
import { AttachmentsStep } from './steps/AttachmentsStep.js'
import { ActivitiesStep, DataStep, FundingStep, InterestsStep } from './steps/DetailSteps.js'
import { PeopleStep } from './steps/PeopleStep.js'
import { ProjectStep } from './steps/ProjectStep.js'
import { QuestionnaireStep } from './steps/QuestionnaireStep.js'

const autosaveDelayMs = 1200
const lastStep = formSteps.length

type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'invalid' }
  | { kind: 'conflict' }
  | { kind: 'error'; error: unknown }

/** A fresh sheet for a new case: the researcher as principal investigator, in their unit. */
function initialSheet(user: User | null): DataSheet {
  const empty = DataSheetSchema.parse({})
  if (!user) return empty
  return {
    ...empty,
    unitId: user.unitId,
    principalInvestigators: [{ userId: user.id, name: user.displayName }],
  }
}

/**
 * The sheet as it is saved: rows just added and still empty (a person without a name, a funder
 * without anything) are left out, so that they neither block the autosave nor count as errors.
 */
function withoutEmptyRows(sheet: DataSheet): DataSheet {
  const hasName = (person: { name: string }) => person.name.trim() !== ''
  return {
    ...sheet,
    principalInvestigators: sheet.principalInvestigators.filter(hasName),
    members: sheet.members.filter(hasName),
    funding: {
      ...sheet.funding,
      funders: sheet.funding.funders.filter(
        (funder) => funder.name.trim() !== '' || funder.programme.trim() !== '',
      ),
    },
  }
}

function clampStep(value: number): number {
  return Number.isInteger(value) && value >= 1 && value <= lastStep ? value : 1
}

/** Moves focus (and the view) to a field's control, or the first control inside a group. */
function focusField(field: string): boolean {
  const element = document.getElementById(fieldId(field))
  if (!element) return false
  const control = element.matches('input, select, textarea, button')
    ? element
    : element.querySelector<HTMLElement>('input, select, textarea, button')
  const target = control ?? element
  target.scrollIntoView({ block: 'center' })
  target.focus({ preventScroll: true })
  return true
}

function SaveStatus({ state, hasRecord }: { state: SaveState; hasRecord: boolean }) {
  const t = useT()
  const { locale } = useLocale()
  let text = hasRecord ? t('collab.save.autosave') : t('collab.save.notYet')
  let tone = 'muted'
  if (state.kind === 'pending') text = t('collab.save.pending')
  if (state.kind === 'saving') text = t('collab.save.saving')
  if (state.kind === 'saved') {
    text = t('collab.save.savedAt', {
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(state.at),
    })
    tone = 'ok'
  }
  if (state.kind === 'invalid') {
    text = t('collab.save.invalid')
    tone = 'error'
  }
  if (state.kind === 'error') {
    text = t('collab.save.failed')
    tone = 'error'
  }
  if (state.kind === 'conflict') {
    text = t('collab.save.conflictShort')
    tone = 'error'
  }
  return (
    <p className={`save-status save-status--${tone}`} role="status">
      <span className="save-status__dot" aria-hidden="true" />
      {text}
    </p>
  )
}

function ProgressSteps({
  current,
  completed,
  incomplete,
  onSelect,
}: {
  current: number
  completed: ReadonlySet<number>
  incomplete: ReadonlySet<number>
  onSelect: (step: number) => void
}) {
  const t = useT()
  return (
    <nav className="wizard-steps" aria-label={t('collab.form.progress')}>
      <p className="wizard-steps__count">
        {t('collab.form.stepOf', { n: current, total: lastStep })} ·{' '}
        {t('collab.form.completeCount', { n: completed.size, total: lastStep - 2 })}
      </p>
      <ol className="wizard-steps__list">
        {formSteps.map((step, index) => {
          const number = index + 1
          const state =
            number === current
              ? 'current'
              : completed.has(number)
                ? 'done'
                : incomplete.has(number)
                  ? 'open'
                  : 'plain'
          const stateText =
            state === 'done' ? t('collab.form.stepDone') : state === 'open' ? t('collab.form.stepOpen') : ''
          return (
            <li key={step.key} className={`wizard-steps__item wizard-steps__item--${state}`}>
              <button
                type="button"
                className="wizard-steps__button"
                aria-current={number === current ? 'step' : undefined}
                onClick={() => onSelect(number)}
              >
                <span className="wizard-steps__marker" aria-hidden="true">
                  {state === 'done' ? '✓' : number}
                </span>
                <span className="wizard-steps__label">{t(step.label)}</span>
                {stateText && <span className="visually-hidden"> ({stateText})</span>}
              </button>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

/**
 * The guided form for a new case, a draft or an amendment: nine steps with a progress indicator,
 * validation as you type, autosave (refused and explained when someone else saved in between),
 * and a summary that lists what is still missing before the Submit button.
 */
export function CollaborationFormPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const navigate = useNavigate()
  const errorMessage = useErrorMessage()
  const { id: routeId } = useParams()
  const [searchParams, setSearchParams] = useSearchParams()
  const step = clampStep(Number(searchParams.get('step') ?? '1'))
  const requestedField = searchParams.get('field')

  const [record, setRecord] = useState<Collaboration | null>(null)
  const [sheet, setSheet] = useState<DataSheet | null>(() => (routeId ? null : initialSheet(user)))
  const [loadError, setLoadError] = useState<unknown>(null)
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' })
  const [serverErrors, setServerErrors] = useState<FieldError[]>([])
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set())
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [isSubmitting, setSubmitting] = useState(false)

  const questionnaire = useAsync(() => api.questionnaire.current(), [])
  const areas = useAsync(() => api.reference.researchAreas(), [])
  const units = useAsync(() => api.units.list(), [])

  const sheetRef = useRef(sheet)
  const recordRef = useRef(record)
  const stepRef = useRef(step)
  stepRef.current = step
  const changeCount = useRef(0)
  const savedCount = useRef(0)
  const timer = useRef<number | undefined>(undefined)
  const inFlight = useRef<Promise<Collaboration | null> | null>(null)
  const isConflict = useRef(false)
  const previousRouteId = useRef(routeId)

  // Opening another case, or "new" after editing one, starts from that case (the page stays mounted).
  useEffect(() => {
    const previous = previousRouteId.current
    previousRouteId.current = routeId
    if (!routeId) {
      if (previous) {
        const fresh = initialSheet(user)
        recordRef.current = null
        sheetRef.current = fresh
        setRecord(null)
        setSheet(fresh)
        setSaveState({ kind: 'idle' })
        changeCount.current = 0
        savedCount.current = 0
      }
      return
    }
    if (recordRef.current?.id === routeId) return
    let cancelled = false
    setSheet(null)
    setLoadError(null)
    api.collaborations
      .get(routeId)
      .then((loaded) => {
        if (cancelled) return
        recordRef.current = loaded
        sheetRef.current = loaded.sheet
        changeCount.current = 0
        savedCount.current = 0
        setRecord(loaded)
        setSheet(loaded.sheet)
        setSaveState({ kind: 'idle' })
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadError(error)
      })
    return () => {
      cancelled = true
    }
  }, [routeId, user])

  const save = useCallback(async (): Promise<Collaboration | null> => {
    window.clearTimeout(timer.current)
    if (inFlight.current) await inFlight.current
    if (isConflict.current) return null
    const current = sheetRef.current
    if (!current) return null
    const target = changeCount.current
    if (target === savedCount.current && recordRef.current) return recordRef.current
    const parsed = DataSheetSchema.safeParse(withoutEmptyRows(current))
    if (!parsed.success) {
      setSaveState({ kind: 'invalid' })
      return null
    }
    setSaveState({ kind: 'saving' })
    const run = (async () => {
      const existing = recordRef.current
      try {
        const saved = existing
          ? await api.collaborations.saveSheet(existing.id, {
              sheet: parsed.data,
              baseUpdatedAt: existing.updatedAt,
            })
          : await api.collaborations.create({ sheet: parsed.data })
        recordRef.current = saved
        savedCount.current = target
        setRecord(saved)
        setServerErrors([])
        setSaveState({ kind: 'saved', at: new Date() })
        if (!existing) {
          previousRouteId.current = saved.id
          navigate(`/collaborations/${saved.id}/edit?step=${stepRef.current}`, { replace: true })
        }
        return saved
      } catch (error) {
        if (isApiError(error, 409) && error.errors.some((entry) => entry.field === 'baseUpdatedAt')) {
          isConflict.current = true
          setSaveState({ kind: 'conflict' })
        } else if (isApiError(error, 422) && error.errors.length > 0) {
          setServerErrors(error.errors.map((entry) => ({ ...entry, field: normaliseField(entry.field) })))
          setSaveState({ kind: 'invalid' })
        } else {
          setSaveState({ kind: 'error', error })
        }
        return null
      } finally {
        inFlight.current = null
      }
    })()
    inFlight.current = run
    const result = await run
    // Typing went on while the request ran: save that too, a moment later.
    if (result && changeCount.current !== savedCount.current) {
      timer.current = window.setTimeout(() => void save(), autosaveDelayMs)
    }
    return result
  }, [navigate])

  const update = useCallback(
    (recipe: (sheet: DataSheet) => DataSheet) => {
      const current = sheetRef.current
      if (!current) return
      const next = recipe(current)
      sheetRef.current = next
      setSheet(next)
      changeCount.current += 1
      if (isConflict.current) return
      setSaveState({ kind: 'pending' })
      window.clearTimeout(timer.current)
      timer.current = window.setTimeout(() => void save(), autosaveDelayMs)
    },
    [save],
  )

  // Leaving the page saves what is still pending; closing the tab with unsaved changes asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (changeCount.current !== savedCount.current) event.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => {
      window.removeEventListener('beforeunload', warn)
      if (changeCount.current !== savedCount.current) void save()
    }
  }, [save])

  const clientErrors = useMemo<FieldError[]>(() => {
    if (!sheet) return []
    const parsed = DataSheetSchema.safeParse(withoutEmptyRows(sheet))
    if (parsed.success) return []
    return parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      message:
        issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1
          ? t('error.required')
          : issue.message,
    }))
  }, [sheet, t])

  const problems = record?.submissionProblems ?? []
  const completed = useMemo(() => {
    const done = new Set<number>()
    if (!record) return done
    formSteps.forEach((entry, index) => {
      if (entry.fields.length === 0) return
      if (!problems.some((problem) => stepOfField(problem.field) === index + 1)) done.add(index + 1)
    })
    return done
  }, [record, problems])
  const incomplete = useMemo(
    () =>
      new Set(problems.map((problem) => stepOfField(problem.field)).filter((number) => revealed.has(number))),
    [problems, revealed],
  )

  const errorFor = useCallback(
    (field: string) => {
      const exact = (list: readonly FieldError[]) => list.find((entry) => entry.field === field)?.message
      const nested = (list: readonly FieldError[]) =>
        list.find((entry) => entry.field.startsWith(`${field}.`))?.message
      const problem = revealed.has(stepOfField(field))
        ? problems.find((entry) => normaliseField(entry.field) === field)
        : undefined
      return (
        exact(clientErrors) ??
        exact(serverErrors) ??
        nested(clientErrors) ??
        nested(serverErrors) ??
        (problem ? problemMessage(t, problem, sheet ?? undefined) : undefined)
      )
    },
    [clientErrors, serverErrors, problems, revealed, t, sheet],
  )

  const headingRef = useRef<HTMLHeadingElement>(null)
  const isFirstStepRender = useRef(true)
  const goTo = useCallback(
    (next: number, field?: string) => {
      void save()
      setRevealed((current) => new Set([...current, stepRef.current, ...(field ? [next] : [])]))
      const params: Record<string, string> = { step: String(next) }
      if (field) params.field = field
      setSearchParams(params)
    },
    [save, setSearchParams],
  )

  // A new step: focus its heading, so keyboard and screen-reader users start at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes, by design.
  useEffect(() => {
    if (isFirstStepRender.current) {
      isFirstStepRender.current = false
      return
    }
    if (!requestedField) headingRef.current?.focus()
  }, [step])

  // A link to a field (from the summary or the case page): show its problem and put the cursor there.
  useEffect(() => {
    if (!requestedField || !sheet) return
    setRevealed((current) => new Set([...current, stepOfField(requestedField)]))
    const frame = window.requestAnimationFrame(() => {
      if (focusField(requestedField)) {
        setSearchParams({ step: String(step) }, { replace: true })
      }
    })
    return () => window.cancelAnimationFrame(frame)
  }, [requestedField, sheet, step, setSearchParams])

  const reloadAfterConflict = async () => {
    const id = recordRef.current?.id
    if (!id) return
    const latest = await api.collaborations.get(id)
    recordRef.current = latest
    sheetRef.current = latest.sheet
    changeCount.current = 0
    savedCount.current = 0
    isConflict.current = false
    setRecord(latest)
    setSheet(latest.sheet)
    setSaveState({ kind: 'idle' })
  }

  const overwriteAfterConflict = async () => {
    const id = recordRef.current?.id
    if (!id) return
    const latest = await api.collaborations.get(id)
    recordRef.current = latest
    isConflict.current = false
    setRecord(latest)
    await save()
  }

  const submit = async () => {
    setSubmitError(null)
    setRevealed(new Set(formSteps.map((_, index) => index + 1)))
    setSubmitting(true)
    try {
      const saved = await save()
      if (!saved) {
        setSubmitError(t('collab.submit.saveFirst'))
        return
      }
      if (saved.submissionProblems.length > 0) {
        setSubmitError(t('collab.submit.incomplete', { count: saved.submissionProblems.length }))
        return
      }
      const submitted = await api.collaborations.submit(saved.id)
      recordRef.current = submitted
      navigate(`/collaborations/${submitted.id}`, { state: { notice: 'submitted' } })
    } catch (error) {
      if (isApiError(error, 422)) {
        setServerErrors(error.errors.map((entry) => ({ ...entry, field: normaliseField(entry.field) })))
      }
      setSubmitError(errorMessage(error))
    } finally {
      setSubmitting(false)
    }
  }

  if (loadError) return <ErrorState error={loadError} />
  if (!sheet || questionnaire.isLoading || areas.isLoading) return <Loading />
  if (record && !record.canEdit) {
    return (
      <>
        <PageHeader eyebrow={record.reference} title={record.sheet.title || t('collab.untitled')} />
        <Alert tone="info" title={t('collab.form.notEditableTitle')}>
          <p>{t('collab.form.notEditable')}</p>
          <Link to={`/collaborations/${record.id}`}>{t('collab.form.toCase')}</Link>
        </Alert>
      </>
    )
  }

  const questionnaireQuestions = questionnaire.data?.questions ?? []
  // The checklists of the research area are answered like the questionnaire and listed with it.
  const questions = [
    ...questionnaireQuestions,
    ...(record?.checklists ?? []).flatMap((checklist) => checklist.questions),
  ]
  const isAmendment = record?.status === 'amendment_draft'
  const stepProps = { sheet, update, errorFor }
  const current = formSteps[step - 1]

  return (
    <div className="wizard-page">
      <PageHeader
        eyebrow={record ? record.reference : t('collab.form.newEyebrow')}
        title={sheet.title || (isAmendment ? t('collab.form.amendTitle') : t('collab.form.newTitle'))}
        intro={t('collab.form.intro')}
        actions={
          record ? (
            <Link to={`/collaborations/${record.id}`} className="button button--secondary">
              {t('collab.form.toCase')}
            </Link>
          ) : undefined
        }
      />
      {isAmendment && (
        <Alert tone="info" title={t('collab.form.amendmentTitle')}>
          <p>{t('collab.form.amendmentText', { version: record?.decidedVersion ?? 1 })}</p>
        </Alert>
      )}
      {saveState.kind === 'conflict' && (
        <Alert tone="warning" title={t('collab.save.conflictTitle')}>
          <p>{t('collab.save.conflictText')}</p>
          <div className="button-row button-row--start">
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => void reloadAfterConflict()}
            >
              {t('collab.save.reload')}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => void overwriteAfterConflict()}
            >
              {t('collab.save.overwrite')}
            </button>
          </div>
        </Alert>
      )}
      {saveState.kind === 'error' && (
        <Alert tone="error" title={t('collab.save.failed')}>
          <p>{errorMessage(saveState.error)}</p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void save()}
          >
            {t('common.retry')}
          </button>
        </Alert>
      )}
      <div className="wizard">
        <ProgressSteps
          current={step}
          completed={completed}
          incomplete={incomplete}
          onSelect={(n) => goTo(n)}
        />
        <form
          className="wizard__main"
          aria-labelledby="wizard-step-title"
          noValidate
          onSubmit={(event) => event.preventDefault()}
        >
          <div className="wizard__head">
            <p className="wizard__eyebrow">{t('collab.form.stepOf', { n: step, total: lastStep })}</p>
            <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1} className="wizard__title">
              {current ? t(current.label) : ''}
            </h2>
            <p className="wizard__intro">{current ? t(current.intro) : ''}</p>
          </div>
          {step === 1 && <ProjectStep {...stepProps} areas={areas.data ?? []} />}
          {step === 2 && <PeopleStep {...stepProps} units={units.data ?? []} me={user} />}
          {step === 3 && <ActivitiesStep {...stepProps} />}
          {step === 4 && <DataStep {...stepProps} />}
          {step === 5 && <FundingStep {...stepProps} />}
          {step === 6 && <InterestsStep {...stepProps} />}
          {step === 7 && (
            <QuestionnaireStep
              {...stepProps}
              questions={questionnaireQuestions}
              checklists={record?.checklists ?? []}
            />
          )}
          {step === 8 && <AttachmentsStep caseId={record?.id ?? null} onCreateDraft={() => void save()} />}
          {step === 9 && (
            <div className="summary-step">
              {problems.length > 0 ? (
                <Alert tone="warning" title={t('collab.summary.missingTitle', { count: problems.length })}>
                  <p>{t('collab.summary.missingIntro')}</p>
                  <ul className="problem-list">
                    {problems.map((problem) => (
                      <li key={`${problem.field}:${problem.message}`}>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => goTo(stepOfField(problem.field), normaliseField(problem.field))}
                        >
                          {fieldLabel(t, locale, problem.field, { sheet, questions })}
                        </button>
                        {' – '}
                        {problemMessage(t, problem, sheet)}
                      </li>
                    ))}
                  </ul>
                </Alert>
              ) : record ? (
                <Alert tone="success" title={t('collab.summary.readyTitle')}>
                  <p>{t('collab.summary.ready')}</p>
                </Alert>
              ) : null}
              {record && <CaseTrainings caseId={record.id} editable />}
              <SheetView
                sheet={sheet}
                areas={areas.data ?? []}
                units={units.data ?? []}
                questions={questions}
                onEdit={(n) => goTo(n)}
              />
              <div className="submit-box">
                <h3 className="submit-box__title">{t('collab.summary.whatNextTitle')}</h3>
                <p>{t(isAmendment ? 'collab.summary.whatNextAmendment' : 'collab.summary.whatNext')}</p>
                {submitError && <Alert tone="error">{submitError}</Alert>}
                <button
                  type="button"
                  className="button button--primary button--large"
                  disabled={isSubmitting}
                  onClick={() => void submit()}
                >
                  {isSubmitting
                    ? t('collab.summary.submitting')
                    : t(isAmendment ? 'collab.summary.submitAmendment' : 'collab.summary.submit')}
                </button>
              </div>
            </div>
          )}
          <div className="wizard__footer">
            <SaveStatus state={saveState} hasRecord={record !== null} />
            <div className="wizard__nav">
              {step > 1 && (
                <button type="button" className="button button--secondary" onClick={() => goTo(step - 1)}>
                  ← {t('collab.form.back')}
                </button>
              )}
              {step < lastStep && (
                <button type="button" className="button button--primary" onClick={() => goTo(step + 1)}>
                  {t('collab.form.next', { step: t(formSteps[step]?.label ?? 'collab.form.step.summary') })} →
                </button>
              )}
            </div>
          </div>
        </form>
        <AssessmentPanel sheet={sheet} />
      </div>
    </div>
  )
}
