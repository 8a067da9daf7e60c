/**
 * Fills a migrated database (SQLite or PostgreSQL) with a realistic portfolio for benchmarks:
 * collaborations at every stage with partners in many countries (China first of all), units,
 * research areas, TRL, funders, pre-assessments (real results of the engine on realistic
 * descriptions), office reviews with realistic durations (some overdue, some paused for a
 * question), requests for information and decisions with and without objections.
 *
 * `generatePortfolio(db, { collaborations: 10_000, reviewsPerCase: 5, seed: 1 })` writes in batches
 * inside transactions; the same seed always gives the same portfolio (ids aside). It uses the
 * institution's units, offices and researchers when there are any and creates a small
 * organisation otherwise.
 */
import { readFileSync } from 'node:fs'
import { type Insertable, sql } from 'kysely'
import {
  type AssessmentResult,
  assess,
  buildIndex,
  type RiskLevel,
  shippedReferenceSet,
} from '../src/modules/assessment/index.js'
import { type DataSheet, DataSheetSchema, researchAreas } from '../src/modules/collaborations/index.js'
import type { Db } from '../src/platform/db/database.js'
import type {
  AssessmentTable,
  CollaborationMemberTable,
  CollaborationPartnerTable,
  CollaborationTable,
  CollaborationVersionTable,
  InformationRequestTable,
  OfficeReviewTable,
} from '../src/platform/db/tables.js'
import { newId } from '../src/shared/ids.js'

export interface PortfolioOptions {
  collaborations: number
  /** Office reviews per collaboration on average (over all collaborations, drafts included). */
  reviewsPerCase: number
  seed: number
  /** The present moment of the generated history (default: now). */
  now?: Date
}

export interface PortfolioCounts {
  collaborations: number
  partners: number
  assessments: number
  reviews: number
  informationRequests: number
  seconds: number
}

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
    let at = next() * total
    for (const [item, weight] of items) {
      at -= weight
      if (at <= 0) return item
    }
    return (items[items.length - 1] as readonly [T, number])[0]
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  /** Log-normally distributed around a median, for durations. */
  const lognormal = (median: number, spread: number) => {
    const u = Math.max(next(), 1e-9)
    const v = next()
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    return median * Math.exp(z * spread)
  }
  return { next, pick, weighted, int, lognormal }
}

type Rng = ReturnType<typeof random>

interface PartnerTemplate {
  nameOriginal: string
  nameEnglish: string
  country: string
  kind: DataSheet['partners'][number]['kind']
}

const chinesePartners: PartnerTemplate[] = [
  ['清华大学', 'Tsinghua University', 'university'],
  ['北京大学', 'Peking University', 'university'],
  ['浙江大学', 'Zhejiang University', 'university'],
  ['复旦大学', 'Fudan University', 'university'],
  ['上海交通大学', 'Shanghai Jiao Tong University', 'university'],
  ['同济大学', 'Tongji University', 'university'],
  ['武汉大学', 'Wuhan University', 'university'],
  ['中山大学', 'Sun Yat-sen University', 'university'],
  ['南京大学', 'Nanjing University', 'university'],
  ['中国科学技术大学', 'University of Science and Technology of China', 'university'],
  ['哈尔滨工业大学', 'Harbin Institute of Technology', 'university'],
  ['北京航空航天大学', 'Beihang University', 'university'],
  ['西北工业大学', 'Northwestern Polytechnical University', 'university'],
  [
    '中国科学院地质与地球物理研究所',
    'Institute of Geology and Geophysics, Chinese Academy of Sciences',
    'research_institute',
  ],
  [
    '中国科学院大气物理研究所',
    'Institute of Atmospheric Physics, Chinese Academy of Sciences',
    'research_institute',
  ],
  ['中国科学院化学研究所', 'Institute of Chemistry, Chinese Academy of Sciences', 'research_institute'],
  ['中国地震局地质研究所', 'Institute of Geology, China Earthquake Administration', 'research_institute'],
  ['中国气象科学研究院', 'Chinese Academy of Meteorological Sciences', 'research_institute'],
  ['国家海洋局第二海洋研究所', 'Second Institute of Oceanography, MNR', 'research_institute'],
  ['华为技术有限公司', 'Huawei Technologies Co., Ltd.', 'company'],
  ['比亚迪股份有限公司', 'BYD Company Limited', 'company'],
  ['宁德时代新能源科技股份有限公司', 'Contemporary Amperex Technology Co., Limited', 'company'],
].map(([nameOriginal, nameEnglish, kind]) => ({
  nameOriginal: nameOriginal as string,
  nameEnglish: nameEnglish as string,
  country: 'CN',
  kind: kind as PartnerTemplate['kind'],
}))

