import { useId, useState } from 'react'
import type {
  AssessmentResult,
  AttachedChecklist,
  Candidate,
  NoGoConsequence,
  RiskLevel,
} from '../../../modules/assessment/assessment.schema.js'
import {
  type Office,
  type OfficeKey,
  OfficeKeySchema,
} from '../../../modules/organisation/organisation.schema.js'
import { Badge } from '../../components/Feedback.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDate, pick, useLocale, useT } from '../../i18n/i18n.js'
import { AnnexEntryDialog, CandidateEvidence, PassageView, useCategoryName } from './Evidence.js'

const riskTone: Record<RiskLevel, 'success' | 'warning' | 'danger' | 'accent'> = {
  low: 'success',
  elevated: 'warning',
  high: 'accent',
  no_go: 'danger',
}

const consequenceTone: Record<NoGoConsequence, 'danger' | 'warning' | 'neutral'> = {
  blocks_submission: 'danger',
  needs_decision_maker: 'warning',
  warning: 'neutral',
}

/** The risk level as a coloured badge in friendly words. */
export function RiskBadge({ level }: { level: RiskLevel }) {
  const t = useT()
  return <Badge tone={riskTone[level]}>{t(`assessment.risk.${level}`)}</Badge>
}

/** A button that shows and hides the region it controls. */
function Disclosure({
  label,
  children,
  className = '',
  initiallyOpen = false,
}: {
  label: React.ReactNode
  children: React.ReactNode
  className?: string
  initiallyOpen?: boolean
}) {
  const [isOpen, setOpen] = useState(initiallyOpen)
  const regionId = useId()
  return (
    <div className={`assessment-disclosure ${className}`}>
      <button
        type="button"
        className="assessment-disclosure__button disclosure"
        aria-expanded={isOpen}
        aria-controls={regionId}
        onClick={() => setOpen(!isOpen)}
      >
        <span className="disclosure__icon" aria-hidden="true">
          ▸
        </span>
        <span className="assessment-disclosure__label">{label}</span>
      </button>
      <div id={regionId} hidden={!isOpen} className="assessment-disclosure__body">
        {isOpen && children}
      </div>
    </div>
  )
}

const statusKey: Record<Candidate['status'], TextKey> = {
  match: 'assessment.status.match',
  excluded: 'assessment.status.excluded',
  below_threshold: 'assessment.status.below_threshold',
}

function CandidateItem({
  candidate,
  onOpenEntry,
}: {
  candidate: Candidate
  onOpenEntry: (candidate: Candidate) => void
}) {
  const t = useT()
  const categoryName = useCategoryName()
  return (
    <li className={`assessment-candidate assessment-candidate--${candidate.status}`}>
      <Disclosure
        label={
          <>
            <span className="assessment-candidate__top">
              <code className="assessment-candidate__code">{candidate.code}</code>
              <span className="assessment-candidate__category">{categoryName(candidate.category)}</span>
            </span>
            <span className="assessment-candidate__heading" lang="en">
              {candidate.heading}
            </span>
            <span className="assessment-candidate__meta">
              {candidate.status === 'match' ? (
                <Badge tone={candidate.strength === 'weak' ? 'neutral' : 'info'}>
                  {t(`assessment.strength.${candidate.strength}`)}
                </Badge>
              ) : (
                <Badge tone="success">{t(statusKey[candidate.status])}</Badge>
              )}
              <span className="assessment-candidate__score">
                {t('assessment.candidate.score', { score: candidate.score.toFixed(0) })}
              </span>
              <span className="assessment-candidate__more">{t('assessment.candidate.showEvidence')}</span>
            </span>
          </>
        }
      >
        <CandidateEvidence candidate={candidate} onOpenEntry={() => onOpenEntry(candidate)} />
      </Disclosure>
    </li>
  )
}

