import { z } from 'zod'

/** Whether a character is a control character other than tab, line feed and carriage return. */
function isForbiddenControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f
}

/** Whether a string is well-formed UTF-16 (no lone surrogates) without control characters. */
export function isCleanText(value: string): boolean {
  if (!value.isWellFormed()) return false
  for (let index = 0; index < value.length; index++) {
    if (isForbiddenControl(value.charCodeAt(index))) return false
  }
  return true
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
