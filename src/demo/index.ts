import { ensureAssessmentReferenceData } from '../modules/assessment/index.js'
import { countUsers } from '../modules/organisation/index.js'
import type { Ctx } from '../platform/context.js'
import { seedDemoCollaborations } from './collaborations.seed.js'
import { seedDemoLists } from './lists.seed.js'
import { demoPassword, demoUsers, seedDemoOrganisation } from './organisation.seed.js'
import { seedDemoTraining } from './training.seed.js'

export { demoPassword, demoUsers }

/**
 * Loads the demo institution into an empty database; does nothing when users exist already, so
 * a second start loses and duplicates nothing.
 * @returns whether the demo was loaded now
 */
export async function seedDemoIfEmpty(ctx: Ctx): Promise<boolean> {
  if ((await countUsers(ctx.db)) > 0) return false
  await seedDemoOrganisation(ctx)
  await ensureAssessmentReferenceData(ctx)
  await seedDemoLists(ctx)
  await seedDemoCollaborations(ctx)
  await seedDemoTraining(ctx)
  return true
}
