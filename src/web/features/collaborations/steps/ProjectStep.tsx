import { useId, useMemo, useState } from 'react'
import type { ResearchArea } from '../../../../modules/collaborations/collaboration.schema.js'
import { TextAreaField, TextField } from '../../../components/Form.js'
import type { TextKey } from '../../../i18n/de.js'
import { pick, useLocale, useT } from '../../../i18n/i18n.js'
import { FormSection, RadioGroup, type StepProps } from '../formParts.js'
import { fieldId, isTextKey } from '../labels.js'

const trlLevels = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const

/** The plain-words explanation of a technology readiness level. */
export function trlText(level: number): { title: TextKey; text: TextKey } {
  const title = `collab.trl.${level}.title`
  const text = `collab.trl.${level}.text`
  return {
    title: isTextKey(title) ? title : 'collab.field.trl',
    text: isTextKey(text) ? text : 'collab.form.trlHint',
  }
}

/** The hierarchy above a subject area, e.g. "Natural Sciences › Geosciences › Geophysics and Geodesy". */
function pathOf(area: ResearchArea, byCode: Map<string, ResearchArea>, label: (a: ResearchArea) => string) {
  const parts: string[] = []
  let parent = area.parent ? byCode.get(area.parent) : undefined
  while (parent) {
    parts.unshift(label(parent))
    parent = parent.parent ? byCode.get(parent.parent) : undefined
  }
  return parts.join(' › ')
}

/** Normalised text for searching: lower case, without accents. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/**
 * A searchable picker over the DFG subject areas: typing filters by code or by German or English
 * name (showing where each area sits in the classification); without a search the classification
 * can be browsed as a tree. Chosen areas appear as removable chips.
 */