function CandidateList({
  candidates,
  onOpenEntry,
}: {
  candidates: readonly Candidate[]
  onOpenEntry: (candidate: Candidate) => void
}) {
  return (
    <ul className="assessment-candidates">
      {candidates.map((candidate) => (
        <CandidateItem key={candidate.code} candidate={candidate} onOpenEntry={onOpenEntry} />
      ))}
    </ul>
  )
}

function ChecklistItem({ checklist, offices }: { checklist: AttachedChecklist; offices: readonly Office[] }) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <li className="assessment-checklist">
      <p className="assessment-checklist__title">
        {pick(locale, checklist.titleDe, checklist.titleEn)}{' '}
        {checklist.isStale && <Badge tone="warning">{t('assessment.checklist.stale')}</Badge>}
      </p>
      <p className="assessment-checklist__meta">
        {t('assessment.checklist.meta', {
          office: officeName(offices, checklist.ownerOffice, locale, t),
          date: formatDate(locale, checklist.nextReviewOn),
          version: checklist.version,
        })}
      </p>
      {checklist.isStale && (
        <p className="assessment-checklist__stale">{t('assessment.checklist.staleHint')}</p>
      )}
      <Disclosure label={t('assessment.checklist.questions', { count: checklist.questions.length })}>
        <ol className="assessment-checklist__questions">
          {checklist.questions.map((question) => (
            <li key={question.key}>{pick(locale, question.textDe, question.textEn)}</li>
          ))}
        </ol>
      </Disclosure>
    </li>
  )
}

/** An office key in words, from the offices the institution configured. */
export function officeName(
  offices: readonly Office[],
  key: OfficeKey,
  locale: 'de' | 'en',
  t: (key: TextKey) => string,
): string {
  const office = offices.find((candidate) => candidate.key === key)
  return office ? pick(locale, office.nameDe, office.nameEn) : t(`assessment.office.${key}`)
}

/** Replaces office keys the engine leaves in a sentence ("export_control") with the offices' names. */
function withOfficeNames(
  text: string,
  offices: readonly Office[],
  locale: 'de' | 'en',
  t: (key: TextKey) => string,
): string {
  return text.replace(/\b[a-z]+(?:_[a-z]+)+\b|\b(?:legal|hr|ethics)\b/g, (word) => {
    const parsed = OfficeKeySchema.safeParse(word)
    return parsed.success ? officeName(offices, parsed.data, locale, t) : word
  })
}

/**
 * The result of a pre-assessment with all its evidence: risk in friendly words and the summary,
 * fired no-go rules, control-list candidates (each opening to its evidence), sensitive areas, the
 * TRL band with the General Technology Note, how the level came about, offices, next steps and
 * checklists. `compact` is the side panel of the form; the case page shows everything.
 */
