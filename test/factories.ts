import { actorOf } from '../src/modules/auth/index.js'
import type { DataSheetInput } from '../src/modules/collaborations/index.js'
import { defaultQuestions } from '../src/modules/collaborations/questionnaire.defaults.js'
import { findUser, findUserRowByUsername } from '../src/modules/organisation/index.js'
import { completeReview } from '../src/modules/reviews/index.js'
import type { Ctx } from '../src/platform/context.js'
import type { Db } from '../src/platform/db/database.js'

/** Ids of the demo institution that sheets refer to. */
export async function demoIds(db: Db) {
  const unit = await db.selectFrom('units').select('id').where('code', '=', 'GEO.1').executeTakeFirstOrThrow()
  const researcher = await db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where('username', '=', 'researcher')
    .executeTakeFirstOrThrow()
  return { unitId: unit.id, researcherId: researcher.id, researcherName: researcher.displayName }
}

/** A complete, submittable data sheet for a realistic geodesy collaboration; override any part. */
export function buildSheet(
  ids: { unitId: string; researcherId: string; researcherName: string },
  overrides: Partial<DataSheetInput> = {},
): DataSheetInput {
  return {
    title: 'GNSS-based monitoring of crustal deformation along the Longmenshan fault',
    acronym: 'LONGMEN-GNSS',
    summary: 'Joint processing of continuous GNSS time series to quantify interseismic strain accumulation.',
    description:
      'We will combine the continuous GNSS stations operated by both partners into a joint network solution. ' +
      'The project develops open-source processing strategies for atmospheric delay modelling and publishes ' +
      'velocity fields and strain-rate maps in open-access journals. No hardware is exchanged; all software is ' +
      'released under an open licence. Early-career researchers spend three months at each partner.',
    researchAreas: ['343-02', '343-01'],
    keywords: ['GNSS', 'crustal deformation', 'geodesy'],
    trl: 2,
    unitId: ids.unitId,
    principalInvestigators: [{ userId: ids.researcherId, name: ids.researcherName }],
    partners: [
      {
        id: '0190a1b2-0000-7000-8000-000000000001',
        nameOriginal: '中国地震局地质研究所',
        nameEnglish: 'Institute of Geology, China Earthquake Administration',
        country: 'CN',
        kind: 'research_institute',
        department: 'State Key Laboratory of Earthquake Dynamics',
        contactName: 'Prof. Wang Lei',
        contactRole: 'Principal investigator',
      },
    ],
    activities: {
      jointResearch: true,
      jointPublications: true,
      mobility: true,
      mobilityDirection: 'both',
      mobilityMonths: 3,
    },
    dataSamples: {
      kinds: ['geodata'],
      storage: 'Institute data centre',
      processing: 'Institute HPC',
      access: 'Project members',
    },
    funding: {
      funders: [{ name: 'DFG', programme: 'Sino-German cooperation' }],
      callHasSecurityGuidelines: 'yes',
    },
    interests: {
      researcherInterest: 'Access to a dense GNSS network in an active tectonic region.',
      institutionInterest: 'Strengthens the geodesy section’s international visibility.',
      expectedBenefits: 'Joint publications, open data sets.',
      reciprocity: 'Both sides share station data under the same licence.',
      exitOptions: 'Either side may end with three months’ notice; shared data stay usable for publications.',
      startDate: '2027-01-01',
      endDate: '2029-12-31',
    },
    answers: Object.fromEntries(
      defaultQuestions.map((question) => [question.key, { answer: 'yes', explanation: '' }]),
    ),
    ...overrides,
  }
}

/**
 * Completes every open office review of a case as each office's demo reviewer (no objection), so
 * that a decision can be taken. Returns the offices that had reviews.
 */
export async function completeOpenReviews(test: { ctx: Ctx }, collaborationId: string): Promise<string[]> {
  const db = test.ctx.db
  const reviews = await db
    .selectFrom('officeReviews')
    .select(['id', 'participant'])
    .where('collaborationId', '=', collaborationId)
    .where('status', '=', 'open')
    .execute()
  for (const review of reviews) {
    const username = review.participant === 'expert_team' ? 'expert' : review.participant.replaceAll('_', '-')
    const row = await findUserRowByUsername(db, username)
    const user = row && (await findUser(db, row.id))
    if (!user) throw new Error(`no demo reviewer ${username}`)
    await completeReview({ ...test.ctx, actor: actorOf(user, 'session') }, review.id, {
      findings: 'No concerns from our side.',
      recommendation: 'no_objection',
    })
  }
  return reviews.map((review) => review.participant)
}
