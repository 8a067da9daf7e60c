import { addWorkingDays } from '../../shared/dates.js'
import type {
  CollaborationStatus,
  DataSheet,
  FieldChange,
  NextStep,
  Question,
  SubmissionProblem,
} from './collaboration.schema.js'

const transitions: Record<CollaborationStatus, readonly CollaborationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['in_review', 'withdrawn'],
  in_review: ['approved', 'approved_with_conditions', 'declined', 'withdrawn'],
  approved: ['active', 'amendment_draft', 'ended'],
  approved_with_conditions: ['active', 'amendment_draft', 'ended'],
  declined: [],
  active: ['ended', 'amendment_draft'],
  ended: [],
  withdrawn: [],
  // Withdrawing an amendment returns to the decided state it came from (see withdrawAmendment).
  amendment_draft: ['submitted', 'approved', 'approved_with_conditions', 'active'],
}

/** Whether a collaboration in status `from` may move to `to`. */
export function canTransition(from: CollaborationStatus, to: CollaborationStatus): boolean {
  return transitions[from].includes(to)
}

/** Statuses in which the researcher edits the data sheet. */
export function isEditable(status: CollaborationStatus): boolean {
  return status === 'draft' || status === 'amendment_draft'
}

/** Statuses that count as decided (a decision is on record and no amendment is pending). */
export function isDecided(status: CollaborationStatus): boolean {
  return ['approved', 'approved_with_conditions', 'declined', 'active', 'ended'].includes(status)
}

/** Statuses before a decision, in which the case may still be withdrawn. */
export function isWithdrawable(status: CollaborationStatus): boolean {
  return status === 'draft' || status === 'submitted' || status === 'in_review'
}

const minDescriptionLength = 200

/**
 * Everything that must be completed before the case can be submitted, as field problems the form
 * shows next to each field. Every "no" and "unknown" answer needs an explanation.
 */
export function submissionProblems(sheet: DataSheet, questions: readonly Question[]): SubmissionProblem[] {
  const problems: SubmissionProblem[] = []
  const need = (condition: boolean, field: string, message: string) => {
    if (!condition) problems.push({ field, message, code: 'required' })
  }
  need(sheet.title.length > 0, 'title', 'Give the collaboration a title')
  need(sheet.summary.length > 0, 'summary', 'Summarise the collaboration in a few sentences')
  need(
    sheet.description.length >= minDescriptionLength,
    'description',
    `Describe the planned research (at least ${minDescriptionLength} characters)`,
  )
  need(sheet.researchAreas.length > 0, 'researchAreas', 'Choose at least one research area')
  need(sheet.trl !== null, 'trl', 'Choose the technology readiness level')
  need(sheet.unitId !== null, 'unitId', 'Choose your unit')
  need(sheet.principalInvestigators.length > 0, 'principalInvestigators', 'Name the principal investigator')
  need(sheet.partners.length > 0, 'partners', 'Add at least one partner organisation')
  sheet.partners.forEach((partner, index) => {
    const at = `partners.${index}`
    need(
      partner.nameOriginal.length > 0 || partner.nameEnglish.length > 0,
      `${at}.nameOriginal`,
      'Name the partner',
    )
    need(partner.country !== null, `${at}.country`, 'Choose the partner’s country')
    need(partner.kind !== null, `${at}.kind`, 'Choose the kind of organisation')
  })
  const activities = sheet.activities
  const anyActivity = [
    activities.jointResearch,
    activities.dataSharing,
    activities.sampleTransfer,
    activities.mobility,
    activities.visitingResearchers,
    activities.infrastructureAccess,
    activities.jointPublications,
    activities.ipLicensing,
    activities.equipmentDelivery,
    activities.contractOrMou,
  ].some(Boolean)
  need(anyActivity, 'activities', 'Tick at least one planned activity')
  if (activities.mobility) {
    need(
      activities.mobilityDirection !== null,
      'activities.mobilityDirection',
      'Say in which direction people travel',
    )
    need(activities.mobilityMonths !== null, 'activities.mobilityMonths', 'Say for how long')
  }
  if (sheet.dataSamples.kinds.length > 0) {
    need(
      sheet.dataSamples.storage.length > 0,
      'dataSamples.storage',
      'Say where the data and samples are stored',
    )
    need(sheet.dataSamples.access.length > 0, 'dataSamples.access', 'Say who has access')
  }
  const interests = sheet.interests
  need(interests.startDate !== null, 'interests.startDate', 'Give the planned start')
  need(interests.endDate !== null, 'interests.endDate', 'Give the planned end')
  if (interests.startDate && interests.endDate && interests.endDate < interests.startDate) {
    problems.push({ field: 'interests.endDate', message: 'The end lies before the start', code: 'invalid' })
  }
  need(interests.reciprocity.length > 0, 'interests.reciprocity', 'Describe what you expect in return')
  need(
    interests.exitOptions.length > 0,
    'interests.exitOptions',
    'Describe how the collaboration can be ended',
  )
  for (const question of questions) {
    const answer = sheet.answers[question.key]
    const field = `answers.${question.key}`
    if (!answer?.answer) {
      problems.push({ field: `${field}.answer`, message: 'Answer this question', code: 'required' })
    } else if (answer.answer !== 'yes' && answer.explanation.length === 0) {
      problems.push({
        field: `${field}.explanation`,
        message:
          answer.answer === 'no' ? 'A “no” needs a short explanation' : '“Unknown” needs a short explanation',
        code: 'explanation_required',
      })
    }
  }
  return problems
}

