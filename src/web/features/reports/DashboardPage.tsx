import { type ReactNode, useId, useState } from 'react'
import { useSearchParams } from 'react-router'
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { Figure, FigureColumn } from '../../../modules/reports/reports.schema.js'
import { api } from '../../api/client.js'
import { ErrorState, Loading, PageHeader } from '../../components/Feedback.js'
import { useAsync } from '../../components/useAsync.js'
import { formatDateTime, useLocale, useT } from '../../i18n/i18n.js'
import { type DashboardQuery, reportsApi } from './api.js'

/** Okabe–Ito: distinguishable with every common form of colour blindness. */
const palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9']
/** Every second series is hatched, so no pair of series is told apart by colour alone. */
const hatched = (index: number) => index % 2 === 1
/** Overdue reviews always in vermilion (the palette's warning colour). */
const colourIndex = (key: string, index: number) => (key === 'overdue' ? 3 : index)
const filterKeys = ['from', 'to', 'unit', 'area', 'risk'] as const
const risks = ['low', 'elevated', 'high', 'no_go'] as const
const chartRows = 12

type Locale = 'de' | 'en'

function formatValue(locale: Locale, value: number | null | undefined, unit: FigureColumn['unit']): string {
  if (value === null || value === undefined) return '–'
  const tag = locale === 'de' ? 'de-DE' : 'en-GB'
  if (unit === 'share')
    return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(value)
  if (unit === 'days' || unit === 'mean')
    return new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
  return new Intl.NumberFormat(tag).format(value)
}

/** Legend entries in the text colour (Recharts colours them like their series, too faint for orange). */
const legendText = (value: string) => <span className="dashboard-legend-text">{value}</span>

/** SVG patterns for hatched series, one per palette colour. */
function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      {palette.map((colour, index) => (
        <pattern
          key={colour}
          id={`${prefix}-hatch-${index}`}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill={colour} opacity="0.35" />
          <line x1="0" y1="0" x2="0" y2="6" stroke={colour} strokeWidth="3" />
        </pattern>
      ))}
    </defs>
  )
}