const otherPartners: PartnerTemplate[] = (
  [
    ['US', 'Massachusetts Institute of Technology', 'university'],
    ['US', 'University of California, Berkeley', 'university'],
    ['US', 'Woods Hole Oceanographic Institution', 'research_institute'],
    ['GB', 'University of Cambridge', 'university'],
    ['GB', 'British Geological Survey', 'research_institute'],
    ['FR', 'Centre national de la recherche scientifique', 'research_institute'],
    ['FR', 'Sorbonne Université', 'university'],
    ['JP', 'The University of Tokyo', 'university'],
    ['JP', 'RIKEN', 'research_institute'],
    ['KR', 'Korea Advanced Institute of Science and Technology', 'university'],
    ['IN', 'Indian Institute of Science', 'university'],
    ['BR', 'Universidade de São Paulo', 'university'],
    ['SG', 'National University of Singapore', 'university'],
    ['CH', 'ETH Zürich', 'university'],
    ['NL', 'Delft University of Technology', 'university'],
    ['IL', 'Weizmann Institute of Science', 'research_institute'],
    ['TW', 'National Taiwan University', 'university'],
    ['HK', 'The University of Hong Kong', 'university'],
    ['CA', 'University of Toronto', 'university'],
    ['AU', 'Australian National University', 'university'],
    ['ZA', 'University of Cape Town', 'university'],
    ['RU', 'Lomonosov Moscow State University', 'university'],
    ['SA', 'King Abdullah University of Science and Technology', 'university'],
    ['VN', 'Vietnam Academy of Science and Technology', 'research_institute'],
  ] as const
).map(([country, nameEnglish, kind]) => ({ nameOriginal: nameEnglish, nameEnglish, country, kind }))

const funders: (readonly [{ name: string; programme: string } | null, number])[] = [
  [{ name: 'Deutsche Forschungsgemeinschaft (DFG)', programme: 'Sachbeihilfe' }, 30],
  [
    {
      name: 'Bundesministerium für Forschung, Technologie und Raumfahrt (BMFTR)',
      programme: 'Internationale Zusammenarbeit',
    },
    20,
  ],
  [{ name: 'European Commission', programme: 'Horizon Europe' }, 18],
  [{ name: 'Chinesisch-Deutsches Zentrum für Wissenschaftsförderung', programme: 'Mobilitätsprogramm' }, 10],
  [{ name: 'Deutscher Akademischer Austauschdienst (DAAD)', programme: 'PPP' }, 8],
  [{ name: 'VolkswagenStiftung', programme: 'Europe and Global Challenges' }, 5],
  [{ name: 'Industriepartner', programme: 'Auftragsforschung' }, 6],
  [null, 10],
]

/** Statuses and how common they are in an institution's register. */
const statuses: (readonly [CollaborationTable['status'], number])[] = [
  ['draft', 8],
  ['submitted', 4],
  ['in_review', 12],
  ['approved', 7],
  ['approved_with_conditions', 6],
  ['declined', 3],
  ['active', 38],
  ['ended', 13],
  ['withdrawn', 5],
  ['amendment_draft', 4],
]

const riskWeights: (readonly [RiskLevel, number])[] = [
  ['low', 52],
  ['elevated', 30],
  ['high', 15],
  ['no_go', 3],
]

/** Calendar days an office typically takes (median) and how much it varies. */
const officePace: Record<string, { median: number; spread: number; weight: number }> = {
  research_security: { median: 4, spread: 0.5, weight: 100 },
  export_control: { median: 9, spread: 0.6, weight: 55 },
  legal: { median: 7, spread: 0.55, weight: 45 },
  data_protection: { median: 6, spread: 0.5, weight: 35 },
  technology_transfer: { median: 5, spread: 0.5, weight: 30 },
  international_office: { median: 3, spread: 0.45, weight: 40 },
  funding_office: { median: 4, spread: 0.5, weight: 20 },
  hr: { median: 5, spread: 0.5, weight: 15 },
  ethics: { median: 12, spread: 0.6, weight: 10 },
  expert_team: { median: 14, spread: 0.5, weight: 8 },
}