/** Working days the research-security office has for the intake check. */
export const intakeWorkingDays = 3

/**
 * Who holds the file now, who assesses / advises / decides, and what is asked of the researcher.
 * The reviews module refines this once office reviews run; this is the case's own view.
 */
export function nextStep(status: CollaborationStatus, submittedAt: string | null): NextStep {
  const researcher = { kind: 'researcher' as const, key: 'principal_investigator' }
  switch (status) {
    case 'draft':
    case 'amendment_draft':
      return {
        step: 'complete_sheet',
        holder: researcher,
        responsibilities: [{ who: researcher, does: 'completes' }],
        askedOfResearcher: 'complete_and_submit',
        dueAt: null,
      }
    case 'submitted':
      return {
        step: 'intake',
        holder: { kind: 'office', key: 'research_security' },
        responsibilities: [
          { who: { kind: 'office', key: 'research_security' }, does: 'assesses' },
          { who: { kind: 'office', key: 'international_office' }, does: 'advises' },
          { who: researcher, does: 'is_informed' },
        ],
        askedOfResearcher: null,
        dueAt: submittedAt ? addWorkingDays(new Date(submittedAt), intakeWorkingDays).toISOString() : null,
      }
    case 'in_review':
      return {
        step: 'office_reviews',
        holder: { kind: 'role', key: 'offices' },
        responsibilities: [
          { who: { kind: 'office', key: 'export_control' }, does: 'assesses' },
          { who: { kind: 'office', key: 'legal' }, does: 'advises' },
          { who: { kind: 'office', key: 'international_office' }, does: 'advises' },
          { who: { kind: 'role', key: 'decision_maker' }, does: 'decides' },
        ],
        askedOfResearcher: null,
        dueAt: null,
      }
    case 'approved':
    case 'approved_with_conditions':
      return {
        step: 'activation',
        holder: researcher,
        responsibilities: [
          { who: researcher, does: 'completes' },
          { who: { kind: 'office', key: 'legal' }, does: 'advises' },
        ],
        askedOfResearcher: status === 'approved' ? 'sign_and_activate' : 'meet_conditions_and_activate',
        dueAt: null,
      }
    case 'active':
      return {
        step: 'running',
        holder: researcher,
        responsibilities: [{ who: researcher, does: 'completes' }],
        askedOfResearcher: 'report_changes',
        dueAt: null,
      }
    default:
      return {
        step: 'closed',
        holder: researcher,
        responsibilities: [],
        askedOfResearcher: null,
        dueAt: null,
      }
  }
}

/** Flattens a value into dotted paths; partners are keyed by their id so reordering is no change. */
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    const keyed = value.every((item) => item !== null && typeof item === 'object' && 'id' in item)
    if (!keyed || value.length === 0) {
      into.set(prefix, value)
      return
    }
    for (const item of value) flatten(item, `${prefix}[${String((item as { id: unknown }).id)}]`, into)
    return
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into)
    return
  }
  into.set(prefix, value)
}

/** The fields that differ between two sheets, for reviewers of an amendment. */
export function diffSheets(before: DataSheet, after: DataSheet): FieldChange[] {
  const left = new Map<string, unknown>()
  const right = new Map<string, unknown>()
  flatten(before, '', left)
  flatten(after, '', right)
  const fields = [...new Set([...left.keys(), ...right.keys()])].sort()
  return fields
    .filter((field) => JSON.stringify(left.get(field)) !== JSON.stringify(right.get(field)))
    .map((field) => ({ field, before: left.get(field) ?? null, after: right.get(field) ?? null }))
}
