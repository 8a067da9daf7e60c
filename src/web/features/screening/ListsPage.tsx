import { useState } from 'react'
import {
  ImportListSchema,
  type ListChange,
  type ListEntry,
  type ListFormat,
  ListFormatSchema,
  type ListVersion,
  OwnEntryInputSchema,
  type ScreeningList,
  ThresholdsSchema,
} from '../../../modules/screening/screening.schema.js'
import { Dialog } from '../../components/Dialog.js'
import {
  Alert,
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  PageHeader,
  useErrorMessage,
} from '../../components/Feedback.js'
import {
  FieldShell,
  FormActions,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDate, formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { screeningApi, type Thresholds } from './api.js'
import { KindExplained } from './parts.js'

const formats = ListFormatSchema.options

/** Splits a typed list ("a; b, c") into its trimmed, non-empty items. */
function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean)
}

function StaleBadge({ list }: { list: ScreeningList }) {
  const t = useT()
  const { locale } = useLocale()
  if (list.currentVersion === null) return <Badge tone="warning">{t('screening.lists.neverImported')}</Badge>
  if (list.isStale)
    return (
      <Badge tone="danger">
        {t('screening.lists.staleSince', { date: formatDate(locale, list.staleSince) })}
      </Badge>
    )
  return <Badge tone="success">{t('screening.lists.current')}</Badge>
}

function ThresholdsForm() {
  const t = useT()
  const form = useFormSubmission()
  const current = useAsync(() => screeningApi.thresholds(), [])
  const [values, setValues] = useState<{ match: string; review: string } | null>(null)
  const [saved, setSaved] = useState(false)
  if (current.error) return <ErrorState error={current.error} onRetry={current.reload} />
  if (!current.data) return <Loading />
  const shown = values ?? { match: String(current.data.match), review: String(current.data.review) }
  const set = (key: 'match' | 'review', value: string) => {
    setSaved(false)
    setValues({ ...shown, [key]: value })
  }
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const parsed = { match: Number(shown.match), review: Number(shown.review) }
        void form.submit(ThresholdsSchema, parsed, async (body: Thresholds) => {
          const stored = await screeningApi.setThresholds(body)
          current.setData(() => stored)
          setValues(null)
          setSaved(true)
        })
      }}
    >
      <FormErrors form={form} />
      {saved && <Alert tone="success">{t('screening.thresholds.saved')}</Alert>}
      <div className="form-row">
        <TextField
          label={t('screening.thresholds.match')}
          hint={t('screening.thresholds.matchHint')}
          type="number"
          min={0.5}
          max={1}
          step={0.01}
          inputMode="decimal"
          value={shown.match}
          onChange={(value) => set('match', value)}
          error={form.errorFor('match')}
        />
        <TextField
          label={t('screening.thresholds.review')}
          hint={t('screening.thresholds.reviewHint')}
          type="number"
          min={0.3}
          max={1}
          step={0.01}
          inputMode="decimal"
          value={shown.review}
          onChange={(value) => set('review', value)}
          error={form.errorFor('review')}
        />
      </div>
      <FormActions>
        <button type="submit" className="button button--secondary" disabled={form.isSubmitting}>
          {t('screening.thresholds.save')}
        </button>
      </FormActions>
    </form>
  )
}

