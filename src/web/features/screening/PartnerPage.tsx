import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { CollaborationStatusSchema } from '../../../modules/collaborations/collaboration.schema.js'
import {
  PartnerNoteInputSchema,
  type PartnerPage as PartnerPageData,
} from '../../../modules/screening/screening.schema.js'
import { api } from '../../api/client.js'
import { hasAnyRole, useSession } from '../../api/session.js'
import { Dialog } from '../../components/Dialog.js'
import { Alert, Badge, ErrorState, Loading, PageHeader, useErrorMessage } from '../../components/Feedback.js'
import {
  FormActions,
  FormErrors,
  SelectField,
  TextAreaField,
  useFormSubmission,
} from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDateTime, pick, useLocale, useT } from '../../i18n/i18n.js'
import { countryName } from '../collaborations/labels.js'
import { StatusBadge } from '../collaborations/parts.js'
import { screeningApi } from './api.js'
import { DispositionLine } from './parts.js'

const triggers = ['draft_saved', 'submitted', 'on_demand', 'list_update', 'ad_hoc'] as const

/** A screening's trigger in words (an unknown one as printed). */
function useTriggerLabel(): (trigger: string) => string {
  const t = useT()
  return (trigger) => {
    const known = triggers.find((candidate) => candidate === trigger)
    const key: TextKey | null = known ? `screening.trigger.${known}` : null
    return key ? t(key) : trigger
  }
}

function NoteForm({ partnerId, onAdded }: { partnerId: string; onAdded: (page: PartnerPageData) => void }) {
  const t = useT()
  const form = useFormSubmission()
  const [body, setBody] = useState('')
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void form.submit(PartnerNoteInputSchema, { body }, async (data) => {
          onAdded(await screeningApi.addNote(partnerId, data.body))
          setBody('')
        })
      }}
    >
      <FormErrors form={form} />
      <TextAreaField
        label={t('screening.partner.newNote')}
        hint={t('screening.partner.newNoteHint')}
        rows={3}
        maxLength={5000}
        value={body}
        onChange={setBody}
        error={form.errorFor('body')}
      />
      <FormActions>
        <button type="submit" className="button button--secondary" disabled={form.isSubmitting}>
          {t('screening.partner.addNote')}
        </button>
      </FormActions>
    </form>
  )
}

