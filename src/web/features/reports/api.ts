import { DashboardSchema } from '../../../modules/reports/reports.schema.js'
import { downloadUrl, request } from '../../api/client.js'

/** The dashboard's filters as they stand in the address. */
export interface DashboardQuery {
  from?: string
  to?: string
  unit?: string
  area?: string
  risk?: string
}

const toSearch = (query: Record<string, string | undefined>) => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value)
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** The reports API. */
export const reportsApi = {
  dashboard: (query: DashboardQuery) =>
    request(DashboardSchema, 'GET', '/reports/dashboard', { query: { ...query } }),
  csvUrl: (query: DashboardQuery, figure: string, lang: string) =>
    downloadUrl(`/reports/dashboard.csv${toSearch({ ...query, figure, lang })}`),
  pdfUrl: (query: DashboardQuery, lang: string) =>
    downloadUrl(`/reports/annual-overview.pdf${toSearch({ ...query, lang })}`),
}