function ImportForm({ onImported }: { onImported: (version: ListVersion) => void }) {
  const t = useT()
  const form = useFormSubmission()
  const [format, setFormat] = useState<ListFormat | ''>('')
  const [files, setFiles] = useState<{ content?: File; alt?: File; add?: File }>({})
  const isOfac = format === 'ofac-sdn'
  const fileField = (key: 'content' | 'alt' | 'add', label: string, hint?: string) => (
    <FieldShell label={label} hint={hint} error={key === 'content' ? form.errorFor('content') : undefined}>
      {({ inputId, describedBy, invalid }) => (
        <input
          id={inputId}
          type="file"
          className="input input--file"
          accept=".csv,.xml,.json,.jsonl,.ftm,.txt"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => setFiles({ ...files, [key]: event.target.files?.[0] })}
        />
      )}
    </FieldShell>
  )
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void (async () => {
          const values = {
            format: format || undefined,
            fileName: files.content?.name ?? '',
            content: files.content ? await files.content.text() : '',
            alt: isOfac && files.alt ? await files.alt.text() : undefined,
            add: isOfac && files.add ? await files.add.text() : undefined,
          }
          await form.submit(ImportListSchema, values, async (body) =>
            onImported(await screeningApi.importList(body)),
          )
        })()
      }}
    >
      <FormErrors form={form} />
      <SelectField
        label={t('screening.import.format')}
        hint={t('screening.import.formatHint')}
        value={format}
        onChange={(value) => setFormat(formats.find((candidate) => candidate === value) ?? '')}
        options={[
          { value: '', label: t('collab.form.choose') },
          ...formats.map((value) => ({ value, label: t(`screening.format.${value}`) })),
        ]}
        error={form.errorFor('format')}
      />
      {fileField(
        'content',
        isOfac ? t('screening.import.sdnFile') : t('screening.import.file'),
        t('screening.import.fileHint'),
      )}
      {isOfac && (
        <div className="form-row">
          {fileField('alt', t('screening.import.altFile'))}
          {fileField('add', t('screening.import.addFile'))}
        </div>
      )}
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {form.isSubmitting ? t('screening.import.importing') : t('screening.import.submit')}
        </button>
      </FormActions>
    </form>
  )
}

const changeKinds = ['added', 'removed', 'changed'] as const

function ChangesView({ version }: { version: ListVersion }) {
  const t = useT()
  const changes = useAsync(() => screeningApi.changes(version.id), [version.id])
  const [shown, setShown] = useState<ListChange['change']>(
    version.added > 0 ? 'added' : version.removed > 0 ? 'removed' : 'changed',
  )
  if (changes.error) return <ErrorState error={changes.error} onRetry={changes.reload} />
  if (!changes.data) return <Loading />
  const rows = changes.data.filter((change) => change.change === shown)
  return (
    <div className="list-diff">
      <fieldset className="chips list-diff__filter">
        <legend className="visually-hidden">{t('screening.versions.diffFilter')}</legend>
        {changeKinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className="chip"
            aria-pressed={shown === kind}
            onClick={() => setShown(kind)}
          >
            {t(`screening.versions.${kind}`, {
              count: changes.data?.filter((change) => change.change === kind).length ?? 0,
            })}
          </button>
        ))}
      </fieldset>
      {rows.length === 0 ? (
        <p className="muted">{t('screening.versions.noChanges')}</p>
      ) : (
        <ul
          className={`list-diff__list list-diff__list--${shown}`}
          // A scrolling region must be reachable by keyboard so it can be scrolled without a mouse.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
          tabIndex={0}
          aria-label={t(`screening.versions.${shown}`, { count: rows.length })}
        >
          {rows.slice(0, 300).map((change) => (
            <li key={change.entityKey}>
              <span className="list-diff__mark" aria-hidden="true">
                {shown === 'added' ? '+' : shown === 'removed' ? '−' : '~'}
              </span>
              {change.name}
            </li>
          ))}
        </ul>
      )}
      {rows.length > 300 && (
        <p className="muted">{t('screening.versions.more', { count: rows.length - 300 })}</p>
      )}
    </div>
  )
}