const questions = [
  'Please describe where the shared measurement data will be stored and who can access them.',
  'Which software will be handed over to the partner, and under which licence?',
  'Will any equipment leave the institute? Please list it with its specifications.',
  'Please confirm the duration and direction of the planned research stays.',
  'Is the partner department involved in defence-related projects, as far as you know?',
  'Bitte erläutern Sie, welche Proben ausgetauscht werden und wie sie transportiert werden.',
]

interface Organisation {
  unitIds: string[]
  researchers: { id: string; name: string }[]
  decisionMaker: string
  offices: string[]
}

async function ensureOrganisation(db: Db, now: string): Promise<Organisation> {
  let units = await db.selectFrom('units').select('id').orderBy('code').execute()
  if (units.length === 0) {
    const rows = ['GEO', 'MAT', 'DIG', 'LIFE', 'PHY', 'ENV'].map((code) => ({
      id: newId(),
      code,
      nameDe: `Bereich ${code}`,
      nameEn: `Division ${code}`,
      parentId: null,
      createdAt: now,
      updatedAt: now,
    }))
    await db.insertInto('units').values(rows).execute()
    units = rows.map(({ id }) => ({ id }))
  }
  let researchers = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(['users.id', 'users.displayName as name'])
    .where('userRoles.role', '=', 'researcher')
    .execute()
  if (researchers.length === 0) {
    const rows = Array.from({ length: 40 }, (_, index) => ({
      id: newId(),
      username: `bench.researcher${index + 1}`,
      displayName: `Researcher ${index + 1}`,
      email: `bench.researcher${index + 1}@example.org`,
      unitId: null,
      passwordHash: null,
      oidcIssuer: null,
      oidcSubject: null,
      isActive: 1,
      locale: 'de',
      createdAt: now,
      updatedAt: now,
    }))
    await db.insertInto('users').values(rows).execute()
    await db
      .insertInto('userRoles')
      .values(rows.map((row) => ({ userId: row.id, role: 'researcher', officeId: '', createdAt: now })))
      .execute()
    researchers = rows.map((row) => ({ id: row.id, name: row.displayName }))
  }
  const decider = await db
    .selectFrom('userRoles')
    .select('userId')
    .where('role', '=', 'decision_maker')
    .executeTakeFirst()
  const offices = (await db.selectFrom('offices').select('key').execute()).map((row) => row.key)
  if (offices.length === 0) {
    const rows = Object.keys(officePace)
      .filter((key) => key !== 'expert_team')
      .map((key) => ({
        id: newId(),
        key,
        nameDe: key,
        nameEn: key,
        descriptionDe: '',
        descriptionEn: '',
        email: `${key}@example.org`,
        phone: '',
        leadUserId: null,
        reviewDays: 5,
        createdAt: now,
        updatedAt: now,
      }))
    await db.insertInto('offices').values(rows).execute()
    offices.push(...rows.map((row) => row.key))
  }
  return {
    unitIds: units.map((unit) => unit.id),
    researchers,
    decisionMaker: decider?.userId ?? (researchers[0] as { id: string }).id,
    offices: [...offices.filter((key) => key in officePace), 'expert_team'],
  }
}

interface Text {
  title: string
  text: string
  keywords: string[]
}

/** Realistic project descriptions: CORDIS abstracts and the controlled descriptions of the labelled set. */
function loadTexts(): { civil: Text[]; controlled: Text[] } {
  const fixtures = new URL('../test/fixtures/assessment/', import.meta.url)
  const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as T
  const abstracts = read<{ title: string; text: string; keywords: string }[]>('cordis-abstracts.json')
  const controlled = read<{ text: string; category?: string }[]>('controlled.json')
  return {
    civil: abstracts.map((item) => ({
      title: item.title.slice(0, 280),
      text: item.text.slice(0, 1500),
      keywords: item.keywords
        .split(/[;,]/)
        .map((word) => word.trim())
        .filter((word) => word.length > 0 && word.length <= 80)
        .slice(0, 8),
    })),
    controlled: controlled.map((item, index) => ({
      title: `${item.text.split(/[.:]/)[0]?.slice(0, 120) ?? 'Controlled technology'} (${index + 1})`,
      text: item.text.slice(0, 1500),
      keywords: [item.category ?? 'technology'],
    })),
  }
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10)
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

