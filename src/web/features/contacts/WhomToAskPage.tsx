import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import {
  type ContactPerson,
  type ContactTopic,
  ContactTopicSchema,
  type Office,
} from '../../../modules/organisation/organisation.schema.js'
import { api } from '../../api/client.js'
import { Badge, EmptyState, ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { languageName, pick, useLocale, useT } from '../../i18n/i18n.js'

const topics = ContactTopicSchema.options

/** Lower-cases and strips accents so "Datenschutz" matches "datenschütz" and "Müller" matches "muller". */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/** Digits and a leading plus only, as `tel:` links expect. */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`
}

function ContactCard({ contact, office }: { contact: ContactPerson; office: Office | undefined }) {
  const t = useT()
  const { locale } = useLocale()
  const role = pick(locale, contact.functionDe, contact.functionEn)
  return (
    <li className="contact card">
      <h3 className="contact__name">{contact.name}</h3>
      {role && <p className="contact__function">{role}</p>}
      {office && <p className="contact__office">{pick(locale, office.nameDe, office.nameEn)}</p>}
      <dl className="contact__details">
        {contact.email && (
          <div>
            <dt>{t('common.email')}</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </div>
        )}
        {contact.phone && (
          <div>
            <dt>{t('common.phone')}</dt>
            <dd>
              <a href={telHref(contact.phone)}>{contact.phone}</a>
            </dd>
          </div>
        )}
        {contact.languages.length > 0 && (
          <div>
            <dt>{t('contacts.languages')}</dt>
            <dd className="badge-row">
              {contact.languages.map((code) => (
                <Badge key={code}>{languageName(locale, code)}</Badge>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </li>
  )
}

/** "Whom do I ask?": contact persons by topic with a one-click topic filter and search, and the offices. */
export function WhomToAskPage() {
  const t = useT()
  const { locale } = useLocale()
  const [params, setParams] = useSearchParams()
  const [query, setQuery] = useState('')
  const data = useAsync(() => Promise.all([api.contacts.list(), api.offices.list()]), [])
  const topicParam = ContactTopicSchema.safeParse(params.get('topic'))
  const activeTopic: ContactTopic | null = topicParam.success ? topicParam.data : null

  const setTopic = (topic: ContactTopic | null) => {
    const next = new URLSearchParams(params)
    if (topic) next.set('topic', topic)
    else next.delete('topic')
    setParams(next, { replace: true })
  }

  const [contacts, offices] = data.data ?? [[], []]
  const officeById = useMemo(() => new Map(offices.map((office) => [office.id, office])), [offices])

  const groups = useMemo(() => {
    const needle = normalise(query.trim())
    const matches = (contact: ContactPerson) => {
      if (!needle) return true
      const office = officeById.get(contact.officeId)
      const haystack = [
        contact.name,
        contact.functionDe,
        contact.functionEn,
        contact.email,
        office?.nameDe ?? '',
        office?.nameEn ?? '',
        ...contact.topics.flatMap((topic) => [t(`topic.${topic}`), t(`topic.${topic}.hint`)]),
      ].join(' ')
      return normalise(haystack).includes(needle)
    }
    const sorted = [...contacts].sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, locale),
    )
    return topics
      .filter((topic) => activeTopic === null || topic === activeTopic)
      .map((topic) => ({
        topic,
        people: sorted.filter((contact) => contact.topics.includes(topic) && matches(contact)),
      }))
      .filter((group) => group.people.length > 0)
  }, [contacts, officeById, query, activeTopic, t, locale])

  const count = new Set(groups.flatMap((group) => group.people.map((person) => person.id))).size
  const isFiltered = query.trim() !== '' || activeTopic !== null

  return (
    <>
      <PageHeader title={t('contacts.title')} intro={t('contacts.intro')} />
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.isLoading && !data.data ? (
        <Loading />
      ) : (
        <>
          <search className="filters" aria-label={t('contacts.title')}>
            <div className="field">
              <label className="field__label" htmlFor="contact-search">
                {t('contacts.search')}
              </label>
              <input
                id="contact-search"
                type="search"
                className="input input--search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            <fieldset className="chips">
              <legend className="field__label">{t('contacts.topics')}</legend>
              <button
                type="button"
                className="chip"
                aria-pressed={activeTopic === null}
                onClick={() => setTopic(null)}
              >
                {t('contacts.allTopics')}
              </button>
              {topics.map((topic) => (
                <button
                  key={topic}
                  type="button"
                  className="chip"
                  aria-pressed={activeTopic === topic}
                  title={t(`topic.${topic}.hint`)}
                  onClick={() => setTopic(activeTopic === topic ? null : topic)}
                >
                  {t(`topic.${topic}`)}
                </button>
              ))}
            </fieldset>
          </search>

          <p className="result-count" role="status">
            {t('contacts.results', { count })}
          </p>

          {contacts.length === 0 ? (
            <EmptyState title={t('contacts.empty')} hint={t('contacts.emptyHint')} />
          ) : groups.length === 0 ? (
            <EmptyState
              title={t('contacts.noResults')}
              hint={t('contacts.noResultsHint')}
              action={
                isFiltered && (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setQuery('')
                      setTopic(null)
                    }}
                  >
                    {t('contacts.clear')}
                  </button>
                )
              }
            />
          ) : (
            <div className="topic-groups">
              {groups.map((group) => (
                <section key={group.topic} className="topic-group" aria-labelledby={`topic-${group.topic}`}>
                  <div className="topic-group__header">
                    <h2 id={`topic-${group.topic}`} className="topic-group__title">
                      {t(`topic.${group.topic}`)}
                    </h2>
                    <p className="topic-group__hint">{t(`topic.${group.topic}.hint`)}</p>
                  </div>
                  <ul className="contact-grid">
                    {group.people.map((contact) => (
                      <ContactCard
                        key={contact.id}
                        contact={contact}
                        office={officeById.get(contact.officeId)}
                      />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          )}

          <section className="section" aria-labelledby="offices-title">
            <h2 id="offices-title" className="section__title">
              {t('contacts.officesTitle')}
            </h2>
            <p className="section__intro">{t('contacts.officesIntro')}</p>
            <ul className="office-grid">
              {offices.map((office) => (
                <li key={office.id} className="office card">
                  <h3 className="office__name">{pick(locale, office.nameDe, office.nameEn)}</h3>
                  <p className="office__description">
                    {pick(locale, office.descriptionDe, office.descriptionEn)}
                  </p>
                  <p className="office__contact">
                    {office.email && <a href={`mailto:${office.email}`}>{office.email}</a>}
                    {office.phone && <a href={telHref(office.phone)}>{office.phone}</a>}
                  </p>
                  <p className="office__meta">{t('contacts.reviewDays', { days: office.reviewDays })}</p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  )
}
