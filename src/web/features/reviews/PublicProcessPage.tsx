import { useState } from 'react'
import { Link } from 'react-router'
import { useSession } from '../../api/session.js'
import { ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { useLocale } from '../../i18n/i18n.js'
import { type PublicProcess, reviewsApi } from './api.js'
import { type DiagramEntry, type DiagramStep, ProcessDiagram } from './ProcessDiagram.js'
import { type PublicLanguage, publicTexts } from './texts.js'

const languages: { value: PublicLanguage; label: string; lang: string }[] = [
  { value: 'de', label: 'Deutsch', lang: 'de' },
  { value: 'en', label: 'English', lang: 'en' },
  { value: 'zh', label: '简体中文', lang: 'zh-Hans' },
]

const doesValues: readonly DiagramEntry['does'][] = ['assesses', 'advises', 'decides', 'is_informed']

function isDoes(value: string): value is DiagramEntry['does'] {
  return (doesValues as readonly string[]).includes(value)
}

/** The steps of the public procedure in one language. */
function stepsIn(process: PublicProcess, language: PublicLanguage): DiagramStep[] {
  const texts = publicTexts[language]
  return process.steps.map((step) => ({
    key: step.key,
    label: step.label[language],
    description: step.description[language],
    entries: step.responsibilities.flatMap((entry) => {
      const key = entry.who.split(':').pop() ?? entry.who
      return isDoes(entry.does) ? [{ does: entry.does, names: [texts.who[key] ?? key] }] : []
    }),
  }))
}

/**
 * The partner-facing explanation of the institution's procedure, without sign-in, in German,
 * English and Simplified Chinese: the steps, who does what, and what partners can expect.
 */
export function PublicProcessPage() {
  const { locale } = useLocale()
  const { user } = useSession()
  const [language, setLanguage] = useState<PublicLanguage>(locale)
  const process = useAsync(() => reviewsApi.publicProcess(), [])
  const texts = publicTexts[language]
  const lang = languages.find((entry) => entry.value === language)?.lang ?? language
  return (
    <div className="public-process" lang={lang}>
      <fieldset className="public-lang">
        <legend className="public-lang__legend">{texts.language}</legend>
        {languages.map((entry) => (
          <button
            key={entry.value}
            type="button"
            lang={entry.lang}
            className="public-lang__option"
            aria-pressed={language === entry.value}
            onClick={() => setLanguage(entry.value)}
          >
            {entry.label}
          </button>
        ))}
      </fieldset>
      <PageHeader
        eyebrow={process.data?.institution ?? texts.eyebrow}
        title={texts.title}
        intro={texts.intro}
      />
      {process.error ? (
        <ErrorState error={process.error} onRetry={process.reload} />
      ) : !process.data ? (
        <Loading />
      ) : (
        <div className="stack">
          <section className="section" aria-labelledby="public-steps-title">
            <h2 id="public-steps-title" className="section__title">
              {texts.stepsTitle}
            </h2>
            <p className="section__intro">{texts.stepsIntro}</p>
            <ProcessDiagram
              steps={stepsIn(process.data, language)}
              doesLabel={(does) => texts.does[does]}
              label={texts.stepsTitle}
            />
          </section>
          <section className="section card card--padded" aria-labelledby="expect-title">
            <h2 id="expect-title" className="section__title">
              {texts.expectTitle}
            </h2>
            <ul className="expect-list">
              {texts.expect.map((point) => (
                <li key={point.title}>
                  <p className="expect-list__title">{point.title}</p>
                  <p>{point.text}</p>
                </li>
              ))}
            </ul>
          </section>
          <p className="muted">
            {texts.version.replace('{version}', String(process.data.version))}
            {!user && (
              <>
                {' · '}
                <Link to="/login">{texts.staffLogin}</Link>
              </>
            )}
          </p>
        </div>
      )}
    </div>
  )
}
