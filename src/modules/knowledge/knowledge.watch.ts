import { z } from 'zod'
import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { defineJob } from '../../platform/jobs/index.js'
import {
  type CaseSnapshot,
  type CollaborationStatus,
  caseSnapshotsInStatus,
} from '../collaborations/index.js'
import { notify } from '../notifications/index.js'
import { listOfficesUnchecked, listUsersUnchecked } from '../organisation/index.js'
import * as repo from './knowledge.repo.js'
import { type RegulationTopic, RegulationTopicSchema } from './knowledge.schema.js'
import { matchRegulation, type TopicEvidence, topicOffices } from './knowledge.topics.js'

/** The cases a regulation change concerns: running ones and those on their way to a decision. */
export const watchedStatuses: readonly CollaborationStatus[] = [
  'submitted',
  'in_review',
  'approved',
  'approved_with_conditions',
  'active',
  'amendment_draft',
]

/** A case the regulation touches, with the evidence from its data sheet. */
export interface RegulationMatch {
  snapshot: CaseSnapshot
  evidence: TopicEvidence[]
}

/** Every watched case whose data sheet touches the regulation's topics. */
export async function findTouchedCases(
  db: Db,
  regulation: { topics: readonly RegulationTopic[]; jurisdiction: string | null },
): Promise<RegulationMatch[]> {
  const matches: RegulationMatch[] = []
  for await (const snapshot of caseSnapshotsInStatus(db, watchedStatuses)) {
    const evidence = matchRegulation(snapshot.sheet, regulation)
    if (evidence.length > 0) matches.push({ snapshot, evidence })
  }
  return matches
}

/**
 * The watched cases each of several regulations touches, in one pass over the running cases
 * (the regulation watch page shows every regulation at once).
 */
export async function findTouchedCasesForEach(
  db: Db,
  regulations: readonly { id: string; topics: readonly RegulationTopic[]; jurisdiction: string | null }[],
): Promise<Map<string, RegulationMatch[]>> {
  const matches = new Map(regulations.map((regulation) => [regulation.id, [] as RegulationMatch[]]))
  if (regulations.length === 0) return matches
  for await (const snapshot of caseSnapshotsInStatus(db, watchedStatuses)) {
    for (const regulation of regulations) {
      const evidence = matchRegulation(snapshot.sheet, regulation)
      if (evidence.length > 0) matches.get(regulation.id)?.push({ snapshot, evidence })
    }
  }
  return matches
}

/**
 * Tells the researchers of every touched case and the offices responsible for the touched topics
 * that a regulation was added or changed, with a link to the change. Runs as a job the save
 * enqueues in its transaction (knowledge.jobs.ts), so a rolled-back save notifies nobody and the
 * save does not wait for the walk over every running case.
 */
export async function watchRegulation(
  trx: Db,
  ctx: Ctx,
  document: repo.DocumentRow,
  change: { previousVersion: number | null; version: number },
): Promise<void> {
  const { previousVersion, version } = change
  const topics = RegulationTopicSchema.array().parse(JSON.parse(document.topics))
  const matches = await findTouchedCases(trx, { topics, jurisdiction: document.jurisdiction })
  if (matches.length === 0) return
  const link =
    previousVersion === null
      ? `/knowledge/documents/${document.id}`
      : `/knowledge/documents/${document.id}/history?from=${previousVersion}&to=${version}`
  const offices = await listOfficesUnchecked(trx)
  const users = await listUsersUnchecked(trx)
  const reviewersOf = (keys: ReadonlySet<string>) => {
    const ids = new Set(offices.filter((office) => keys.has(office.key)).map((office) => office.id))
    return users
      .filter(
        (user) =>
          user.isActive &&
          user.roles.some((grant) => grant.role === 'office_reviewer' && ids.has(grant.officeId ?? '')),
      )
      .map((user) => user.id)
  }
  const what =
    previousVersion === null
      ? { de: 'Neue Regelung', en: 'New regulation' }
      : { de: 'Geänderte Regelung', en: 'Changed regulation' }
  for (const { snapshot, evidence } of matches) {
    const touched = [...new Set(evidence.map((entry) => entry.topic))]
    const officeKeys = new Set(touched.flatMap((topic) => topicOffices[topic]))
    const recipients = [...new Set([...snapshot.memberIds, ...reviewersOf(officeKeys)])]
    await notify(trx, ctx, {
      userIds: recipients,
      kind: 'regulation_changed',
      subject: {
        de: `${what.de}: ${document.title} betrifft ${snapshot.reference}`,
        en: `${what.en}: ${document.title} concerns ${snapshot.reference}`,
      },
      body: {
        de: `„${document.title}“ (${document.jurisdiction ?? '–'}, gültig ab ${document.effectiveDate ?? '–'}) berührt ${touched.join(', ')} in „${snapshot.title}“.`,
        en: `"${document.title}" (${document.jurisdiction ?? '–'}, effective ${document.effectiveDate ?? '–'}) touches ${touched.join(', ')} in "${snapshot.title}".`,
      },
      link,
      entity: { type: 'knowledge_document', id: document.id },
    })
  }
}

/** The regulation watch for one saved version, run after the save committed (notifications atomic). */
export const regulationWatchJob = defineJob({
  name: 'knowledge.regulation_watch',
  payload: z.object({
    documentId: z.string(),
    previousVersion: z.number().int().nullable(),
    version: z.number().int(),
  }),
  transactional: true,
  handle: async (ctx, { documentId, previousVersion, version }) => {
    const document = await repo.findDocument(ctx.db, documentId)
    if (!document) return
    await watchRegulation(ctx.db, ctx, document, { previousVersion, version })
  },
})