function FigureTable({ figure, locale, caption }: { figure: Figure; locale: Locale; caption: string }) {
  const t = useT()
  return (
    <div className="table-wrap dashboard-figure__table">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.label')}</th>
            {figure.columns.map((column) => (
              <th key={column.key} scope="col" className="table__number">
                {locale === 'de' ? column.labelDe : column.labelEn}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figure.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{locale === 'de' ? row.labelDe : row.labelEn}</th>
              {figure.columns.map((column) => (
                <td key={column.key} className="table__number">
                  {formatValue(locale, row.values[column.key], column.unit)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Which columns a figure's chart draws (the table always shows all). */
function chartColumns(figure: Figure): FigureColumn[] {
  const drawn = figure.columns.filter((column) => column.unit !== 'share' && column.key !== 'count')
  return drawn.length > 0 ? drawn : figure.columns
}

function FigureChart({ figure, locale, chartId }: { figure: Figure; locale: Locale; chartId: string }) {
  const label = (row: Figure['rows'][number]) => (locale === 'de' ? row.labelDe : row.labelEn)
  const columns = chartColumns(figure)
  const unit = columns[0]?.unit ?? 'count'
  const format = (value: unknown) => formatValue(locale, typeof value === 'number' ? value : null, unit)
  const data = figure.rows.slice(0, figure.key === 'decisionTimeByMonth' ? 36 : chartRows).map((row) => ({
    name: label(row),
    ...Object.fromEntries(columns.map((column) => [column.key, row.values[column.key] ?? null])),
  }))
  const seriesName = (column: FigureColumn) => (locale === 'de' ? column.labelDe : column.labelEn)

  if (figure.key === 'decisionTimeByMonth') {
    return (
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e6e1d8" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={{ fontSize: 12 }} width={40} domain={[0, 'auto']} />
          <Tooltip formatter={(value) => format(value)} />
          <Legend formatter={legendText} />
          {columns.map((column, index) => (
            <Line
              key={column.key}
              type="monotone"
              dataKey={column.key}
              name={seriesName(column)}
              stroke={palette[index] ?? palette[0]}
              strokeWidth={2.5}
              strokeDasharray={index === 1 ? '6 4' : undefined}
              dot={{ r: 3, strokeWidth: 2, fill: index === 1 ? '#fff' : (palette[index] ?? palette[0]) }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    )
  }

  const stacked = columns.every((column) => column.key === 'active' || column.key === 'planned')
  const height = Math.max(
    140,
    data.length * (stacked || columns.length === 1 ? 30 : 22 * columns.length) + 56,
  )
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 40, bottom: 4, left: 4 }}
        barCategoryGap={6}
      >
        <Patterns prefix={chartId} />
        <CartesianGrid stroke="#e6e1d8" horizontal={false} />
        <XAxis type="number" tick={{ fontSize: 12 }} allowDecimals={unit !== 'count'} />
        <YAxis
          type="category"
          dataKey="name"
          width={170}
          tick={{ fontSize: 12 }}
          tickFormatter={(value: string) => (value.length > 26 ? `${value.slice(0, 25)}…` : value)}
        />
        <Tooltip formatter={(value) => format(value)} cursor={{ fill: 'rgba(19, 92, 90, 0.06)' }} />
        {columns.length > 1 && <Legend formatter={legendText} />}
        {columns.map((column, index) => (
          <Bar
            key={column.key}
            dataKey={column.key}
            name={seriesName(column)}
            stackId={stacked ? 'total' : undefined}
            fill={
              hatched(index)
                ? `url(#${chartId}-hatch-${colourIndex(column.key, index)})`
                : palette[colourIndex(column.key, index)]
            }
            stroke={palette[colourIndex(column.key, index)]}
            strokeWidth={1}
            isAnimationActive={false}
          >
            {(!stacked || index === columns.length - 1) && (
              <LabelList
                dataKey={stacked ? undefined : column.key}
                position="right"
                className="dashboard-figure__value"
                valueAccessor={
                  stacked
                    ? (entry: { payload?: Record<string, unknown> }) =>
                        columns.reduce((sum, c) => sum + Number(entry.payload?.[c.key] ?? 0), 0)
                    : undefined
                }
                formatter={(value: unknown) => format(value)}
              />
            )}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  )
}

function FigureCard({
  figure,
  query,
  wide = false,
}: {
  figure: Figure
  query: DashboardQuery
  wide?: boolean
}) {
  const t = useT()
  const { locale } = useLocale()
  const [view, setView] = useState<'chart' | 'table'>('chart')
  const id = useId().replaceAll(':', '')
  const title = locale === 'de' ? figure.titleDe : figure.titleEn
  return (
    <section
      className={wide ? 'dashboard-figure dashboard-figure--wide' : 'dashboard-figure'}
      aria-labelledby={`${id}-title`}
    >
      <div className="dashboard-figure__head">
        <h3 id={`${id}-title`} className="dashboard-figure__title">
          {title}
        </h3>
        <div className="dashboard-figure__actions">
          <fieldset className="segmented segmented--small">
            <legend className="visually-hidden">
              {t('reports.view')}: {title}
            </legend>
            <button
              type="button"
              className="segmented__option"
              aria-pressed={view === 'chart'}
              onClick={() => setView('chart')}
            >
              {t('reports.chart')}
            </button>
            <button
              type="button"
              className="segmented__option"
              aria-pressed={view === 'table'}
              onClick={() => setView('table')}
            >
              {t('reports.table')}
            </button>
          </fieldset>
          <a
            className="button button--ghost button--small"
            href={reportsApi.csvUrl(query, figure.key, locale)}
            download
            aria-label={`${t('reports.csv')}: ${title}`}
          >
            CSV
          </a>
        </div>
      </div>
      {figure.rows.length === 0 ? (
        <p className="muted dashboard-figure__empty">{t('reports.empty')}</p>
      ) : view === 'table' ? (
        <FigureTable figure={figure} locale={locale} caption={title} />
      ) : (
        <div className="dashboard-figure__chart">
          <FigureChart figure={figure} locale={locale} chartId={id} />
          {figure.rows.length > chartRows && figure.key !== 'decisionTimeByMonth' && (
            <p className="dashboard-figure__note">{t('reports.topRows', { count: chartRows })}</p>
          )}
        </div>
      )}
    </section>
  )
}

function Kpi({ label, value, hint, tone }: { label: string; value: string; hint: string; tone?: 'warning' }) {
  return (
    <div className={tone ? `dashboard-kpi dashboard-kpi--${tone}` : 'dashboard-kpi'}>
      <dt className="dashboard-kpi__label">{label}</dt>
      <dd className="dashboard-kpi__value">{value}</dd>
      <dd className="dashboard-kpi__hint">{hint}</dd>
    </div>
  )
}

function FilterBar({ query, setQuery }: { query: DashboardQuery; setQuery: (next: DashboardQuery) => void }) {
  const t = useT()
  const { locale } = useLocale()
  const units = useAsync(() => api.units.list(), [])
  const areas = useAsync(() => api.reference.researchAreas(), [])
  const year = new Date().getFullYear()
  const field = (key: keyof DashboardQuery, control: ReactNode, label: string) => (
    <div className="field">
      <label className="field__label" htmlFor={`dashboard-${key}`}>
        {label}
      </label>
      {control}
    </div>
  )
  const set = (key: keyof DashboardQuery, value: string) => setQuery({ ...query, [key]: value || undefined })
  return (
    <search className="filters dashboard-filters" aria-label={t('reports.filters')}>
      {field(
        'from',
        <input
          id="dashboard-from"
          type="date"
          className="input input--date"
          value={query.from ?? ''}
          onChange={(event) => set('from', event.target.value)}
        />,
        t('reports.filter.from'),
      )}
      {field(
        'to',
        <input
          id="dashboard-to"
          type="date"
          className="input input--date"
          value={query.to ?? ''}
          onChange={(event) => set('to', event.target.value)}
        />,
        t('reports.filter.to'),
      )}
      {field(
        'unit',
        <select
          id="dashboard-unit"
          className="input select"
          value={query.unit ?? ''}
          onChange={(event) => set('unit', event.target.value)}
        >
          <option value="">{t('reports.filter.all')}</option>
          {(units.data ?? []).map((unit) => (
            <option key={unit.id} value={unit.id}>
              {locale === 'de' ? unit.nameDe : unit.nameEn}
            </option>
          ))}
        </select>,
        t('reports.filter.unit'),
      )}
      {field(
        'area',
        <select
          id="dashboard-area"
          className="input select"
          value={query.area ?? ''}
          onChange={(event) => set('area', event.target.value)}
        >
          <option value="">{t('reports.filter.all')}</option>
          {(areas.data ?? [])
            .filter((area) => area.level === 1)
            .map((area) => (
              <option key={area.code} value={area.code}>
                {area.code} {locale === 'de' ? area.labelDe : area.labelEn}
              </option>
            ))}
        </select>,
        t('reports.filter.area'),
      )}
      {field(
        'risk',
        <select
          id="dashboard-risk"
          className="input select"
          value={query.risk ?? ''}
          onChange={(event) => set('risk', event.target.value)}
        >
          <option value="">{t('reports.filter.all')}</option>
          {risks.map((risk) => (
            <option key={risk} value={risk}>
              {t(`reports.risk.${risk}`)}
            </option>
          ))}
        </select>,
        t('reports.filter.risk'),
      )}
      <div className="dashboard-filters__presets">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setQuery({ ...query, from: `${year}-01-01`, to: `${year}-12-31` })}
        >
          {t('reports.filter.thisYear')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setQuery({ ...query, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` })}
        >
          {t('reports.filter.lastYear')}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setQuery({})}>
          {t('reports.filter.reset')}
        </button>
      </div>
      <p className="field__hint dashboard-filters__hint">{t('reports.filter.periodHint')}</p>
    </search>
  )
}

/** The dashboard for leadership: portfolio and process figures, each as chart, table and CSV. */
export function DashboardPage() {
  const t = useT()
  const { locale } = useLocale()
  const [params, setParams] = useSearchParams()
  const query: DashboardQuery = Object.fromEntries(
    filterKeys.map((key) => [key, params.get(key) ?? undefined]).filter(([, value]) => value),
  )
  const queryKey = filterKeys.map((key) => params.get(key) ?? '').join('|')
  const dashboard = useAsync(() => reportsApi.dashboard(query), [queryKey])
  const setQuery = (next: DashboardQuery) => {
    const search = new URLSearchParams()
    for (const key of filterKeys) if (next[key]) search.set(key, next[key] as string)
    setParams(search)
  }
  const pdfQuery: DashboardQuery =
    query.from || query.to
      ? query
      : { ...query, from: `${new Date().getFullYear()}-01-01`, to: `${new Date().getFullYear()}-12-31` }
  const data = dashboard.data
  const k = data?.kpis
  const number = (value: number | null | undefined, unit: FigureColumn['unit'] = 'count') =>
    formatValue(locale, value, unit)
  const wideFigures = new Set(['decisionTimeByMonth'])
  return (
    <>
      <PageHeader
        title={t('reports.title')}
        intro={t('reports.intro')}
        actions={
          <a
            className="button button--primary"
            href={reportsApi.pdfUrl(pdfQuery, locale)}
            download
            title={t('reports.pdfHint')}
          >
            {t('reports.pdf')}
          </a>
        }
      />
      <FilterBar query={query} setQuery={setQuery} />
      {dashboard.error ? (
        <ErrorState error={dashboard.error} onRetry={dashboard.reload} />
      ) : !data || !k ? (
        <Loading />
      ) : (
        <div className="stack" aria-busy={dashboard.isLoading}>
          <dl className="dashboard-kpis">
            <Kpi
              label={t('reports.kpi.active')}
              value={number(k.active)}
              hint={t('reports.kpi.activeHint', { planned: number(k.planned) })}
            />
            <Kpi
              label={t('reports.kpi.inReview')}
              value={number(k.inReview)}
              hint={t('reports.kpi.inReviewHint')}
            />
            <Kpi
              label={t('reports.kpi.median')}
              value={number(k.medianDaysToDecision, 'days')}
              hint={t('reports.kpi.medianHint', { p90: number(k.p90DaysToDecision, 'days') })}
            />
            <Kpi
              label={t('reports.kpi.noObjection')}
              value={number(k.shareWithoutObjection, 'share')}
              hint={t('reports.kpi.noObjectionHint', { decided: number(k.decided) })}
            />
            <Kpi
              label={t('reports.kpi.overdue')}
              value={number(k.overdueReviews)}
              hint={t('reports.kpi.overdueHint', { open: number(k.openReviews) })}
              tone={k.overdueReviews > 0 ? 'warning' : undefined}
            />
          </dl>
          <section aria-labelledby="dashboard-portfolio">
            <h2 id="dashboard-portfolio" className="section__title dashboard__section-title">
              {t('reports.portfolio')}
            </h2>
            <div className="dashboard-grid">
              {data.portfolio.map((figure) => (
                <FigureCard key={figure.key} figure={figure} query={query} />
              ))}
            </div>
          </section>
          <section aria-labelledby="dashboard-process">
            <h2 id="dashboard-process" className="section__title dashboard__section-title">
              {t('reports.process')}
            </h2>
            <div className="dashboard-grid">
              {data.process.map((figure) => (
                <FigureCard
                  key={figure.key}
                  figure={figure}
                  query={query}
                  wide={wideFigures.has(figure.key)}
                />
              ))}
            </div>
          </section>
          {data.sections
            .filter((section) => section.figures.length > 0)
            .map((section) => (
              <section key={section.key} aria-labelledby={`dashboard-${section.key}`}>
                <h2 id={`dashboard-${section.key}`} className="section__title dashboard__section-title">
                  {locale === 'de' ? section.titleDe : section.titleEn}
                </h2>
                <div className="dashboard-grid">
                  {section.figures.map((figure) => (
                    <FigureCard
                      key={figure.key}
                      figure={{ ...figure, key: `${section.key}.${figure.key}` }}
                      query={query}
                    />
                  ))}
                </div>
              </section>
            ))}
          <p className="muted dashboard__generated">
            {t('reports.generated', { date: formatDateTime(locale, data.generatedAt) })}
          </p>
        </div>
      )}
    </>
  )
}
