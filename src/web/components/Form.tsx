import { type ReactNode, useCallback, useId, useState } from 'react'
import type { z } from 'zod'
import { type FieldError, isApiError } from '../api/client.js'
import { useT } from '../i18n/i18n.js'
import { Alert, useErrorMessage } from './Feedback.js'

/** Form state for submitting through a zod schema and the API, with errors per field. */
export interface FormSubmission {
  isSubmitting: boolean
  /** The message for a field, from the client-side check or the API's 422 answer. */
  errorFor: (field: string) => string | undefined
  /** A problem not tied to one field, already translated. */
  formError: string | null
  /** Validates `values` with the schema and, when valid, runs `action` with the parsed data. */
  submit: <S extends z.ZodType>(
    schema: S,
    values: unknown,
    action: (data: z.output<S>) => Promise<void>,
  ) => Promise<void>
  /** Clears every error, e.g. when a dialog closes. */
  reset: () => void
  /** Field errors that no field claimed, shown in the summary. */
  fieldErrors: FieldError[]
}

/** Validates with the shared zod schema first, then maps the API's problem+json errors to the fields. */
export function useFormSubmission(): FormSubmission {
  const [isSubmitting, setSubmitting] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([])
  const [formError, setFormError] = useState<string | null>(null)
  const message = useErrorMessage()
  const t = useT()

  const errorFor = useCallback(
    (field: string) =>
      fieldErrors.find((error) => error.field === field || error.field.startsWith(`${field}.`))?.message,
    [fieldErrors],
  )

  const reset = useCallback(() => {
    setFieldErrors([])
    setFormError(null)
  }, [])

  const submit = useCallback(
    async <S extends z.ZodType>(schema: S, values: unknown, action: (data: z.output<S>) => Promise<void>) => {
      setFormError(null)
      const parsed = schema.safeParse(values)
      if (!parsed.success) {
        setFieldErrors(
          parsed.error.issues.map((issue) => ({
            field: issue.path.map(String).join('.'),
            // An empty required text reads better as "please fill in" than as a length rule.
            message:
              issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1
                ? t('error.required')
                : issue.message,
          })),
        )
        return
      }
      setFieldErrors([])
      setSubmitting(true)
      try {
        await action(parsed.data)
      } catch (error) {
        if (isApiError(error) && error.errors.length > 0) setFieldErrors(error.errors)
        setFormError(message(error))
      } finally {
        setSubmitting(false)
      }
    },
    [message, t],
  )

  return { isSubmitting, errorFor, formError, submit, reset, fieldErrors }
}

/** The error summary at the top of a form. */
export function FormErrors({ form }: { form: FormSubmission }) {
  const t = useT()
  const unfielded = form.fieldErrors.filter((error) => error.field === '' || error.field === '(body)')
  if (!form.formError && form.fieldErrors.length === 0) return null
  return (
    <Alert tone="error" title={form.formError ?? t('error.checkFields')}>
      {unfielded.length > 0 && (
        <ul>
          {unfielded.map((error) => (
            <li key={error.message}>{error.message}</li>
          ))}
        </ul>
      )}
    </Alert>
  )
}

interface FieldShellProps {
  label: string
  hint?: string
  error?: string
  optional?: boolean
  /** A stable id for the control, so that other parts of the page can link to the field. */
  id?: string
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** Label, hint, control and error message of one form field, wired for assistive technology. */
export function FieldShell({ label, hint, error, optional, id, children }: FieldShellProps) {
  const t = useT()
  const generatedId = useId()
  const inputId = id ?? generatedId
  const hintId = `${inputId}-hint`
  const errorId = `${inputId}-error`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={inputId}>
        {label}
        {optional && <span className="field__optional"> ({t('common.optional')})</span>}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ inputId, describedBy, invalid: Boolean(error) })}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  )
}

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
  error?: string
  optional?: boolean
  id?: string
}

/** A labelled text input with hint and error. */
export function TextField({ label, value, onChange, hint, error, optional, id, ...rest }: InputProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} optional={optional} id={id}>
      {({ inputId, describedBy, invalid }) => (
        <input
          {...rest}
          id={inputId}
          className="input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </FieldShell>
  )
}

/** A labelled multi-line text input with hint and error. */
export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  error,
  optional,
  rows = 3,
  id,
  maxLength,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
  error?: string
  optional?: boolean
  rows?: number
  id?: string
  maxLength?: number
}) {
  return (
    <FieldShell label={label} hint={hint} error={error} optional={optional} id={id}>
      {({ inputId, describedBy, invalid }) => (
        <textarea
          id={inputId}
          className="input"
          rows={rows}
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </FieldShell>
  )
}

/** A labelled select with hint and error. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  hint,
  error,
  optional,
  id,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  options: { value: string; label: string }[]
  hint?: string
  error?: string
  optional?: boolean
  id?: string
}) {
  return (
    <FieldShell label={label} hint={hint} error={error} optional={optional} id={id}>
      {({ inputId, describedBy, invalid }) => (
        <select
          id={inputId}
          className="input select"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

/** A group of checkboxes in a fieldset, e.g. topics or roles. */
export function CheckboxGroup<V extends string>({
  legend,
  options,
  selected,
  onChange,
  error,
  hint,
  columns = 2,
  id,
}: {
  /** A stable id for the group, so that other parts of the page can link to it. */
  id?: string
  legend: string
  options: { value: V; label: string; hint?: string }[]
  selected: readonly V[]
  onChange: (selected: V[]) => void
  error?: string
  hint?: string
  columns?: 1 | 2 | 3
}) {
  const errorId = useId()
  return (
    <fieldset
      id={id}
      className={error ? 'fieldset field--invalid' : 'fieldset'}
      aria-describedby={
        [hint ? `${errorId}-hint` : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
      }
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${errorId}-hint`}>
          {hint}
        </p>
      )}
      <div className={`checkbox-grid checkbox-grid--${columns}`}>
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...selected, option.value]
                    : selected.filter((value) => value !== option.value),
                )
              }
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

/** The row of buttons at the end of a form. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>
}
