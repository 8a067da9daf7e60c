import { useMemo, useState } from 'react'
import {
  CreateUnitSchema,
  type Unit,
  UpdateUnitSchema,
} from '../../../modules/organisation/organisation.schema.js'
import { api } from '../../api/client.js'
import { Dialog } from '../../components/Dialog.js'
import { Alert, EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { FormActions, FormErrors, SelectField, TextField, useFormSubmission } from '../../components/Form.js'
import { useAsync } from '../../components/useAsync.js'
import { pick, useLocale, useT } from '../../i18n/i18n.js'

/** Units in tree order (parents before children), each with its depth. */
function treeOrder(units: readonly Unit[], locale: 'de' | 'en'): { unit: Unit; depth: number }[] {
  const byParent = new Map<string | null, Unit[]>()
  const ids = new Set(units.map((unit) => unit.id))
  for (const unit of units) {
    // A parent that is not in the list (should not happen) is treated as top level.
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit])
  }
  const result: { unit: Unit; depth: number }[] = []
  const visit = (parent: string | null, depth: number) => {
    const children = [...(byParent.get(parent) ?? [])].sort((a, b) =>
      pick(locale, a.nameDe, a.nameEn).localeCompare(pick(locale, b.nameDe, b.nameEn), locale),
    )
    for (const child of children) {
      result.push({ unit: child, depth })
      if (depth < 20) visit(child.id, depth + 1)
    }
  }
  visit(null, 0)
  return result
}

/** The ids of a unit and everything below it; none of them may become its parent. */
function selfAndDescendants(units: readonly Unit[], id: string): Set<string> {
  const result = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const unit of units) {
      if (unit.parentId && result.has(unit.parentId) && !result.has(unit.id)) {
        result.add(unit.id)
        grew = true
      }
    }
  }
  return result
}

function UnitForm({
  unit,
  units,
  onSaved,
  onCancel,
}: {
  unit: Unit | null
  units: readonly Unit[]
  onSaved: (unit: Unit) => void
  onCancel: () => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const form = useFormSubmission()
  const [code, setCode] = useState(unit?.code ?? '')
  const [nameDe, setNameDe] = useState(unit?.nameDe ?? '')
  const [nameEn, setNameEn] = useState(unit?.nameEn ?? '')
  const [parentId, setParentId] = useState(unit?.parentId ?? '')
  const excluded = unit ? selfAndDescendants(units, unit.id) : new Set<string>()
  const parentOptions = [
    { value: '', label: t('units.noParent') },
    ...treeOrder(units, locale)
      .filter(({ unit: candidate }) => !excluded.has(candidate.id))
      .map(({ unit: candidate, depth }) => ({
        value: candidate.id,
        label: `${'\u2003'.repeat(depth)}${candidate.code} – ${pick(locale, candidate.nameDe, candidate.nameEn)}`,
      })),
  ]

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const values = { code, nameDe, nameEn, parentId: parentId || null }
    if (unit) {
      void form.submit(UpdateUnitSchema, values, async (body) =>
        onSaved(await api.units.update(unit.id, body)),
      )
    } else {
      void form.submit(CreateUnitSchema, values, async (body) => onSaved(await api.units.create(body)))
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormErrors form={form} />
      <TextField
        label={t('units.code')}
        hint={t('units.codeHint')}
        value={code}
        onChange={setCode}
        error={form.errorFor('code')}
        required
      />
      <div className="form-row">
        <TextField
          label={t('common.nameDe')}
          lang="de"
          value={nameDe}
          onChange={setNameDe}
          error={form.errorFor('nameDe')}
          required
        />
        <TextField
          label={t('common.nameEn')}
          lang="en"
          value={nameEn}
          onChange={setNameEn}
          error={form.errorFor('nameEn')}
          required
        />
      </div>
      <SelectField
        label={t('units.parent')}
        value={parentId}
        onChange={setParentId}
        options={parentOptions}
        error={form.errorFor('parentId')}
      />
      <FormActions>
        <button type="submit" className="button button--primary" disabled={form.isSubmitting}>
          {form.isSubmitting ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </FormActions>
    </form>
  )
}

/** Administration of organisational units: a tree-ordered table with create and edit. */
export function UnitsPage() {
  const t = useT()
  const { locale } = useLocale()
  const units = useAsync(() => api.units.list(), [])
  const [editing, setEditing] = useState<Unit | 'new' | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const list = units.data ?? []
  const rows = useMemo(() => treeOrder(list, locale), [list, locale])
  const byId = useMemo(() => new Map(list.map((unit) => [unit.id, unit])), [list])

  const onSaved = (saved: Unit) => {
    const isNew = editing === 'new'
    units.setData((current) =>
      isNew
        ? [...(current ?? []), saved]
        : (current ?? []).map((unit) => (unit.id === saved.id ? saved : unit)),
    )
    setNotice(
      t(isNew ? 'units.created' : 'units.updated', { name: pick(locale, saved.nameDe, saved.nameEn) }),
    )
    setEditing(null)
  }

  return (
    <>
      <PageHeader
        eyebrow={t('nav.admin')}
        title={t('units.title')}
        intro={t('units.intro')}
        actions={
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            {t('units.create')}
          </button>
        }
      />
      {notice && <Alert tone="success">{notice}</Alert>}
      {units.error ? <ErrorState error={units.error} onRetry={units.reload} /> : null}
      {units.isLoading && !units.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState
          title={t('units.empty')}
          hint={t('units.emptyHint')}
          action={
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              {t('units.create')}
            </button>
          }
        />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('units.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('units.code')}</th>
                <th scope="col">{t('common.nameDe')}</th>
                <th scope="col">{t('common.nameEn')}</th>
                <th scope="col">{t('units.parent')}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ unit, depth }) => {
                const parent = unit.parentId ? byId.get(unit.parentId) : undefined
                return (
                  <tr key={unit.id}>
                    <td>
                      <span className="tree-indent" style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                        {depth > 0 && (
                          <span className="tree-indent__mark" aria-hidden="true">
                            └
                          </span>
                        )}
                        <code className="code">{unit.code}</code>
                      </span>
                    </td>
                    <td lang="de">{unit.nameDe}</td>
                    <td lang="en">{unit.nameEn}</td>
                    <td>{parent ? pick(locale, parent.nameDe, parent.nameEn) : t('common.none')}</td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setEditing(unit)}
                        aria-label={`${t('common.edit')}: ${unit.code}`}
                      >
                        {t('common.edit')}
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <Dialog
        title={editing === 'new' ? t('units.create') : t('units.edit')}
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <UnitForm
            unit={editing === 'new' ? null : editing}
            units={list}
            onSaved={onSaved}
            onCancel={() => setEditing(null)}
          />
        )}
      </Dialog>
    </>
  )
}
