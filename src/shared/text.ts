import { z } from 'zod'

// Control characters other than tab, line feed and carriage return have no place in user text.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** Whether a string is well-formed UTF-16 (no lone surrogates) without control characters. */
export function isCleanText(value: string): boolean {
  return value.isWellFormed() && !controlCharacters.test(value)
}

/** A trimmed text field of at most `max` characters that refuses broken Unicode and control characters. */
export function cleanText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine(isCleanText, 'Contains invalid characters (broken Unicode or control characters)')
}

/** Like `cleanText`, but at least one character. */
export function requiredText(max: number) {
  return cleanText(max).pipe(z.string().min(1, 'Required'))
}