/** Fills the database; returns what was written and how long it took. */
export async function generatePortfolio(db: Db, options: PortfolioOptions): Promise<PortfolioCounts> {
  const started = performance.now()
  const rng: Rng = random(options.seed)
  const now = options.now ?? new Date()
  const nowIso = now.toISOString()
  const org = await ensureOrganisation(db, nowIso)
  const texts = loadTexts()
  const subjectCodes = researchAreas()
    .filter((area) => area.level === 3)
    .map((area) => area.code)
  const favouredBoards = [
    '213',
    '222',
    '313',
    '315',
    '316',
    '341',
    '342',
    '343',
    '411',
    '412',
    '421',
    '431',
    '441',
    '442',
    '443',
  ]
  const favoured = subjectCodes.filter((code) => favouredBoards.some((board) => code.startsWith(board)))

  // Real engine results for a pool of descriptions, grouped by the risk level the engine gave.
  const index = buildIndex(shippedReferenceSet())
  const base = DataSheetSchema.parse({})
  const results = new Map<RiskLevel, { result: AssessmentResult; text: Text }[]>()
  const pool = [...texts.civil.slice(0, 24), ...texts.controlled.slice(0, 36)]
  for (const [position, text] of pool.entries()) {
    const sheet: DataSheet = {
      ...base,
      title: text.title,
      description: text.text,
      trl: 3 + (position % 5),
      partners: [
        {
          id: newId(),
          ...(chinesePartners[position % chinesePartners.length] as PartnerTemplate),
          department: '',
          contactName: '',
          contactRole: '',
        },
      ],
    }
    const full = assess(index, { sheet, today: isoDay(now) })
    // Stored as the engine gave it, with the candidate lists cut to their head to keep the database small.
    const result = { ...full, candidates: full.candidates.slice(0, 3), areas: full.areas.slice(0, 3) }
    const list = results.get(result.riskLevel) ?? []
    list.push({ result, text })
    results.set(result.riskLevel, list)
  }
  const anyResult = [...results.values()].flat()
  const serialised = new Map<string, string>()
  /** A stored result for the wanted level: the engine's own where it produced that level. */
  const resultFor = (level: RiskLevel): { text: Text; json: string } => {
    const list = results.get(level)
    const chosen = list && list.length > 0 ? rng.pick(list) : rng.pick(anyResult)
    const key = `${anyResult.indexOf(chosen)}:${level}`
    let json = serialised.get(key)
    if (json === undefined) {
      json = JSON.stringify({ ...chosen.result, riskLevel: level })
      serialised.set(key, json)
    }
    return { text: chosen.text, json }
  }

  const span = 3 * 365 // history of three years
  const counts = { collaborations: 0, partners: 0, assessments: 0, reviews: 0, informationRequests: 0 }
  const nonDraftShare = 1 - 0.08
  const perCase = options.reviewsPerCase / nonDraftShare
  const batchSize = 250

  for (let offset = 0; offset < options.collaborations; offset += batchSize) {
    const collaborations: Insertable<CollaborationTable>[] = []
    const members: Insertable<CollaborationMemberTable>[] = []
    const partners: Insertable<CollaborationPartnerTable>[] = []
    const versions: Insertable<CollaborationVersionTable>[] = []
    const assessments: Insertable<AssessmentTable>[] = []
    const reviews: Insertable<OfficeReviewTable>[] = []
    const requests: Insertable<InformationRequestTable>[] = []

    for (let n = offset; n < Math.min(options.collaborations, offset + batchSize); n++) {
      const id = newId()
      const status = rng.weighted(statuses)
      const risk = status === 'draft' ? null : rng.weighted(riskWeights)
      const author = rng.pick(org.researchers)
      const unitId = rng.pick(org.unitIds)
      const createdAt = addDays(now, -rng.int(20, span))
      const submittedAt = status === 'draft' ? null : addDays(createdAt, rng.int(1, 20))
      const chosen = risk ? resultFor(risk) : { text: rng.pick(texts.civil), json: null }
      const text = risk === 'high' || risk === 'no_go' ? chosen.text : rng.pick(texts.civil)
      const partnerCount = rng.weighted([
        [1, 60],
        [2, 28],
        [3, 12],
      ] as const)
      const sheetPartners = Array.from({ length: partnerCount }, () => {
        const template = rng.next() < 0.62 ? rng.pick(chinesePartners) : rng.pick(otherPartners)
        return {
          id: newId(),
          ...template,
          department: '',
          contactName: `Prof. ${rng.pick(['Li', 'Wang', 'Zhang', 'Chen', 'Müller', 'Smith', 'Tanaka', 'Dubois'])}`,
          contactRole: 'Principal investigator',
        }
      })
      const areaCount = rng.int(1, 3)
      const areas = [
        ...new Set(
          Array.from({ length: areaCount }, () => rng.pick(rng.next() < 0.7 ? favoured : subjectCodes)),
        ),
      ]
      const trl =
        rng.next() < 0.1 ? null : rng.weighted([1, 2, 3, 4, 5, 6, 7, 8, 9].map((t) => [t, 10 - t] as const))
      const funder = rng.weighted(funders)
      const start = submittedAt ? addDays(submittedAt, rng.int(30, 120)) : addDays(now, rng.int(30, 200))
      const sheet: DataSheet = {
        ...base,
        title: text.title,
        acronym: `P${(n + 1).toString(36).toUpperCase()}`,
        summary: text.text.slice(0, 280),
        description: text.text,
        researchAreas: areas,
        keywords: text.keywords,
        trl,
        unitId,
        principalInvestigators: [{ userId: author.id, name: author.name }],
        partners: sheetPartners,
        activities: {
          ...base.activities,
          jointResearch: true,
          jointPublications: rng.next() < 0.8,
          dataSharing: rng.next() < 0.5,
          sampleTransfer: rng.next() < 0.15,
          mobility: rng.next() < 0.4,
        },
        funding: {
          ...base.funding,
          funders: funder ? [funder] : [],
          totalBudgetEur: rng.int(20, 2000) * 1000,
        },
        interests: {
          ...base.interests,
          startDate: isoDay(start),
          endDate: isoDay(addDays(start, rng.int(365, 1460))),
        },
      }

      // The review: offices routed by risk, durations by office pace; decisions once all have answered.
      const isDecided = [
        'approved',
        'approved_with_conditions',
        'declined',
        'active',
        'ended',
        'amendment_draft',
      ].includes(status)
      const inReview = status === 'in_review'
      const wanted =
        submittedAt && status !== 'submitted' ? Math.max(1, Math.round(rng.lognormal(perCase, 0.3))) : 0
      const participants: string[] = []
      if (wanted > 0) participants.push('research_security')
      const candidates = org.offices.filter((key) => key !== 'research_security')
      while (participants.length < Math.min(wanted, org.offices.length)) {
        const key = rng.weighted(
          candidates
            .filter((office) => !participants.includes(office))
            .map((office) => [office, officePace[office]?.weight ?? 10] as const),
        )
        participants.push(key)
      }
      const riskFactor = risk === 'high' || risk === 'no_go' ? 1.6 : risk === 'elevated' ? 1.2 : 1
      let lastAnswer = submittedAt ?? createdAt
      let objection = false
      let withConditions = false
      const rounds = wanted > participants.length ? 2 : 1
      for (let round = 1; round <= rounds; round++) {
        const inThisRound = round === 1 ? participants : participants.slice(0, wanted - participants.length)
        const roundStart =
          round === 1 ? addDays(submittedAt ?? createdAt, rng.next() * 2) : addDays(lastAnswer, 30)
        for (const participant of inThisRound) {
          const pace = officePace[participant] ?? { median: 6, spread: 0.5 }
          const reviewId = newId()
          const createdAtReview = roundStart
          const dueAt = addDays(
            createdAtReview,
            Math.round(((participant === 'expert_team' ? 10 : 5) * 7) / 5),
          )
          const took = Math.max(0.05, rng.lognormal(pace.median * riskFactor, pace.spread))
          let completedAt: Date | null = addDays(createdAtReview, took)
          let reviewStatus = 'completed'
          let pausedSince: string | null = null
          const stillOpen = inReview && (completedAt > now || rng.next() < 0.45)
          if (stillOpen || status === 'withdrawn') {
            if (status === 'withdrawn') reviewStatus = 'cancelled'
            else {
              reviewStatus = rng.next() < 0.15 ? 'waiting_for_information' : 'open'
              if (reviewStatus === 'waiting_for_information')
                pausedSince = addDays(now, -rng.int(1, 6)).toISOString()
            }
            completedAt = null
          }
          const recommendation =
            reviewStatus === 'completed'
              ? rng.weighted([
                  ['no_objection', risk === 'low' ? 80 : 55],
                  ['conditions', risk === 'low' ? 16 : 32],
                  ['objection', risk === 'low' ? 2 : risk === 'elevated' ? 7 : 22],
                ] as const)
              : null
          if (recommendation === 'objection') objection = true
          if (recommendation === 'conditions') withConditions = true
          if (completedAt && completedAt > lastAnswer) lastAnswer = completedAt
          // An in-review case's open reviews started recently enough that only some are overdue.
          const created =
            stillOpen && reviewStatus !== 'cancelled'
              ? addDays(now, -rng.lognormal(pace.median * 0.8, 0.6))
              : createdAtReview
          reviews.push({
            id: reviewId,
            collaborationId: id,
            round,
            processVersion: 1,
            participant,
            does:
              participant === 'research_security' || participant === 'export_control'
                ? 'assesses'
                : 'advises',
            reasons: JSON.stringify([
              { en: 'Routed by the process rules', de: 'Durch die Prozessregeln zugewiesen' },
            ]),
            status: reviewStatus,
            dueAt: (stillOpen ? addDays(created, 7) : dueAt).toISOString(),
            pausedSince,
            remainingWorkingDays: pausedSince ? rng.int(1, 5) : null,
            findings: completedAt ? 'Reviewed the data sheet, the pre-assessment and the screening.' : '',
            recommendation,
            conditions: JSON.stringify(
              recommendation === 'conditions'
                ? ['Data stay on the institute servers; access by named accounts only.']
                : [],
            ),
            completedAt: completedAt?.toISOString() ?? null,
            completedBy: completedAt ? org.decisionMaker : null,
            remindedAt: null,
            escalatedAt: null,
            createdAt: created.toISOString(),
          })
          // About a third of reviews ask the researcher something (more for higher risk).
          const asks =
            rng.next() < 0.12 * riskFactor
              ? rng.weighted([
                  [1, 70],
                  [2, 22],
                  [3, 8],
                ] as const)
              : 0
          for (let q = 0; q < asks; q++) {
            const askedAt = addDays(created, rng.next() * Math.max(0.5, took * 0.6))
            const answered = pausedSince === null || q < asks - 1
            requests.push({
              id: newId(),
              reviewId,
              collaborationId: id,
              question: rng.pick(questions),
              askedBy: org.decisionMaker,
              askedAt: askedAt.toISOString(),
              answer: answered
                ? 'The data stay on our servers; the partner gets read access to the results only.'
                : null,
              answeredBy: answered ? author.id : null,
              answeredAt: answered ? addDays(askedAt, rng.next() * 4).toISOString() : null,
            })
          }
        }
      }

      let decidedAt: Date | null = null
      let decision: string | null = null
      let finalStatus = status
      if (isDecided) {
        decidedAt = addDays(lastAnswer, rng.lognormal(2, 0.6))
        if (decidedAt > now) decidedAt = addDays(now, -rng.next())
        let outcome =
          status === 'declined' || risk === 'no_go'
            ? 'declined'
            : status === 'approved_with_conditions' || withConditions
              ? 'approved_with_conditions'
              : 'approved'
        if (objection && risk === 'high' && rng.next() < 0.5) outcome = 'declined'
        if (outcome === 'declined') finalStatus = 'declined'
        else if (status === 'approved' || status === 'approved_with_conditions') finalStatus = outcome
        decision = JSON.stringify({
          outcome,
          reasons:
            outcome === 'declined'
              ? 'The risks cannot be reduced to an acceptable level by conditions.'
              : 'The collaboration serves the institute’s research goals; the advice of the offices is followed.',
          conditions:
            outcome === 'approved_with_conditions'
              ? ['Data stay on the institute servers; access by named accounts only.']
              : [],
          decidedBy: org.decisionMaker,
        })
      }
      const updatedAt = new Date(
        Math.max(
          createdAt.getTime(),
          submittedAt?.getTime() ?? 0,
          decidedAt?.getTime() ?? 0,
          lastAnswer.getTime(),
        ),
      )
      const year = (submittedAt ?? createdAt).getUTCFullYear()
      const version = submittedAt ? (finalStatus === 'amendment_draft' ? 2 : 1) : 0
      collaborations.push({
        id,
        reference: `GEN-${year}-${String(n + 1).padStart(6, '0')}`,
        status: finalStatus,
        title: sheet.title,
        acronym: sheet.acronym,
        unitId,
        trl,
        sheet: JSON.stringify(sheet),
        questionnaireVersion: 1,
        version,
        decidedVersion: decidedAt ? 1 : null,
        statusBeforeAmendment: finalStatus === 'amendment_draft' ? 'active' : null,
        followUpOf: null,
        createdBy: author.id,
        createdAt: createdAt.toISOString(),
        updatedAt: (updatedAt > now ? now : updatedAt).toISOString(),
        submittedAt: submittedAt?.toISOString() ?? null,
        decidedAt: decidedAt?.toISOString() ?? null,
        decision,
      })
      members.push({ collaborationId: id, userId: author.id, role: 'author' })
      for (const [position, partner] of sheetPartners.entries()) {
        partners.push({
          collaborationId: id,
          position,
          partnerRef: partner.id,
          nameOriginal: partner.nameOriginal,
          nameEnglish: partner.nameEnglish,
          country: partner.country,
          kind: partner.kind,
        })
      }
      if (submittedAt) {
        versions.push({
          collaborationId: id,
          version: 1,
          kind: 'submission',
          sheet: JSON.stringify(sheet),
          questionnaireVersion: 1,
          createdAt: submittedAt.toISOString(),
          createdBy: author.id,
        })
      }
      if (risk && chosen.json && submittedAt) {
        assessments.push({
          id: newId(),
          collaborationId: id,
          collaborationVersion: 1,
          sheetUpdatedAt: submittedAt.toISOString(),
          riskLevel: risk,
          result: chosen.json,
          createdAt: addDays(submittedAt, 0.001).toISOString(),
          createdBy: 'system',
        })
      }
    }

    await db.transaction().execute(async (trx) => {
      const insertChunks = async <T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) => {
        for (let at = 0; at < rows.length; at += size) await insert(rows.slice(at, at + size))
      }
      await insertChunks(collaborations, 250, (chunk) =>
        trx.insertInto('collaborations').values(chunk).execute(),
      )
      await insertChunks(members, 1000, (chunk) =>
        trx.insertInto('collaborationMembers').values(chunk).execute(),
      )
      await insertChunks(partners, 1000, (chunk) =>
        trx.insertInto('collaborationPartners').values(chunk).execute(),
      )
      await insertChunks(versions, 250, (chunk) =>
        trx.insertInto('collaborationVersions').values(chunk).execute(),
      )
      await insertChunks(assessments, 100, (chunk) => trx.insertInto('assessments').values(chunk).execute())
      await insertChunks(reviews, 1000, (chunk) => trx.insertInto('officeReviews').values(chunk).execute())
      await insertChunks(requests, 1000, (chunk) =>
        trx.insertInto('informationRequests').values(chunk).execute(),
      )
    })
    counts.collaborations += collaborations.length
    counts.partners += partners.length
    counts.assessments += assessments.length
    counts.reviews += reviews.length
    counts.informationRequests += requests.length
  }
  // As after any bulk import (docs/operations.md): fresh statistics, so the planners know the sizes.
  await sql`analyze`.execute(db)
  return { ...counts, seconds: (performance.now() - started) / 1000 }
}
