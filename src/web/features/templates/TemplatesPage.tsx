import { Link } from 'react-router'
import type { Placeholder } from '../../../modules/templates/template.schema.js'
import { ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { templatesApi } from './api.js'

/** How a placeholder is written in a template. */
function placeholderSyntax(placeholder: Placeholder): string {
  if (placeholder.type === 'list') return `{{#each ${placeholder.path}}} … {{/each}}`
  if (placeholder.type === 'flag') return `{{#if ${placeholder.path}}} … {{/if}}`
  return `{{${placeholder.path}}}`
}

/** The syntax of the placeholder language, with an example of each form. */
function SyntaxHelp() {
  const t = useT()
  const rows: Array<[string, string]> = [
    ['{{institution.name}}', t('templates.syntax.value')],
    ['{{#if activities.dataSharing}} … {{else}} … {{/if}}', t('templates.syntax.if')],
    ['{{#each partners}} {{name}}, {{country}} {{/each}}', t('templates.syntax.each')],
    ['{{! … }}', t('templates.syntax.comment')],
  ]
  return (
    <section className="section card card--padded" aria-labelledby="syntax-title">
      <h2 id="syntax-title" className="section__title">
        {t('templates.syntax.title')}
      </h2>
      <dl className="syntax-list">
        {rows.map(([syntax, meaning]) => (
          <div key={syntax} className="syntax-list__row">
            <dt>
              <code className="code">{syntax}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('templates.syntax.layout')}</p>
    </section>
  )
}

/** The contract templates with their versions, and the documented placeholder vocabulary. */
export function TemplatesPage() {
  const t = useT()
  const { locale } = useLocale()
  const catalogue = useAsync(() => templatesApi.catalogue(), [])
  return (
    <>
      <PageHeader title={t('templates.page.title')} intro={t('templates.page.intro')} />
      {catalogue.error ? (
        <ErrorState error={catalogue.error} onRetry={catalogue.reload} />
      ) : catalogue.isLoading && !catalogue.data ? (
        <Loading />
      ) : (
        <div className="stack">
          <section className="section" aria-labelledby="templates-title">
            <h2 id="templates-title" className="section__title">
              {t('templates.list.title')}
            </h2>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('templates.list.template')}</th>
                    <th scope="col">{t('templates.list.language')}</th>
                    <th scope="col">{t('templates.list.version')}</th>
                    <th scope="col">{t('templates.list.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(catalogue.data?.templates ?? []).map((template) => (
                    <tr key={`${template.key}-${template.language}`}>
                      <td>
                        <Link
                          className="table__primary"
                          to={`/templates/${template.key}/${template.language}`}
                        >
                          {template.title}
                        </Link>
                        <span className="table__secondary">
                          {t('templates.list.placeholders', { count: template.placeholders.length })}
                        </span>
                      </td>
                      <td>{t(`templates.language.${template.language}`)}</td>
                      <td>{t('templates.list.versionValue', { version: template.version })}</td>
                      <td>
                        {t('templates.list.byOn', {
                          name: template.updatedByName,
                          date: formatDateTime(locale, template.updatedAt),
                        })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <SyntaxHelp />

          <section className="section" aria-labelledby="placeholders-title">
            <h2 id="placeholders-title" className="section__title">
              {t('templates.placeholders.title')}
            </h2>
            <p className="section__intro">{t('templates.placeholders.intro')}</p>
            <div className="table-wrap">
              <table className="table placeholder-table">
                <thead>
                  <tr>
                    <th scope="col">{t('templates.placeholders.name')}</th>
                    <th scope="col">{t('templates.placeholders.type')}</th>
                    <th scope="col">{t('templates.placeholders.meaning')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(catalogue.data?.placeholders ?? []).map((placeholder) => (
                    <tr
                      key={`${placeholder.listPath ?? ''}.${placeholder.path}`}
                      className={placeholder.listPath ? 'placeholder-table__field' : undefined}
                    >
                      <td>
                        <code className="code">{placeholderSyntax(placeholder)}</code>
                        {placeholder.listPath && (
                          <span className="table__secondary">
                            {t('templates.placeholders.inList', { list: placeholder.listPath })}
                          </span>
                        )}
                      </td>
                      <td>{t(`templates.placeholders.type.${placeholder.type}`)}</td>
                      <td>
                        <span className="table__primary">
                          {locale === 'de' ? placeholder.labelDe : placeholder.labelEn}
                        </span>
                        <span className="table__secondary">
                          {locale === 'de' ? placeholder.descriptionDe : placeholder.descriptionEn}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </>
  )
}
