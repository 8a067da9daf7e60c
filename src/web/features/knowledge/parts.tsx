import { Link } from 'react-router'
import type {
  DiffPart,
  DocumentKind,
  SnippetPart,
  VersionDiff,
} from '../../../modules/knowledge/knowledge.schema.js'
import { renderMarkdown } from '../../../shared/markdown.js'
import { Badge } from '../../components/Feedback.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDate, useLocale, useT } from '../../i18n/i18n.js'

/** The label key of a document kind. */
export const kindKey = (kind: DocumentKind) => `knowledge.kind.${kind}` as TextKey

/** A document kind as a badge. */
export function KindBadge({ kind }: { kind: DocumentKind }) {
  const t = useT()
  return (
    <Badge tone={kind === 'regulation' ? 'accent' : kind === 'checklist' ? 'info' : 'neutral'}>
      {t(kindKey(kind))}
    </Badge>
  )
}

/** Highlighted text from the search: hits are marked, everything is text (never HTML). */
export function Highlighted({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence of one text
          <mark key={index} className="kn-hit">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence of one text
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  )
}

/** A document's Markdown, rendered without raw HTML and with safe links only. */
export function Markdown({ source }: { source: string }) {
  // renderMarkdown escapes raw HTML and refuses script links, so its output is safe to insert.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by renderMarkdown (tested)
  return <div className="kn-prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />
}

/** The review state of a document: due since, last reviewed. */
export function DueLine({
  isDue,
  nextReviewOn,
  lastReviewedAt,
}: {
  isDue: boolean
  nextReviewOn: string
  lastReviewedAt: string | null
}) {
  const t = useT()
  const { locale } = useLocale()
  const last = lastReviewedAt
    ? t('knowledge.due.lastReviewed', { date: formatDate(locale, lastReviewedAt) })
    : t('knowledge.due.never')
  return isDue ? (
    <span>
      <Badge tone="warning">{t('knowledge.due.flag', { date: formatDate(locale, nextReviewOn) })}</Badge>{' '}
      {last}
    </span>
  ) : (
    <span>
      {t('knowledge.due.next', { date: formatDate(locale, nextReviewOn) })} · {last}
    </span>
  )
}

/** Pairs removed and added runs of lines into rows of a side-by-side view. */
function sideBySide(
  parts: readonly DiffPart[],
): { left: string | null; right: string | null; kind: DiffPart['kind'] }[] {
  const rows: { left: string | null; right: string | null; kind: DiffPart['kind'] }[] = []
  const lines = (text: string) => text.replace(/\n$/, '').split('\n')
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]
    if (!part) continue
    if (part.kind === 'same') {
      for (const line of lines(part.text)) rows.push({ left: line, right: line, kind: 'same' })
      continue
    }
    const next = parts[index + 1]
    const removed = part.kind === 'removed' ? lines(part.text) : []
    const added = part.kind === 'added' ? lines(part.text) : next?.kind === 'added' ? lines(next.text) : []
    if (part.kind === 'removed' && next?.kind === 'added') index++
    for (let line = 0; line < Math.max(removed.length, added.length); line++)
      rows.push({ left: removed[line] ?? null, right: added[line] ?? null, kind: part.kind })
  }
  return rows
}

const fieldKeys: Record<string, TextKey> = {
  title: 'knowledge.editor.title',
  summary: 'knowledge.editor.summary',
  kind: 'knowledge.editor.kind',
  audience: 'knowledge.editor.audience',
  ownerOffice: 'knowledge.editor.owner',
  tags: 'knowledge.editor.tags',
  researchAreas: 'knowledge.editor.areas',
  reviewIntervalMonths: 'knowledge.editor.interval',
  jurisdiction: 'knowledge.doc.jurisdiction',
  effectiveDate: 'knowledge.doc.effective',
  topics: 'knowledge.doc.topics',
}

/** Two versions side by side: fields that changed, then the text line by line. */
export function SideBySideDiff({
  diff,
  labels,
}: {
  diff: VersionDiff
  labels?: { before: string; after: string }
}) {
  const t = useT()
  const rows = sideBySide(diff.body)
  const changed = diff.body.some((part) => part.kind !== 'same')
  const before = labels?.before ?? t('knowledge.history.versionLine', { version: diff.from })
  const after = labels?.after ?? t('knowledge.history.versionLine', { version: diff.to })
  return (
    <div className="stack">
      {diff.fields.length > 0 && (
        <div className="table-wrap">
          <table className="table diff-table">
            <caption className="visually-hidden">{t('knowledge.diff.fields')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('knowledge.diff.field')}</th>
                <th scope="col">{before}</th>
                <th scope="col">{after}</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((field) => (
                <tr key={field.field}>
                  <th scope="row" className="diff-table__field">
                    {fieldKeys[field.field] ? t(fieldKeys[field.field] as TextKey) : field.field}
                  </th>
                  <td>
                    <del className="diff-table__before">{field.before}</del>
                  </td>
                  <td>
                    <ins className="diff-table__after">{field.after}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!changed && diff.fields.length === 0 ? (
        <p className="muted">{t('knowledge.diff.noChanges')}</p>
      ) : changed ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide diff scrolls and must be reachable by keyboard
        <section className="kn-diff" aria-label={t('knowledge.diff.body')} tabIndex={0}>
          <div className="kn-diff__head">{before}</div>
          <div className="kn-diff__head">{after}</div>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a fixed diff
            <DiffRow key={index} row={row} />
          ))}
        </section>
      ) : null}
    </div>
  )
}

function DiffRow({ row }: { row: { left: string | null; right: string | null; kind: DiffPart['kind'] } }) {
  const t = useT()
  const cell = (text: string | null, tone: 'removed' | 'added') => {
    if (row.kind === 'same') return <div className="kn-diff__cell">{text}</div>
    if (text === null) return <div className="kn-diff__cell kn-diff__cell--empty" />
    return (
      <div className={`kn-diff__cell kn-diff__cell--${tone}`}>
        <span className="visually-hidden">
          {t(tone === 'removed' ? 'knowledge.diff.removed' : 'knowledge.diff.added')}:{' '}
        </span>
        {text}
      </div>
    )
  }
  return (
    <>
      {cell(row.left, 'removed')}
      {cell(row.right, 'added')}
    </>
  )
}

/** A link to a document page. */
export function DocumentLink({ documentId, children }: { documentId: string; children: React.ReactNode }) {
  return <Link to={`/knowledge/documents/${documentId}`}>{children}</Link>
}