export function ResearchAreaPicker({
  areas,
  selected,
  onChange,
  error,
}: {
  areas: readonly ResearchArea[]
  selected: readonly string[]
  onChange: (codes: string[]) => void
  error?: string
}) {
  const t = useT()
  const { locale } = useLocale()
  const [query, setQuery] = useState('')
  const baseId = useId()
  const byCode = useMemo(() => new Map(areas.map((area) => [area.code, area])), [areas])
  const label = (area: ResearchArea) => pick(locale, area.labelDe, area.labelEn)
  const subjectAreas = useMemo(() => areas.filter((area) => area.level === 3), [areas])
  const folded = fold(query.trim())
  const matches = useMemo(() => {
    if (!folded) return []
    return subjectAreas
      .filter((area) => {
        const haystack = fold(
          `${area.code} ${area.labelDe} ${area.labelEn} ${pathOf(area, byCode, (a) => `${a.labelDe} ${a.labelEn}`)}`,
        )
        return folded.split(/\s+/).every((word) => haystack.includes(word))
      })
      .slice(0, 40)
  }, [folded, subjectAreas, byCode])
  const isFull = selected.length >= 10
  const toggle = (code: string, checked: boolean) =>
    onChange(checked ? [...selected, code] : selected.filter((value) => value !== code))

  const option = (area: ResearchArea, showPath: boolean) => (
    <label key={area.code} className="checkbox area-option">
      <input
        type="checkbox"
        checked={selected.includes(area.code)}
        disabled={isFull && !selected.includes(area.code)}
        onChange={(event) => toggle(area.code, event.target.checked)}
      />
      <span>
        <span className="area-option__code">{area.code}</span> {label(area)}
        {showPath && <span className="checkbox__hint">{pathOf(area, byCode, label)}</span>}
      </span>
    </label>
  )

  const children = (code: string | null) => areas.filter((area) => area.parent === code)
  const hintId = `${baseId}-hint`
  const errorId = `${baseId}-error`

  return (
    <fieldset
      id={fieldId('researchAreas')}
      className={error ? 'fieldset field--invalid' : 'fieldset'}
      aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
    >
      <legend className="field__label">{t('collab.field.researchAreas')}</legend>
      <p className="field__hint" id={hintId}>
        {t('collab.form.researchAreasHint')}
      </p>
      {selected.length > 0 && (
        <ul className="chip-list" aria-label={t('collab.form.chosenAreas')}>
          {selected.map((code) => {
            const area = byCode.get(code)
            return (
              <li key={code} className="chip chip--static">
                <span>
                  <span className="area-option__code">{code}</span> {area ? label(area) : ''}
                </span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('collab.form.removeArea', { name: area ? label(area) : code })}
                  onClick={() => toggle(code, false)}
                >
                  ×
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <div className="field">
        <label className="field__label field__label--light" htmlFor={`${baseId}-search`}>
          {t('collab.form.searchAreas')}
        </label>
        <input
          id={`${baseId}-search`}
          type="search"
          className="input input--search"
          placeholder={t('collab.form.searchAreasPlaceholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {folded ? (
        <div className="area-results" aria-live="polite">
          {matches.length === 0 ? (
            <p className="muted">{t('collab.form.noAreas')}</p>
          ) : (
            <div className="area-results__list">{matches.map((area) => option(area, true))}</div>
          )}
        </div>
      ) : (
        <div className="area-tree">
          {children(null).map((discipline) => (
            <details key={discipline.code} className="area-tree__group">
              <summary>{label(discipline)}</summary>
              {children(discipline.code).map((researchArea) => (
                <details key={researchArea.code} className="area-tree__group area-tree__group--inner">
                  <summary>{label(researchArea)}</summary>
                  {children(researchArea.code).map((board) => (
                    <div key={board.code} className="area-tree__board">
                      <p className="area-tree__board-title">
                        {board.code} {label(board)}
                      </p>
                      <div className="area-results__list">
                        {children(board.code).map((area) => option(area, false))}
                      </div>
                    </div>
                  ))}
                </details>
              ))}
            </details>
          ))}
        </div>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  )
}

/** Free keywords as chips: Enter or comma adds one, the × removes it. */
export function KeywordInput({
  keywords,
  onChange,
  error,
}: {
  keywords: readonly string[]
  onChange: (keywords: string[]) => void
  error?: string
}) {
  const t = useT()
  const [draft, setDraft] = useState('')
  const baseId = useId()
  const add = () => {
    const words = draft
      .split(/[,;]/)
      .map((word) => word.trim())
      .filter((word) => word && !keywords.includes(word))
    if (words.length > 0) onChange([...keywords, ...words].slice(0, 30))
    setDraft('')
  }
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={fieldId('keywords')}>
        {t('collab.field.keywords')}
        <span className="field__optional"> ({t('common.optional')})</span>
      </label>
      <p className="field__hint" id={`${baseId}-hint`}>
        {t('collab.form.keywordsHint')}
      </p>
      {keywords.length > 0 && (
        <ul className="chip-list" aria-label={t('collab.field.keywords')}>
          {keywords.map((word) => (
            <li key={word} className="chip chip--static">
              <span>{word}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('collab.form.removeKeyword', { word })}
                onClick={() => onChange(keywords.filter((value) => value !== word))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="input-row">
        <input
          id={fieldId('keywords')}
          className="input"
          value={draft}
          maxLength={200}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault()
              add()
            }
          }}
          onBlur={add}
          aria-describedby={[`${baseId}-hint`, error ? `${baseId}-error` : null].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
        />
        <button type="button" className="button button--secondary" onClick={add}>
          {t('collab.form.addKeyword')}
        </button>
      </div>
      {error && (
        <p className="field__error" id={`${baseId}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

/** Step 1: what the project is about. */
export function ProjectStep({
  sheet,
  update,
  errorFor,
  areas,
}: StepProps & { areas: readonly ResearchArea[] }) {
  const t = useT()
  return (
    <>
      <FormSection title={t('collab.form.section.about')} intro={t('collab.form.section.aboutIntro')}>
        <div className="form-row form-row--title">
          <TextField
            id={fieldId('title')}
            label={t('collab.field.title')}
            hint={t('collab.form.titleHint')}
            value={sheet.title}
            maxLength={300}
            onChange={(title) => update((s) => ({ ...s, title }))}
            error={errorFor('title')}
          />
          <TextField
            id={fieldId('acronym')}
            label={t('collab.field.acronym')}
            hint={t('collab.form.acronymHint')}
            value={sheet.acronym}
            maxLength={40}
            optional
            onChange={(acronym) => update((s) => ({ ...s, acronym }))}
            error={errorFor('acronym')}
          />
        </div>
        <TextAreaField
          id={fieldId('summary')}
          label={t('collab.field.summary')}
          hint={t('collab.form.summaryHint')}
          rows={3}
          maxLength={3000}
          value={sheet.summary}
          onChange={(summary) => update((s) => ({ ...s, summary }))}
          error={errorFor('summary')}
        />
        <TextAreaField
          id={fieldId('description')}
          label={t('collab.field.description')}
          hint={t('collab.form.descriptionHint', { count: sheet.description.length })}
          rows={8}
          value={sheet.description}
          onChange={(description) => update((s) => ({ ...s, description }))}
          error={errorFor('description')}
        />
      </FormSection>
      <FormSection title={t('collab.form.section.field')} intro={t('collab.form.section.fieldIntro')}>
        <ResearchAreaPicker
          areas={areas}
          selected={sheet.researchAreas}
          onChange={(researchAreas) => update((s) => ({ ...s, researchAreas }))}
          error={errorFor('researchAreas')}
        />
        <KeywordInput
          keywords={sheet.keywords}
          onChange={(keywords) => update((s) => ({ ...s, keywords }))}
          error={errorFor('keywords')}
        />
        <RadioGroup
          id={fieldId('trl')}
          legend={t('collab.field.trl')}
          hint={t('collab.form.trlHint')}
          layout="list"
          value={sheet.trl === null ? null : String(sheet.trl)}
          options={trlLevels.map((level) => ({
            value: String(level),
            label: `${level} – ${t(trlText(level).title)}`,
            hint: t(trlText(level).text),
          }))}
          onChange={(value) => update((s) => ({ ...s, trl: Number(value) }))}
          error={errorFor('trl')}
        />
      </FormSection>
    </>
  )
}
