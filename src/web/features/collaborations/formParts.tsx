import { type ReactNode, useId } from 'react'
import type { DataSheet } from '../../../modules/collaborations/collaboration.schema.js'
import { FieldShell } from '../../components/Form.js'

/** What every step of the guided form receives. */
export interface StepProps {
  sheet: DataSheet
  /** Changes the sheet; the form autosaves shortly afterwards. */
  update: (recipe: (sheet: DataSheet) => DataSheet) => void
  /** The message to show next to a field (typing check, server answer or a missing entry). */
  errorFor: (field: string) => string | undefined
}

/** A group of radio buttons in a fieldset with a legend, hint and an error linked to the group. */
export function RadioGroup<V extends string>({
  id,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  layout = 'inline',
  legendClassName = 'field__label',
}: {
  id?: string
  legend: ReactNode
  hint?: string
  options: readonly { value: V; label: string; hint?: string }[]
  value: V | null
  onChange: (value: V) => void
  error?: string
  layout?: 'inline' | 'grid' | 'list'
  legendClassName?: string
}) {
  const name = useId()
  const hintId = `${name}-hint`
  const errorId = `${name}-error`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <fieldset
      id={id}
      className={error ? 'fieldset field--invalid' : 'fieldset'}
      aria-describedby={describedBy}
    >
      <legend className={legendClassName}>{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className={`radio-options radio-options--${layout}`}>
        {options.map((option) => (
          <label key={option.value} className="checkbox radio">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-invalid={error ? true : undefined}
            />
            <span>
              {option.label}
              {option.hint && <span className="checkbox__hint">{option.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  )
}

/** A labelled number input that stores `null` when empty. */
export function NumberField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  optional,
  min,
  max,
  step,
  unit,
}: {
  id?: string
  label: string
  hint?: string
  value: number | null
  onChange: (value: number | null) => void
  error?: string
  optional?: boolean
  min?: number
  max?: number
  step?: number
  unit?: string
}) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional}>
      {({ inputId, describedBy, invalid }) => (
        <span className={unit ? 'input-with-unit' : undefined}>
          <input
            id={inputId}
            className="input"
            type="number"
            inputMode="decimal"
            min={min}
            max={max}
            step={step}
            value={value ?? ''}
            onChange={(event) => {
              const text = event.target.value
              const parsed = Number(text)
              onChange(text === '' || Number.isNaN(parsed) ? null : parsed)
            }}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
          {unit && (
            <span className="input-with-unit__unit" aria-hidden="true">
              {unit}
            </span>
          )}
        </span>
      )}
    </FieldShell>
  )
}

/** A labelled date input (YYYY-MM-DD) that stores `null` when empty. */
export function DateField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
}: {
  id?: string
  label: string
  hint?: string
  value: string | null
  onChange: (value: string | null) => void
  error?: string
}) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {({ inputId, describedBy, invalid }) => (
        <input
          id={inputId}
          className="input input--date"
          type="date"
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value || null)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </FieldShell>
  )
}

/** A titled block of a form step, with a short friendly introduction. */
export function FormSection({
  title,
  intro,
  children,
}: {
  title: string
  intro?: ReactNode
  children: ReactNode
}) {
  const titleId = useId()
  return (
    <section className="form-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="form-section__title">
        {title}
      </h3>
      {intro && <p className="form-section__intro">{intro}</p>}
      <div className="form">{children}</div>
    </section>
  )
}