export function AssessmentResultView({
  result,
  offices,
  compact = false,
}: {
  result: AssessmentResult
  offices: readonly Office[]
  compact?: boolean
}) {
  const t = useT()
  const { locale } = useLocale()
  const [openEntry, setOpenEntry] = useState<Candidate | null>(null)
  const counting = result.candidates.filter((c) => c.status === 'match' && c.strength !== 'weak')
  const weak = result.candidates.filter((c) => c.status === 'match' && c.strength === 'weak')
  const takenOut = result.candidates.filter((c) => c.status !== 'match')
  const shown = compact ? counting.slice(0, 5) : counting
  const hiddenCounting = counting.slice(shown.length)
  const band = result.proportionality.band
  const trl = result.proportionality.trl

  return (
    <div className={compact ? 'assessment-result assessment-result--compact' : 'assessment-result'}>
      <div className={`assessment-risk assessment-risk--${result.riskLevel}`}>
        <p className="assessment-risk__level">
          <RiskBadge level={result.riskLevel} />
        </p>
        <p className="assessment-risk__text">{t(`assessment.risk.${result.riskLevel}.text`)}</p>
      </div>
      <p className="assessment-summary">{locale === 'de' ? result.summary.de : result.summary.en}</p>

      {result.noGos.length > 0 && (
        <div className="assessment-block">
          <h3 className="assessment-block__title">{t('assessment.noGo.title')}</h3>
          <ul className="assessment-nogos">
            {result.noGos.map((rule) => (
              <li key={rule.key} className="assessment-nogo">
                <p className="assessment-nogo__name">
                  {pick(locale, rule.nameDe, rule.name)}{' '}
                  <Badge tone={consequenceTone[rule.consequence]}>
                    {t(`assessment.consequence.${rule.consequence}`)}
                  </Badge>
                </p>
                <p>{pick(locale, rule.explanationDe, rule.explanation)}</p>
                <p className="assessment-nogo__condition">
                  {t('assessment.noGo.condition')} <code>{rule.condition}</code>
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="assessment-block">
        <h3 className="assessment-block__title">{t('assessment.candidates.title')}</h3>
        {counting.length === 0 ? (
          <p className="muted">{t('assessment.candidates.none')}</p>
        ) : (
          <>
            <p className="assessment-block__hint">{t('assessment.candidates.hint')}</p>
            <CandidateList candidates={shown} onOpenEntry={setOpenEntry} />
          </>
        )}
        {hiddenCounting.length > 0 && (
          <Disclosure label={t('assessment.candidates.more', { count: hiddenCounting.length })}>
            <CandidateList candidates={hiddenCounting} onOpenEntry={setOpenEntry} />
          </Disclosure>
        )}
        {takenOut.length > 0 && (
          <Disclosure
            className="assessment-disclosure--group"
            label={t('assessment.candidates.takenOut', { count: takenOut.length })}
            initiallyOpen={!compact || counting.length === 0}
          >
            <p className="assessment-block__hint">{t('assessment.candidates.takenOutHint')}</p>
            <CandidateList candidates={takenOut} onOpenEntry={setOpenEntry} />
          </Disclosure>
        )}
        {weak.length > 0 && (
          <Disclosure
            className="assessment-disclosure--group"
            label={t('assessment.candidates.weak', { count: weak.length })}
          >
            <p className="assessment-block__hint">{t('assessment.candidates.weakHint')}</p>
            <CandidateList candidates={weak} onOpenEntry={setOpenEntry} />
          </Disclosure>
        )}
      </div>

      <div className="assessment-block">
        <h3 className="assessment-block__title">{t('assessment.areas.title')}</h3>
        {result.areas.length === 0 ? (
          <p className="muted">{t('assessment.areas.none')}</p>
        ) : (
          <ul className="assessment-areas">
            {result.areas.map((area) => (
              <li key={area.key}>
                <Disclosure
                  label={
                    <>
                      <span className="assessment-area__name">{pick(locale, area.nameDe, area.nameEn)}</span>
                      <span className="assessment-area__terms">
                        {t('assessment.areas.terms', { terms: area.terms.join(', ') })}
                      </span>
                    </>
                  }
                >
                  {area.evidence.map((passage) => (
                    <PassageView
                      key={`${passage.source}-${passage.offset}`}
                      passage={passage}
                      kind="project"
                    />
                  ))}
                </Disclosure>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="assessment-block">
        <h3 className="assessment-block__title">{t('assessment.trl.title')}</h3>
        <p>
          {trl === null ? t('assessment.trl.unknown') : t('assessment.trl.value', { trl })}{' '}
          <strong>{t(`assessment.band.${band}`)}</strong>
        </p>
        <p className="assessment-block__hint">{t(`assessment.band.${band}.text`)}</p>
        {result.proportionality.exemptions.map((exemption) => (
          <div key={exemption.kind} className="assessment-gtn">
            <p>{locale === 'de' ? exemption.reasonDe : exemption.reasonEn}</p>
            <p className="assessment-evidence__label">{t('assessment.trl.gtn')}</p>
            <blockquote lang="en">{exemption.note}</blockquote>
          </div>
        ))}
        {result.proportionality.exemptions.length === 0 && (
          <p className="assessment-block__hint">{t('assessment.trl.noExemption')}</p>
        )}
      </div>

      <div className="assessment-block">
        <Disclosure label={t('assessment.factors.title')} initiallyOpen={!compact}>
          {result.factors.length === 0 ? (
            <p className="muted">{t('assessment.factors.none')}</p>
          ) : (
            <table className="table assessment-factors">
              <caption className="visually-hidden">{t('assessment.factors.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('assessment.factors.reason')}</th>
                  <th scope="col" className="table__number">
                    {t('assessment.factors.weight')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.factors.map((factor) => (
                  <tr key={factor.key}>
                    <td>{locale === 'de' ? factor.reasonDe : factor.reasonEn}</td>
                    <td className="table__number">
                      {factor.weight > 0 ? '+' : ''}
                      {factor.weight.toLocaleString(locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="assessment-block__hint">
            {t('assessment.factors.total', { score: result.riskScore.toLocaleString(locale) })}{' '}
            {t('assessment.factors.noOrigin')}
          </p>
        </Disclosure>
      </div>

      {result.offices.length > 0 && (
        <div className="assessment-block">
          <h3 className="assessment-block__title">{t('assessment.offices.title')}</h3>
          <ul className="badge-row assessment-offices">
            {result.offices.map((key) => (
              <li key={key}>
                <Badge tone="info">{officeName(offices, key, locale, t)}</Badge>
              </li>
            ))}
          </ul>
        </div>
      )}

      {result.nextSteps.length > 0 && (
        <div className="assessment-block">
          <h3 className="assessment-block__title">{t('assessment.nextSteps.title')}</h3>
          <ol className="assessment-steps">
            {result.nextSteps.map((step) => (
              <li key={step.en}>
                {withOfficeNames(locale === 'de' ? step.de : step.en, offices, locale, t)}
              </li>
            ))}
          </ol>
        </div>
      )}

      {result.checklists.length > 0 && (
        <div className="assessment-block">
          <h3 className="assessment-block__title">{t('assessment.checklists.title')}</h3>
          <p className="assessment-block__hint">{t('assessment.checklists.hint')}</p>
          <ul className="assessment-checklists">
            {result.checklists.map((checklist) => (
              <ChecklistItem key={checklist.key} checklist={checklist} offices={offices} />
            ))}
          </ul>
        </div>
      )}

      <AnnexEntryDialog
        code={openEntry?.code ?? null}
        version={result.versions.annex}
        passages={openEntry?.evidence.entry.map((passage) => passage.text) ?? []}
        onClose={() => setOpenEntry(null)}
      />
    </div>
  )
}

/** The reference versions an assessment used, for reproducing it later. */
export function VersionsList({ result }: { result: AssessmentResult }) {
  const t = useT()
  const versions = result.versions
  return (
    <dl className="facts assessment-versions">
      <div>
        <dt>{t('assessment.versions.annex')}</dt>
        <dd>
          {versions.annexLabel} (v{versions.annex})
        </dd>
      </div>
      <div>
        <dt>{t('assessment.versions.vocabulary')}</dt>
        <dd>v{versions.vocabulary}</dd>
      </div>
      <div>
        <dt>{t('assessment.versions.sensitiveAreas')}</dt>
        <dd>v{versions.sensitiveAreas}</dd>
      </div>
      <div>
        <dt>{t('assessment.versions.noGoRules')}</dt>
        <dd>v{versions.noGoRules}</dd>
      </div>
      <div>
        <dt>{t('assessment.versions.weights')}</dt>
        <dd>v{versions.weights}</dd>
      </div>
      <div>
        <dt>{t('assessment.versions.engine')}</dt>
        <dd>{versions.engine}</dd>
      </div>
    </dl>
  )
}
