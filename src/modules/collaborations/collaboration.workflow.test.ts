import { describe, expect, it } from 'vitest'
import {
  type CollaborationStatus,
  CollaborationStatusSchema,
  DataSheetSchema,
} from './collaboration.schema.js'
import {
  canTransition,
  diffSheets,
  isWithdrawable,
  nextStep,
  submissionProblems,
} from './collaboration.workflow.js'
import { defaultQuestions } from './questionnaire.defaults.js'

const statuses = CollaborationStatusSchema.options

const allowed: Record<CollaborationStatus, CollaborationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['in_review', 'withdrawn'],
  in_review: ['approved', 'approved_with_conditions', 'declined', 'withdrawn'],
  approved: ['active', 'amendment_draft', 'ended'],
  approved_with_conditions: ['active', 'amendment_draft', 'ended'],
  declined: [],
  active: ['ended', 'amendment_draft'],
  ended: [],
  withdrawn: [],
  amendment_draft: ['submitted', 'approved', 'approved_with_conditions', 'active'],
}

describe('the collaboration lifecycle', () => {
  it.each(statuses.flatMap((from) => statuses.map((to) => [from, to] as const)))(
    '%s -> %s follows the table',
    (from, to) => {
      expect(canTransition(from, to)).toBe(allowed[from].includes(to))
    },
  )

  it('allows withdrawal only before the decision', () => {
    expect(statuses.filter(isWithdrawable)).toEqual(['draft', 'submitted', 'in_review'])
  })

  it('puts the file with the research-security office for intake, due in three working days', () => {
    // Friday afternoon: three working days later is Wednesday.
    const step = nextStep('submitted', '2026-11-27T15:00:00.000Z')
    expect(step.holder).toEqual({ kind: 'office', key: 'research_security' })
    expect(step.dueAt).toBe('2026-12-02T15:00:00.000Z')
    expect(step.responsibilities.map((entry) => entry.does)).toContain('assesses')
  })
})

describe('what a submission needs', () => {
  const empty = DataSheetSchema.parse({})

  it('lists every missing part of an empty sheet, and every unanswered question', () => {
    const fields = submissionProblems(empty, defaultQuestions).map((problem) => problem.field)
    for (const field of [
      'title',
      'summary',
      'description',
      'researchAreas',
      'trl',
      'unitId',
      'partners',
      'activities',
    ]) {
      expect(fields).toContain(field)
    }
    expect(fields.filter((field) => field.startsWith('answers.'))).toHaveLength(defaultQuestions.length)
  })

  it('refuses a “no” or “unknown” answer without a reason and accepts it with one', () => {
    const question = defaultQuestions[0]?.key ?? ''
    const no = DataSheetSchema.parse({ answers: { [question]: { answer: 'no' } } })
    expect(submissionProblems(no, defaultQuestions)).toContainEqual(
      expect.objectContaining({ field: `answers.${question}.explanation`, code: 'explanation_required' }),
    )
    const unknown = DataSheetSchema.parse({ answers: { [question]: { answer: 'unknown' } } })
    expect(
      submissionProblems(unknown, defaultQuestions).some(
        (p) => p.field === `answers.${question}.explanation`,
      ),
    ).toBe(true)
    const explained = DataSheetSchema.parse({
      answers: { [question]: { answer: 'no', explanation: 'Partner pays royalties' } },
    })
    expect(
      submissionProblems(explained, defaultQuestions).some((p) => p.field.startsWith(`answers.${question}`)),
    ).toBe(false)
  })

  it('asks for direction and duration when mobility is planned, and for storage when data are involved', () => {
    const sheet = DataSheetSchema.parse({
      activities: { mobility: true },
      dataSamples: { kinds: ['personal_data'] },
    })
    const fields = submissionProblems(sheet, []).map((problem) => problem.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'activities.mobilityDirection',
        'activities.mobilityMonths',
        'dataSamples.storage',
        'dataSamples.access',
      ]),
    )
  })

  it('refuses an end date before the start date', () => {
    const sheet = DataSheetSchema.parse({ interests: { startDate: '2027-05-01', endDate: '2027-01-01' } })
    expect(submissionProblems(sheet, [])).toContainEqual(
      expect.objectContaining({ field: 'interests.endDate', code: 'invalid' }),
    )
  })
})

describe('the field-by-field diff', () => {
  it('names changed fields and keys partners by id, so reordering is no change', () => {
    const a = { id: '0190a1b2-0000-7000-8000-00000000000a', nameEnglish: 'A', country: 'CN' }
    const b = { id: '0190a1b2-0000-7000-8000-00000000000b', nameEnglish: 'B', country: 'DE' }
    const before = DataSheetSchema.parse({ title: 'Old', trl: 3, partners: [a, b] })
    const after = DataSheetSchema.parse({ title: 'New', trl: 3, partners: [b, { ...a, country: 'HK' }] })
    expect(diffSheets(before, after)).toEqual([
      { field: `partners[${a.id}].country`, before: 'CN', after: 'HK' },
      { field: 'title', before: 'Old', after: 'New' },
    ])
  })
})
