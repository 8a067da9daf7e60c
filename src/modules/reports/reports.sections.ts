import { can } from '../access/index.js'
import { type DocumentKind, listDocuments } from '../knowledge/index.js'
import { completionByUnitAndModule } from '../training/index.js'
import type { Figure } from './reports.schema.js'
import { registerDashboardSection } from './reports.service.js'

/**
 * The knowledge part of the dashboard: how current the living documents are and how far the
 * required trainings are completed. Loaded by the server (bootstrap), so the figures appear
 * wherever the dashboard is served.
 */

const kindLabels: Record<DocumentKind, { de: string; en: string }> = {
  guidance: { de: 'Leitfäden', en: 'Guidance' },
  checklist: { de: 'Checklisten', en: 'Checklists' },
  resource: { de: 'Ressourcen', en: 'Resources' },
  regulation: { de: 'Regelungen', en: 'Regulations' },
  template: { de: 'Vorlagen', en: 'Templates' },
  'best-practice': { de: 'Gute Praxis', en: 'Best practice' },
}

registerDashboardSection({
  key: 'knowledge',
  titleDe: 'Wissen',
  titleEn: 'Knowledge',
  async compute(ctx) {
    const documents = await listDocuments(ctx, { limit: 200 })
    const byKind = new Map<DocumentKind, { documents: number; due: number }>()
    for (const document of documents) {
      const counts = byKind.get(document.kind) ?? { documents: 0, due: 0 }
      counts.documents += 1
      if (document.isDueForReview) counts.due += 1
      byKind.set(document.kind, counts)
    }
    const figure: Figure = {
      key: 'documentsDue',
      titleDe: 'Dokumente und fällige Überprüfungen',
      titleEn: 'Documents and reviews due',
      columns: [
        { key: 'documents', labelDe: 'Dokumente', labelEn: 'Documents', unit: 'count' },
        { key: 'due', labelDe: 'Überprüfung fällig', labelEn: 'Due for review', unit: 'count' },
      ],
      rows: [...byKind.entries()]
        .sort((a, b) => b[1].due - a[1].due || b[1].documents - a[1].documents)
        .map(([kind, counts]) => ({
          key: kind,
          labelDe: kindLabels[kind].de,
          labelEn: kindLabels[kind].en,
          values: { documents: counts.documents, due: counts.due },
        })),
    }
    return [figure]
  },
})

registerDashboardSection({
  key: 'training',
  titleDe: 'Schulungen',
  titleEn: 'Trainings',
  async compute(ctx, filter) {
    // Completion by person is the training report's; who may not see it gets no figure.
    if (!can(ctx.actor, 'training.report')) return []
    const rows = await completionByUnitAndModule(ctx, filter.unit ? { unitId: filter.unit } : {})
    const byModule = new Map<
      string,
      { de: string; en: string; required: number; completed: number; open: number }
    >()
    for (const row of rows) {
      const counts = byModule.get(row.moduleKey) ?? { ...row.moduleTitle, required: 0, completed: 0, open: 0 }
      counts.required += row.required
      counts.completed += row.completed
      counts.open += row.expired + row.missing
      byModule.set(row.moduleKey, counts)
    }
    const figure: Figure = {
      key: 'completion',
      titleDe: 'Abschluss der Pflichtschulungen',
      titleEn: 'Completion of required trainings',
      columns: [
        { key: 'required', labelDe: 'Verpflichtet', labelEn: 'Required', unit: 'count' },
        { key: 'completed', labelDe: 'Abgeschlossen', labelEn: 'Completed', unit: 'count' },
        { key: 'open', labelDe: 'Fehlt oder abgelaufen', labelEn: 'Missing or expired', unit: 'count' },
        { key: 'share', labelDe: 'Anteil abgeschlossen', labelEn: 'Share completed', unit: 'share' },
      ],
      rows: [...byModule.entries()].map(([key, counts]) => ({
        key,
        labelDe: counts.de,
        labelEn: counts.en,
        values: {
          required: counts.required,
          completed: counts.completed,
          open: counts.open,
          share: counts.required > 0 ? counts.completed / counts.required : null,
        },
      })),
    }
    return [figure]
  },
})