function VersionsPanel({ list }: { list: ScreeningList }) {
  const t = useT()
  const { locale } = useLocale()
  const versions = useAsync(() => screeningApi.versions(list.id), [list.id, list.currentVersion])
  const [openId, setOpenId] = useState<string | null>(null)
  if (versions.error) return <ErrorState error={versions.error} onRetry={versions.reload} />
  if (!versions.data) return <Loading />
  return (
    <section className="section card card--padded" aria-labelledby="versions-title">
      <h2 id="versions-title" className="section__title">
        {t('screening.versions.title', { list: list.name })}
      </h2>
      <KindExplained kind={list.kind} />
      {versions.data.length === 0 ? (
        <p className="muted">{t('screening.versions.none')}</p>
      ) : (
        <ol className="list-versions">
          {versions.data.map((version) => {
            const isOpen = openId === version.id
            return (
              <li key={version.id} className="list-versions__item">
                <div className="list-versions__row">
                  <div>
                    <span className="table__primary">
                      {t('screening.versions.version', { version: version.version })}
                      {version.version === list.currentVersion && ` · ${t('screening.versions.current')}`}
                    </span>
                    <span className="table__secondary">
                      {t('screening.versions.meta', {
                        at: formatDateTime(locale, version.importedAt),
                        by: version.importedBy,
                        file: version.fileName,
                        count: version.entryCount,
                      })}
                    </span>
                  </div>
                  <div className="badge-row">
                    <Badge tone="success">{t('screening.versions.added', { count: version.added })}</Badge>
                    <Badge tone="danger">{t('screening.versions.removed', { count: version.removed })}</Badge>
                    <Badge tone="warning">
                      {t('screening.versions.changed', { count: version.changed })}
                    </Badge>
                  </div>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    aria-expanded={isOpen}
                    onClick={() => setOpenId(isOpen ? null : version.id)}
                  >
                    {isOpen ? t('screening.versions.hideDiff') : t('screening.versions.showDiff')}
                    <span className="visually-hidden">
                      {' '}
                      {t('screening.versions.version', { version: version.version })}
                    </span>
                  </button>
                </div>
                {version.warnings.length > 0 && (
                  <ul className="list-versions__warnings">
                    {version.warnings.map((warning) => (
                      <li key={warning}>{warning}</li>
                    ))}
                  </ul>
                )}
                {isOpen && <ChangesView version={version} />}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}

interface OwnDraft {
  name: string
  entityType: 'organisation' | 'person'
  aliases: string
  countries: string
  reason: string
}

const emptyDraft: OwnDraft = { name: '', entityType: 'organisation', aliases: '', countries: '', reason: '' }

function OwnEntryForm({
  entry,
  onSaved,
  onCancel,
}: {
  entry: ListEntry | null
  onSaved: () => void
  onCancel?: () => void
}) {
  const t = useT()
  const form = useFormSubmission()
  const [draft, setDraft] = useState<OwnDraft>(
    entry
      ? {
          name: entry.name,
          entityType: entry.entityType === 'person' ? 'person' : 'organisation',
          aliases: entry.aliases.join('; '),
          countries: entry.countries.join(', '),
          reason: entry.details.reason ?? '',
        }
      : emptyDraft,
  )
  const set = <K extends keyof OwnDraft>(key: K, value: OwnDraft[K]) => setDraft({ ...draft, [key]: value })
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const values = {
          name: draft.name,
          entityType: draft.entityType,
          aliases: splitList(draft.aliases, /;/),
          countries: draft.entityType === 'person' ? [] : splitList(draft.countries.toUpperCase(), /[,;\s]+/),
          reason: draft.reason,
        }
        void form.submit(OwnEntryInputSchema, values, async (body) => {
          await screeningApi.addOwnEntry(body)
          // There is no "change" endpoint: the edited entry is added anew and the old one removed.
          if (entry) await screeningApi.removeOwnEntry(entry.entityKey)
          setDraft(emptyDraft)
          onSaved()
        })
      }}
    >
      <FormErrors form={form} />
      <div className="form-row">
        <TextField
          label={t('screening.own.name')}
          value={draft.name}
          maxLength={300}
          onChange={(value) => set('name', value)}
          error={form.errorFor('name')}
        />
        <SelectField
          label={t('screening.own.type')}
          value={draft.entityType}
          onChange={(value) => set('entityType', value === 'person' ? 'person' : 'organisation')}
          options={[
            { value: 'organisation', label: t('screening.adHoc.organisation') },
            { value: 'person', label: t('screening.adHoc.person') },
          ]}
        />
      </div>
      <div className="form-row">
        <TextField
          label={t('screening.own.aliases')}
          hint={t('screening.own.aliasesHint')}
          optional
          value={draft.aliases}
          onChange={(value) => set('aliases', value)}
          error={form.errorFor('aliases')}
        />
        {draft.entityType === 'organisation' ? (
          <TextField
            label={t('screening.own.countries')}
            hint={t('screening.own.countriesHint')}
            optional
            value={draft.countries}
            onChange={(value) => set('countries', value)}
            error={form.errorFor('countries')}
          />
        ) : (
          <p className="field__hint screening-search__person">{t('screening.adHoc.personHint')}</p>
        )}
      </div>
      <TextAreaField
        label={t('screening.own.reason')}
        hint={t('screening.own.reasonHint')}
        optional
        rows={2}
        maxLength={2000}
        value={draft.reason}
        onChange={(value) => set('reason', value)}
        error={form.errorFor('reason')}
      />
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {entry ? t('common.save') : t('screening.own.add')}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </FormActions>
    </form>
  )
}

function OwnListSection({ list, onChanged }: { list: ScreeningList | undefined; onChanged: () => void }) {
  const t = useT()
  const errorMessage = useErrorMessage()
  const entries = useAsync(
    () => (list ? screeningApi.entries(list.id, { limit: 500 }) : Promise.resolve([])),
    [list?.id, list?.currentVersion],
  )
  const [editing, setEditing] = useState<ListEntry | null>(null)
  const [removing, setRemoving] = useState<ListEntry | null>(null)
  const [error, setError] = useState<string | null>(null)
  const changed = () => {
    setEditing(null)
    setRemoving(null)
    onChanged()
  }
  return (
    <section className="section card card--padded" aria-labelledby="own-title">
      <h2 id="own-title" className="section__title">
        {t('screening.own.title')}
      </h2>
      <p className="section__intro">{t('screening.own.intro')}</p>
      <KindExplained kind="own" />
      {error && <Alert tone="error">{error}</Alert>}
      {entries.error ? (
        <ErrorState error={entries.error} onRetry={entries.reload} />
      ) : entries.isLoading && !entries.data ? (
        <Loading />
      ) : (entries.data ?? []).length === 0 ? (
        <p className="muted">{t('screening.own.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('screening.own.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('screening.own.name')}</th>
                <th scope="col">{t('screening.own.reason')}</th>
                <th scope="col" className="table__actions">
                  {t('common.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(entries.data ?? []).map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <span className="table__primary">{entry.name}</span>
                    <span className="table__secondary">
                      {[
                        entry.entityType === 'person'
                          ? t('screening.adHoc.person')
                          : t('screening.adHoc.organisation'),
                        ...entry.aliases,
                        ...entry.countries,
                      ].join(' · ')}
                    </span>
                  </td>
                  <td>{entry.details.reason || <span className="muted">{t('common.none')}</span>}</td>
                  <td className="table__actions">
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-label={t('screening.own.editNamed', { name: entry.name })}
                        onClick={() => setEditing(entry)}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button--danger-ghost button--small"
                        aria-label={t('screening.own.removeNamed', { name: entry.name })}
                        onClick={() => setRemoving(entry)}
                      >
                        {t('screening.own.remove')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="screening-subtitle">{t('screening.own.addTitle')}</h3>
      <OwnEntryForm entry={null} onSaved={changed} />
      <Dialog
        title={t('screening.own.editTitle')}
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && (
          <>
            <p className="field__hint">{t('screening.own.editHint')}</p>
            <OwnEntryForm entry={editing} onSaved={changed} onCancel={() => setEditing(null)} />
          </>
        )}
      </Dialog>
      <Dialog
        title={t('screening.own.removeTitle')}
        isOpen={removing !== null}
        onClose={() => setRemoving(null)}
      >
        {removing && (
          <div className="form">
            <p>{t('screening.own.removeConfirm', { name: removing.name })}</p>
            <FormActions>
              <button
                type="button"
                className="button button--danger"
                onClick={async () => {
                  setError(null)
                  try {
                    await screeningApi.removeOwnEntry(removing.entityKey)
                    changed()
                  } catch (caught) {
                    setRemoving(null)
                    setError(errorMessage(caught))
                  }
                }}
              >
                {t('screening.own.remove')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setRemoving(null)}>
                {t('common.cancel')}
              </button>
            </FormActions>
          </div>
        )}
      </Dialog>
    </section>
  )
}

/**
 * The lists screened against, for admins: kind in words, current version, entries, import date,
 * expected update interval and staleness; each list's versions with their differences; importing
 * a new version; the institution's own list; the two thresholds.
 */
export function ListsPage() {
  const t = useT()
  const { locale } = useLocale()
  const lists = useAsync(() => screeningApi.lists(), [])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [imported, setImported] = useState<ListVersion | null>(null)
  const all = lists.data ?? []
  const selected = all.find((list) => list.id === selectedId)
  const own = all.find((list) => list.kind === 'own')

  return (
    <>
      <PageHeader title={t('screening.lists.title')} intro={t('screening.lists.intro')} />
      {all.some((list) => list.isStale) && (
        <Alert tone="warning" title={t('screening.stale.title')}>
          <p>
            {t('screening.stale.text', {
              lists: all
                .filter((list) => list.isStale)
                .map((list) => list.name)
                .join(', '),
            })}
          </p>
        </Alert>
      )}
      <div className="stack">
        {lists.error ? (
          <ErrorState error={lists.error} onRetry={lists.reload} />
        ) : !lists.data ? (
          <Loading />
        ) : all.length === 0 ? (
          <EmptyState title={t('screening.lists.empty')} hint={t('screening.lists.emptyHint')} />
        ) : (
          <div className="table-wrap">
            <table className="table screening-lists">
              <caption className="visually-hidden">{t('screening.lists.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('screening.lists.list')}</th>
                  <th scope="col">{t('screening.lists.kind')}</th>
                  <th scope="col">{t('screening.lists.version')}</th>
                  <th scope="col">{t('screening.lists.imported')}</th>
                  <th scope="col" className="table__actions">
                    {t('common.actions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {all.map((list) => (
                  <tr key={list.id} aria-current={list.id === selectedId ? 'true' : undefined}>
                    <td>
                      <span className="table__primary">{list.name}</span>
                      <span className="table__secondary code">{list.key}</span>
                    </td>
                    <td className="screening-lists__kind">
                      <KindExplained kind={list.kind} />
                    </td>
                    <td>
                      <span className="table__primary nowrap">
                        {list.currentVersion === null
                          ? t('common.none')
                          : t('screening.versions.version', { version: list.currentVersion })}
                      </span>
                      <span className="table__secondary nowrap">
                        {t('screening.lists.entryCount', { count: list.entryCount.toLocaleString(locale) })}
                      </span>
                    </td>
                    <td>
                      <span className="table__primary nowrap">
                        {formatDate(locale, list.importedAt) || t('common.none')}
                      </span>
                      <span className="table__secondary">
                        {t('screening.lists.interval', { days: list.expectedUpdateDays })}
                      </span>
                      <StaleBadge list={list} />
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-expanded={list.id === selectedId}
                        onClick={() => setSelectedId(list.id === selectedId ? null : list.id)}
                      >
                        {t('screening.lists.versions')}
                        <span className="visually-hidden"> {list.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {selected && <VersionsPanel list={selected} />}

        <div className="two-columns">
          <section className="section card card--padded" aria-labelledby="import-title">
            <h2 id="import-title" className="section__title">
              {t('screening.import.title')}
            </h2>
            <p className="section__intro">{t('screening.import.intro')}</p>
            {imported && (
              <Alert tone="success" title={t('screening.import.done', { version: imported.version })}>
                <p>
                  {t('screening.import.doneText', {
                    count: imported.entryCount,
                    added: imported.added,
                    removed: imported.removed,
                    changed: imported.changed,
                  })}
                </p>
              </Alert>
            )}
            <ImportForm
              onImported={(version) => {
                setImported(version)
                setSelectedId(version.listId)
                lists.reload()
              }}
            />
          </section>
          <section className="section card card--padded" aria-labelledby="thresholds-title">
            <h2 id="thresholds-title" className="section__title">
              {t('screening.thresholds.title')}
            </h2>
            <p className="section__intro">{t('screening.thresholds.intro')}</p>
            <ThresholdsForm />
          </section>
        </div>

        <OwnListSection list={own} onChanged={lists.reload} />
      </div>
    </>
  )
}
