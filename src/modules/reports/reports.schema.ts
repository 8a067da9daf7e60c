import { z } from 'zod'

/** The pre-assessment's risk levels, plus "none" for cases without an assessment. */
export const ReportRiskSchema = z.enum(['low', 'elevated', 'high', 'no_go'])
export type ReportRisk = z.infer<typeof ReportRiskSchema>

const isoDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} as YYYY-MM-DD`)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`)
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
    }, 'Not a valid date')

/**
 * The filters every figure respects. The period selects, for the portfolio, the collaborations whose
 * project term overlaps it; for the process, the decisions taken and reviews completed in it, and
 * the cases submitted in it.
 */
export const dashboardFilterShape = {
  from: isoDate('Start of the period').optional(),
  to: isoDate('End of the period').optional(),
  unit: z.uuid('A unit id').optional(),
  area: z
    .string()
    .regex(/^\d{1,3}(-\d{2})?$/, 'A DFG classification code such as 34 or 343-02')
    .optional(),
  risk: ReportRiskSchema.optional(),
}

/** The end of the period may not lie before its start. */
export const periodInOrder = {
  check: (filter: { from?: string; to?: string }) => !filter.from || !filter.to || filter.from <= filter.to,
  message: { message: 'The end of the period lies before its start', path: ['to'] },
}

export const DashboardFilterSchema = z
  .strictObject(dashboardFilterShape)
  .refine(periodInOrder.check, periodInOrder.message)
  .meta({ id: 'DashboardFilter' })
export type DashboardFilter = z.infer<typeof DashboardFilterSchema>

/** A column of a figure's table. */
export const FigureColumnSchema = z.object({
  key: z.string(),
  labelDe: z.string(),
  labelEn: z.string(),
  /** count, days or share (0–1) — how the value is formatted. */
  unit: z.enum(['count', 'days', 'share', 'mean']),
})
export type FigureColumn = z.infer<typeof FigureColumnSchema>

/** A row of a figure's table: what it is about, and one value per column (null: no data). */
export const FigureRowSchema = z.object({
  key: z.string(),
  labelDe: z.string(),
  labelEn: z.string(),
  values: z.record(z.string(), z.number().nullable()),
})
export type FigureRow = z.infer<typeof FigureRowSchema>

/** One figure: a table that a chart draws and a CSV exports. */
export const FigureSchema = z
  .object({
    key: z.string(),
    titleDe: z.string(),
    titleEn: z.string(),
    columns: z.array(FigureColumnSchema),
    rows: z.array(FigureRowSchema),
  })
  .meta({ id: 'Figure' })
export type Figure = z.infer<typeof FigureSchema>

/** The headline numbers. */
export const DashboardKpisSchema = z.object({
  active: z.number().int(),
  planned: z.number().int(),
  inReview: z.number().int(),
  decided: z.number().int(),
  medianDaysToDecision: z.number().nullable(),
  p90DaysToDecision: z.number().nullable(),
  shareWithoutObjection: z.number().nullable(),
  openReviews: z.number().int(),
  overdueReviews: z.number().int(),
  informationRequestsPerCase: z.number().nullable(),
})
export type DashboardKpis = z.infer<typeof DashboardKpisSchema>

/** A section contributed by another module (e.g. knowledge: documents due, training completion). */
export const DashboardSectionSchema = z.object({
  key: z.string(),
  titleDe: z.string(),
  titleEn: z.string(),
  figures: z.array(FigureSchema),
})
export type DashboardSection = z.infer<typeof DashboardSectionSchema>

/** Every figure of the dashboard for one filter. */
export const DashboardSchema = z
  .object({
    filter: DashboardFilterSchema,
    generatedAt: z.string(),
    kpis: DashboardKpisSchema,
    portfolio: z.array(FigureSchema),
    process: z.array(FigureSchema),
    sections: z.array(DashboardSectionSchema),
  })
  .meta({ id: 'Dashboard' })
export type Dashboard = z.infer<typeof DashboardSchema>

/** The language of a generated document. */
export const ReportLanguageSchema = z.enum(['de', 'en'])
export type ReportLanguage = z.infer<typeof ReportLanguageSchema>
