import { type ReactNode, useState } from 'react'
import {
  type DispositionInput,
  DispositionInputSchema,
  type ListKind,
  listKindMeanings,
  type ScreeningHit,
} from '../../../modules/screening/screening.schema.js'
import { Alert, Badge } from '../../components/Feedback.js'
import { FormActions, FormErrors, TextAreaField, useFormSubmission } from '../../components/Form.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { RadioGroup } from '../collaborations/formParts.js'

type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent'

/** The badge colour of a list kind: binding sanctions stand out, assessments are information. */
export function kindTone(kind: ListKind): Tone {
  if (kind === 'binding_sanctions') return 'danger'
  if (kind === 'export_control' || kind === 'research_security') return 'warning'
  if (kind === 'countersanctions') return 'accent'
  if (kind === 'third_party_assessment') return 'info'
  return 'neutral'
}

/** The short name of a list kind as a text key. */
export function kindKey(kind: ListKind): TextKey {
  return `screening.kind.${kind}`
}

/** A list kind as a badge with its meaning in words beside it. */
export function KindExplained({ kind }: { kind: ListKind }) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <p className="screening-kind">
      <Badge tone={kindTone(kind)}>{t(kindKey(kind))}</Badge>{' '}
      <span className="screening-kind__meaning">{listKindMeanings[kind][locale]}</span>
    </p>
  )
}

/** A score in [0, 1] as a percentage in the UI language. */
export function formatScore(locale: string, score: number): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'percent' }).format(score)
}

/** The verdict of a match as a badge: "match" is strong, "review" asks a person to look. */
export function VerdictBadge({ verdict }: { verdict: 'match' | 'review' }) {
  const t = useT()
  return (
    <Badge tone={verdict === 'match' ? 'danger' : 'warning'}>
      {verdict === 'match' ? t('screening.verdict.match') : t('screening.verdict.review')}
    </Badge>
  )
}

/** Quoted names inside an explanation ("x" ~ "y") set apart, so the reader sees which words matched. */
function highlightQuotes(text: string): ReactNode[] {
  return text.split(/("[^"]*")/g).map((part, index) =>
    part.startsWith('"') && part.endsWith('"') && part.length > 1 ? (
      // The parts never reorder; the position is a stable key.
      // biome-ignore lint/suspicious/noArrayIndexKey: see above
      <q key={index} className="screening-why__term">
        {part.slice(1, -1)}
      </q>
    ) : (
      part
    ),
  )
}

/**
 * The matcher's explanation of a match, one clause per line. The server writes it in English, so
 * it is marked as English for screen readers.
 */
export function Explanation({ text }: { text: string }) {
  const t = useT()
  const clauses = text
    .split(/;\s+/)
    .map((clause) => clause.trim())
    .filter(Boolean)
  return (
    <div className="screening-why">
      <p className="screening-why__title">{t('screening.hit.why')}</p>
      <ul className="screening-why__list" lang="en">
        {clauses.map((clause) => (
          <li key={clause}>{highlightQuotes(clause)}</li>
        ))}
      </ul>
    </div>
  )
}

/** The warning that some lists are older than their expected update interval. */
export function StaleWarning({ names }: { names: readonly string[] }) {
  const t = useT()
  if (names.length === 0) return null
  return (
    <Alert tone="warning" title={t('screening.stale.title')}>
      <p>{t('screening.stale.text', { lists: names.join(', ') })}</p>
    </Alert>
  )
}

/** One match of a name against a list: list and kind in words, names, score, verdict and why. */
export function MatchDetails({
  listName,
  listKind,
  listVersion,
  name,
  matchedName,
  score,
  verdict,
  explanation,
  heading: Heading,
  children,
}: {
  listName: string
  listKind: ListKind
  listVersion: number | null
  name: string
  matchedName: string
  score: number
  verdict: 'match' | 'review'
  explanation: string
  heading: 'h3' | 'h4'
  children?: ReactNode
}) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <article className={`screening-hit screening-hit--${listKind}`}>
      <div className="screening-hit__head">
        <Heading className="screening-hit__title">{name}</Heading>
        <div className="badge-row">
          <VerdictBadge verdict={verdict} />
          <Badge tone="neutral">{t('screening.hit.score', { score: formatScore(locale, score) })}</Badge>
        </div>
      </div>
      <p className="screening-hit__list">
        {listVersion === null
          ? t('screening.hit.onList', { list: listName })
          : t('screening.hit.onListVersion', { list: listName, version: listVersion })}
      </p>
      <KindExplained kind={listKind} />
      <dl className="screening-hit__names">
        <div>
          <dt>{t('screening.hit.entryName')}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t('screening.hit.matchedName')}</dt>
          <dd>{matchedName}</dd>
        </div>
      </dl>
      <Explanation text={explanation} />
      {children}
    </article>
  )
}

/** A remembered disposition in one line: decision, reason, who and when. */
export function DispositionLine({ disposition }: { disposition: NonNullable<ScreeningHit['disposition']> }) {
  const t = useT()
  const { locale } = useLocale()
  return (
    <div className="screening-disposition">
      <Badge tone={disposition.decision === 'confirmed' ? 'danger' : 'success'}>
        {t(`screening.decision.${disposition.decision}`)}
      </Badge>{' '}
      <span className="screening-disposition__reason">{disposition.reason}</span>
      <span className="screening-disposition__meta">
        {t('screening.disposition.by', {
          by: disposition.decidedBy,
          at: formatDateTime(locale, disposition.decidedAt),
        })}
      </span>
    </div>
  )
}

/** The reviewer's form: confirmed or false positive, with a required reason. */
export function DispositionForm({
  target,
  onCancel,
  onSubmit,
}: {
  target: Omit<DispositionInput, 'decision' | 'reason'>
  onCancel: () => void
  onSubmit: (input: DispositionInput) => Promise<void>
}) {
  const t = useT()
  const form = useFormSubmission()
  const [decision, setDecision] = useState<DispositionInput['decision'] | null>(null)
  const [reason, setReason] = useState('')
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void form.submit(
          DispositionInputSchema,
          { ...target, decision: decision ?? undefined, reason },
          onSubmit,
        )
      }}
    >
      <FormErrors form={form} />
      <RadioGroup
        legend={t('screening.disposition.decision')}
        value={decision}
        layout="list"
        options={[
          {
            value: 'false_positive',
            label: t('screening.decision.false_positive'),
            hint: t('screening.decision.false_positiveHint'),
          },
          {
            value: 'confirmed',
            label: t('screening.decision.confirmed'),
            hint: t('screening.decision.confirmedHint'),
          },
        ]}
        onChange={setDecision}
        error={form.errorFor('decision')}
      />
      <TextAreaField
        label={t('screening.disposition.reason')}
        hint={t('screening.disposition.reasonHint')}
        rows={4}
        maxLength={2000}
        value={reason}
        onChange={setReason}
        error={form.errorFor('reason')}
      />
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {t('screening.disposition.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}