function MergeForm({
  page,
  onMerged,
  onCancel,
}: {
  page: PartnerPageData
  onMerged: (page: PartnerPageData) => void
  onCancel: () => void
}) {
  const t = useT()
  const errorMessage = useErrorMessage()
  const register = useAsync(() => screeningApi.partners(), [])
  const similar = useAsync(() => screeningApi.suggestions(page.partner.name), [page.partner.name])
  const [otherId, setOtherId] = useState('')
  const [isConfirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const similarIds = new Set((similar.data ?? []).map((partner) => partner.id))
  const candidates = (register.data ?? [])
    .filter((partner) => partner.id !== page.partner.id && partner.mergedInto === null)
    .sort(
      (a, b) => Number(similarIds.has(b.id)) - Number(similarIds.has(a.id)) || a.name.localeCompare(b.name),
    )
  const other = candidates.find((partner) => partner.id === otherId)

  if (register.isLoading && !register.data) return <Loading />
  return (
    <div className="form">
      {error && <Alert tone="error">{error}</Alert>}
      <p>{t('screening.merge.intro', { name: page.partner.name })}</p>
      <SelectField
        label={t('screening.merge.other')}
        hint={t('screening.merge.otherHint')}
        value={otherId}
        onChange={(value) => {
          setOtherId(value)
          setConfirming(false)
        }}
        options={[
          { value: '', label: t('screening.merge.choose') },
          ...candidates.map((partner) => ({
            value: partner.id,
            label: `${similarIds.has(partner.id) ? '★ ' : ''}${partner.name}${partner.nameOriginal && partner.nameOriginal !== partner.name ? ` (${partner.nameOriginal})` : ''}`,
          })),
        ]}
      />
      {other && isConfirming && (
        <Alert tone="warning" title={t('screening.merge.confirmTitle')}>
          <p>{t('screening.merge.confirm', { other: other.name, name: page.partner.name })}</p>
        </Alert>
      )}
      <FormActions>
        {isConfirming && other ? (
          <button
            type="button"
            className="button button--danger"
            disabled={isBusy}
            onClick={async () => {
              setBusy(true)
              setError(null)
              try {
                onMerged(await screeningApi.merge(page.partner.id, other.id))
              } catch (caught) {
                setError(errorMessage(caught))
              } finally {
                setBusy(false)
              }
            }}
          >
            {t('screening.merge.confirmAction')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={!other}
            onClick={() => setConfirming(true)}
          >
            {t('screening.merge.next')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </div>
  )
}

/**
 * A partner's page: its names, all collaborations with it (by unit), its screening history and
 * dispositions, reviewers' notes, and merging with a record that turns out to be the same body.
 */
export function PartnerPage() {
  const t = useT()
  const { locale } = useLocale()
  const { user } = useSession()
  const { id = '' } = useParams()
  const triggerLabel = useTriggerLabel()
  const page = useAsync(() => screeningApi.partner(id), [id])
  const units = useAsync(() => api.units.list(), [])
  const [isMerging, setMerging] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const canEdit = hasAnyRole(user, ['admin', 'office_reviewer'])

  if (page.error) return <ErrorState error={page.error} onRetry={page.reload} />
  if (!page.data) return <Loading />
  const { partner, collaborations, screenings, dispositions, notes } = page.data

  const unitName = (unitId: string | null) => {
    const unit = (units.data ?? []).find((candidate) => candidate.id === unitId)
    return unit ? `${unit.code} – ${pick(locale, unit.nameDe, unit.nameEn)}` : t('screening.partner.noUnit')
  }
  const byUnit = new Map<string, typeof collaborations>()
  for (const collaboration of collaborations) {
    const key = unitName(collaboration.unitId)
    byUnit.set(key, [...(byUnit.get(key) ?? []), collaboration])
  }

  return (
    <>
      <PageHeader
        eyebrow={t('screening.partner.eyebrow')}
        title={partner.name}
        intro={t('screening.partner.intro')}
        actions={
          canEdit && partner.mergedInto === null ? (
            <button type="button" className="button button--secondary" onClick={() => setMerging(true)}>
              {t('screening.merge.action')}
            </button>
          ) : undefined
        }
      />
      {notice && <Alert tone="success">{notice}</Alert>}
      {partner.mergedInto && (
        <Alert tone="info" title={t('screening.partner.mergedTitle')}>
          <p>
            <Link to={`/partners/${partner.mergedInto}`}>{t('screening.partner.mergedLink')}</Link>
          </p>
        </Alert>
      )}
      <dl className="facts">
        <div>
          <dt>{t('screening.partner.nameOriginal')}</dt>
          <dd>{partner.nameOriginal || t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('screening.partners.country')}</dt>
          <dd>{partner.country ? countryName(locale, partner.country) : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('screening.partners.aliases')}</dt>
          <dd>{partner.aliases.length > 0 ? partner.aliases.join('; ') : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('screening.partner.since')}</dt>
          <dd>{formatDateTime(locale, partner.createdAt)}</dd>
        </div>
      </dl>
      <div className="stack">
        <section className="section card card--padded" aria-labelledby="partner-collabs">
          <h2 id="partner-collabs" className="section__title">
            {t('screening.partner.collaborations', { count: collaborations.length })}
          </h2>
          {collaborations.length === 0 ? (
            <p className="muted">{t('screening.partner.noCollaborations')}</p>
          ) : (
            [...byUnit].map(([unit, rows]) => (
              <div key={unit} className="partner-unit">
                <h3 className="partner-unit__title">{unit}</h3>
                <ul className="plain-list partner-unit__list">
                  {rows.map((row) => {
                    const status = CollaborationStatusSchema.safeParse(row.status)
                    return (
                      <li key={row.id}>
                        <Link to={`/collaborations/${row.id}`}>{row.title || t('collab.untitled')}</Link>{' '}
                        <span className="code muted">{row.reference}</span>{' '}
                        {status.success ? <StatusBadge status={status.data} /> : <Badge>{row.status}</Badge>}
                      </li>
                    )
                  })}
                </ul>
              </div>
            ))
          )}
        </section>

        <section className="section" aria-labelledby="partner-dispositions">
          <h2 id="partner-dispositions" className="section__title">
            {t('screening.partner.dispositions')}
          </h2>
          <p className="section__intro">{t('screening.partner.dispositionsIntro')}</p>
          {dispositions.length === 0 ? (
            <p className="muted">{t('screening.partner.noDispositions')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('screening.partner.dispositions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('screening.partner.entry')}</th>
                    <th scope="col">{t('screening.partner.decision')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...dispositions]
                    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))
                    .map((item) => (
                      <tr key={item.id}>
                        <td>
                          <span className="table__primary">{item.listKey}</span>
                          <span className="table__secondary code">{item.entityKey}</span>
                        </td>
                        <td>
                          <DispositionLine disposition={item} />
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <div className="two-columns">
          <section className="section card card--padded" aria-labelledby="partner-screenings">
            <h2 id="partner-screenings" className="section__title">
              {t('screening.partner.screenings')}
            </h2>
            {screenings.length === 0 ? (
              <p className="muted">{t('screening.partner.noScreenings')}</p>
            ) : (
              <ul className="version-list">
                {screenings.map((run) => (
                  <li key={run.id}>
                    <span className="table__primary">
                      {run.hitCount === 0
                        ? t('screening.partner.runNoHits')
                        : t('screening.partner.runHits', { count: run.hitCount })}
                    </span>
                    <span className="table__secondary">
                      {triggerLabel(run.trigger)} · {formatDateTime(locale, run.at)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="section card card--padded" aria-labelledby="partner-notes">
            <h2 id="partner-notes" className="section__title">
              {t('screening.partner.notes')}
            </h2>
            {notes.length === 0 ? (
              <p className="muted">{t('screening.partner.noNotes')}</p>
            ) : (
              <ul className="history partner-notes">
                {[...notes]
                  .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                  .map((note) => (
                    <li key={note.id} className="history__item">
                      <p className="prewrap">{note.body}</p>
                      <span className="history__time">
                        {t('screening.partner.noteBy', {
                          by: note.author,
                          at: formatDateTime(locale, note.createdAt),
                        })}
                      </span>
                    </li>
                  ))}
              </ul>
            )}
            {canEdit && (
              <NoteForm
                partnerId={partner.id}
                onAdded={(next) => {
                  page.setData(() => next)
                  setNotice(t('screening.partner.noteAdded'))
                }}
              />
            )}
          </section>
        </div>
      </div>
      <Dialog title={t('screening.merge.title')} isOpen={isMerging} onClose={() => setMerging(false)} wide>
        <MergeForm
          page={page.data}
          onCancel={() => setMerging(false)}
          onMerged={(next) => {
            page.setData(() => next)
            setMerging(false)
            setNotice(t('screening.merge.done'))
          }}
        />
      </Dialog>
    </>
  )
}
