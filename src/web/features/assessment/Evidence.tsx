import { type ReactNode, useState } from 'react'
import type { Candidate, Highlight, Passage } from '../../../modules/assessment/assessment.schema.js'
import { Dialog } from '../../components/Dialog.js'
import { ErrorState, Loading } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import type { TextKey } from '../../i18n/de.js'
import { useLocale, useT } from '../../i18n/i18n.js'
import { fieldLabel } from '../collaborations/labels.js'
import { assessmentApi } from './api.js'

/** Splits a text at its highlighted ranges (overlaps merged, out-of-range parts ignored). */
export function highlightSegments(
  text: string,
  highlights: readonly Pick<Highlight, 'start' | 'end'>[],
): { text: string; isMark: boolean }[] {
  const ranges = highlights
    .map((range) => ({ start: Math.max(0, range.start), end: Math.min(text.length, range.end) }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start)
  const merged: { start: number; end: number }[] = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  const segments: { text: string; isMark: boolean }[] = []
  let at = 0
  for (const range of merged) {
    if (range.start > at) segments.push({ text: text.slice(at, range.start), isMark: false })
    segments.push({ text: text.slice(range.start, range.end), isMark: true })
    at = range.end
  }
  if (at < text.length) segments.push({ text: text.slice(at), isMark: false })
  return segments
}

/** A text with its matching terms marked (`<mark>`, which screen readers announce as highlighted). */
export function HighlightedText({
  text,
  highlights,
  lang,
}: {
  text: string
  highlights: readonly Pick<Highlight, 'start' | 'end'>[]
  lang?: string
}) {
  return (
    <span lang={lang}>
      {highlightSegments(text, highlights).map((segment, index) =>
        segment.isMark ? (
          // Segments have no identity beyond their position in this fixed text.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <mark key={index} className="assessment-mark">
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  )
}

/** One passage of evidence with where it comes from. */
export function PassageView({ passage, kind }: { passage: Passage; kind: 'project' | 'entry' }) {
  const t = useT()
  const { locale } = useLocale()
  const source =
    kind === 'project'
      ? t('assessment.evidence.fromField', { field: fieldLabel(t, locale, passage.source) })
      : t('assessment.evidence.fromEntry', { code: passage.source })
  return (
    <figure className={`assessment-passage assessment-passage--${kind}`}>
      <figcaption className="assessment-passage__source">{source}</figcaption>
      <blockquote className="assessment-passage__text">
        <HighlightedText
          text={passage.text}
          highlights={passage.highlights}
          lang={kind === 'entry' ? 'en' : undefined}
        />
      </blockquote>
    </figure>
  )
}

const categoryKeys: Record<string, TextKey> = {
  '0': 'assessment.category.0',
  '1': 'assessment.category.1',
  '2': 'assessment.category.2',
  '3': 'assessment.category.3',
  '4': 'assessment.category.4',
  '5': 'assessment.category.5',
  '6': 'assessment.category.6',
  '7': 'assessment.category.7',
  '8': 'assessment.category.8',
  '9': 'assessment.category.9',
}

/** The name of an Annex I category ("Category 6 – Sensors and lasers"). */
export function useCategoryName(): (category: string) => string {
  const t = useT()
  return (category: string) => {
    const key = categoryKeys[category]
    return key ? t(key) : t('assessment.category.other', { category })
  }
}

/**
 * Everything behind one candidate: why the words map to the entry, the project passage and the
 * entry passage side by side, numbers against thresholds, and the quoted note that takes it out.
 */
export function CandidateEvidence({
  candidate,
  onOpenEntry,
}: {
  candidate: Candidate
  onOpenEntry: (code: string) => void
}) {
  const t = useT()
  const [allThresholds, setAllThresholds] = useState(false)
  const sortedThresholds = [...candidate.thresholds].sort((a, b) => Number(b.isMet) - Number(a.isMet))
  const relevantThresholds = allThresholds ? sortedThresholds : sortedThresholds.slice(0, 4)
  return (
    <div className="assessment-evidence">
      {candidate.exclusionNote && (
        <div className="assessment-evidence__note">
          <p className="assessment-evidence__label">{t('assessment.evidence.excludedBecause')}</p>
          <blockquote lang="en">{candidate.exclusionNote}</blockquote>
        </div>
      )}
      {candidate.status === 'below_threshold' && !candidate.exclusionNote && (
        <p className="assessment-evidence__note">{t('assessment.evidence.belowThreshold')}</p>
      )}
      {candidate.mappings.length > 0 && (
        <div>
          <p className="assessment-evidence__label">{t('assessment.evidence.mappings')}</p>
          <ul className="assessment-mappings">
            {candidate.mappings.map((mapping) => (
              <li key={`${mapping.found}-${mapping.means}`}>
                <mark className="assessment-mark">{mapping.found}</mark> <span aria-hidden="true">→</span>
                <span className="visually-hidden"> {t('assessment.evidence.means')} </span>{' '}
                <span lang="en">{mapping.means}</span>
              </li>
            ))}
          </ul>
          {sortedThresholds.length > 4 && (
            <button type="button" className="link-button" onClick={() => setAllThresholds(!allThresholds)}>
              {allThresholds
                ? t('assessment.evidence.fewerThresholds')
                : t('assessment.evidence.allThresholds', { count: sortedThresholds.length })}
            </button>
          )}
        </div>
      )}
      <div className="assessment-compare">
        <div>
          <p className="assessment-evidence__label">{t('assessment.evidence.yourText')}</p>
          {candidate.evidence.project.length === 0 ? (
            <p className="muted">{t('assessment.evidence.noProjectPassage')}</p>
          ) : (
            candidate.evidence.project.map((passage) => (
              <PassageView key={`${passage.source}-${passage.offset}`} passage={passage} kind="project" />
            ))
          )}
        </div>
        <div>
          <p className="assessment-evidence__label">
            {t('assessment.evidence.entryText', { code: candidate.code })}
          </p>
          {candidate.evidence.entry.map((passage) => (
            <PassageView key={`${passage.source}-${passage.offset}`} passage={passage} kind="entry" />
          ))}
        </div>
      </div>
      {relevantThresholds.length > 0 && (
        <div>
          <p className="assessment-evidence__label">{t('assessment.evidence.thresholds')}</p>
          <ul className="assessment-thresholds">
            {relevantThresholds.map((row) => (
              <li
                key={`${row.subParagraph}-${row.quantity}-${row.threshold}-${row.found}`}
                className={
                  row.isMet ? 'assessment-threshold assessment-threshold--met' : 'assessment-threshold'
                }
              >
                <code className="assessment-threshold__code">{row.subParagraph}</code>
                <span>
                  {t('assessment.evidence.found')}: <strong>{row.found}</strong>
                </span>
                <span>
                  {t('assessment.evidence.threshold')}: <span lang="en">{row.threshold}</span>
                </span>
                <span className="assessment-threshold__result">
                  {row.isMet ? t('assessment.evidence.met') : t('assessment.evidence.notMet')}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="button-row button-row--start">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onOpenEntry(candidate.code)}
        >
          {t('assessment.evidence.openEntry', { code: candidate.code })}
        </button>
      </div>
    </div>
  )
}

/** Marks the evidence passages inside the entry's full text, so the reader finds them at once. */
function markPassages(text: string, passages: readonly string[]): ReactNode {
  const ranges = passages
    .map((passage) => {
      const start = text.indexOf(passage)
      return start < 0 ? null : { start, end: start + passage.length }
    })
    .filter((range): range is { start: number; end: number } => range !== null)
  return <HighlightedText text={text} highlights={ranges} />
}

/** The full text of an Annex I entry (of the list version the assessment used) in a dialog. */
export function AnnexEntryDialog({
  code,
  version,
  passages = [],
  onClose,
}: {
  code: string | null
  version?: number
  /** Passages of the entry that matched; they are marked in the full text. */
  passages?: readonly string[]
  onClose: () => void
}) {
  const t = useT()
  return (
    <Dialog
      title={code ? t('assessment.entry.title', { code }) : ''}
      isOpen={code !== null}
      onClose={onClose}
      wide
    >
      {code && <AnnexEntryBody code={code} version={version} passages={passages} />}
    </Dialog>
  )
}

function AnnexEntryBody({
  code,
  version,
  passages,
}: {
  code: string
  version?: number
  passages: readonly string[]
}) {
  const t = useT()
  const categoryName = useCategoryName()
  const entry = useAsync(() => assessmentApi.annexEntry(code, version), [code, version])
  if (entry.error) return <ErrorState error={entry.error} onRetry={entry.reload} />
  if (!entry.data) return <Loading />
  const data = entry.data
  return (
    <div className="assessment-entry">
      <p className="assessment-entry__meta">
        {categoryName(data.category)} ·{' '}
        {t('assessment.entry.version', { label: data.label, version: data.version })}
      </p>
      <p className="assessment-entry__heading" lang="en">
        {data.heading}
      </p>
      {passages.length > 0 && <p className="field__hint">{t('assessment.entry.marked')}</p>}
      <section
        className="assessment-entry__text prewrap"
        lang="en"
        aria-label={t('assessment.entry.fullText')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable text must be reachable by keyboard (axe scrollable-region-focusable).
        tabIndex={0}
      >
        {markPassages(data.text, passages)}
      </section>
      {data.notes.length > 0 && (
        <>
          <h3 className="assessment-entry__subtitle">{t('assessment.entry.notes')}</h3>
          <ul className="assessment-entry__notes" lang="en">
            {data.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
      <p className="note">{t('assessment.entry.source')}</p>
    </div>
  )
}
