import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { z } from 'zod'
import { de as zodDe, en as zodEn } from 'zod/locales'
import { type Locale, LocaleSchema } from '../../modules/organisation/organisation.schema.js'
import { type Dictionary, de, type TextKey } from './de.js'
import { en } from './en.js'

const dictionaries: Record<Locale, Dictionary> = { de, en }
const storageKey = 'liaison.locale'

/** Values filled into `{placeholders}` of a text. */
export type TextValues = Record<string, string | number>

/** Translates a key into the given language, filling in `{placeholders}`. */
export function translate(locale: Locale, key: TextKey, values?: TextValues): string {
  const text = dictionaries[locale][key]
  if (!values) return text
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match))
}

/** The language the user chose on this device earlier, if any. */
export function readStoredLocale(): Locale | null {
  try {
    const parsed = LocaleSchema.safeParse(window.localStorage.getItem(storageKey))
    return parsed.success ? parsed.data : null
  } catch {
    // Storage can be blocked (private mode, strict settings); then nothing is remembered.
    return null
  }
}

function initialLocale(): Locale {
  const stored = readStoredLocale()
  if (stored) return stored
  // German is the default; English only when the browser prefers it over German.
  for (const language of navigator.languages ?? [navigator.language]) {
    const primary = language.toLowerCase().slice(0, 2)
    if (primary === 'de') return 'de'
    if (primary === 'en') return 'en'
  }
  return 'de'
}

interface LocaleContextValue {
  locale: Locale
  /** Switches the language; `remember` stores it on this device (the default). */
  setLocale: (locale: Locale, options?: { remember?: boolean }) => void
}

const LocaleContext = createContext<LocaleContextValue | null>(null)

/** Provides the current UI language to the app and keeps `<html lang>` and zod messages in step. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale)

  useEffect(() => {
    document.documentElement.lang = locale
    z.config(locale === 'de' ? zodDe() : zodEn())
  }, [locale])

  const setLocale = useCallback((next: Locale, options: { remember?: boolean } = {}) => {
    setLocaleState(next)
    if (options.remember ?? true) {
      try {
        window.localStorage.setItem(storageKey, next)
      } catch {
        // See readStoredLocale: without storage the choice lasts for this visit only.
      }
    }
  }, [])

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale])
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>
}

/** The current UI language and a setter. */
export function useLocale(): LocaleContextValue {
  const context = useContext(LocaleContext)
  if (!context) throw new Error('useLocale must be used inside <LocaleProvider>')
  return context
}

/** The translation function for the current language. */
export function useT(): (key: TextKey, values?: TextValues) => string {
  const { locale } = useLocale()
  return useCallback((key: TextKey, values?: TextValues) => translate(locale, key, values), [locale])
}

/** Picks the German or English variant of a record's text (e.g. `nameDe` / `nameEn`), falling back to the other. */
export function pick(locale: Locale, german: string, english: string): string {
  return (locale === 'de' ? german || english : english || german) || ''
}

/** Formats an ISO timestamp as a date and time in the current language. */
export function formatDateTime(locale: Locale, iso: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date)
}

/** Formats an ISO timestamp as a date in the current language. */
export function formatDate(locale: Locale, iso: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium' }).format(date)
}

/** The name of a language (ISO 639-1 code) in the current UI language. */
export function languageName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}
