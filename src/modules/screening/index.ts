import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { enqueue } from '../../platform/jobs/index.js'
import { screenCollaborationJob } from './screening.jobs.js'

export { rescreenAfterImport, screenCollaborationJob } from './screening.jobs.js'
export {
  compareNames,
  defaultThresholds,
  type NameComparison,
  type Thresholds,
  verdictOf,
} from './screening.matcher.js'
export * from './screening.schema.js'
export {
  addOwnListEntry,
  compareTwoNames,
  getCollaborationScreening,
  getPartnerPage,
  importList,
  listScreeningLists,
  matchName,
  mergePartners,
  recordDisposition,
  rescreenAfterListVersion,
  screenCollaborationNow,
  screenCollaborationPartners,
  screenNameAdHoc,
} from './screening.service.js'

/**
 * Asks for the partners of a case to be screened in the background (on draft save and on
 * submit); call inside the transaction of the change. Repeated saves while one screening is
 * pending add nothing.
 */
export async function requestPartnerScreening(
  trx: Db,
  ctx: Pick<Ctx, 'now'>,
  collaborationId: string,
  trigger: 'draft_saved' | 'submitted',
): Promise<void> {
  await enqueue(
    trx,
    ctx,
    screenCollaborationJob,
    { collaborationId, trigger },
    { dedupeKey: `screening:${collaborationId}` },
  )
}

import './screening.personal-data.js'
