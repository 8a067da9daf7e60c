import {
  type Locale,
  type Office,
  OfficeKeySchema,
} from '../../../modules/organisation/organisation.schema.js'
import {
  type Fact,
  FactSchema,
  type OfficeReview,
  type Recommendation,
  type ReviewStatus,
} from '../../../modules/reviews/review.schema.js'
import type { TextKey } from '../../i18n/de.js'
import { pick, type TextValues } from '../../i18n/i18n.js'

type Translate = (key: TextKey, values?: TextValues) => string

/** The name of a participant of the process (an office key or the expert team) in the UI language. */
export function participantLabel(
  t: Translate,
  locale: Locale,
  participant: string,
  offices: readonly Office[],
): string {
  if (participant === 'expert_team') return t('reviews.expertTeam')
  const office = offices.find((candidate) => candidate.key === participant)
  if (office) return pick(locale, office.nameDe, office.nameEn)
  const key = OfficeKeySchema.safeParse(participant)
  return key.success ? t(`reviews.office.${key.data}`) : participant
}

/** A routing fact in words, e.g. "Personal data are shared". */
export function factLabel(t: Translate, fact: Fact): string {
  return t(`reviews.fact.${fact}`)
}

/** Why an office was involved: the rule's explanation without the technical fact list, and the facts in words. */
export function reasonParts(
  t: Translate,
  locale: Locale,
  reason: OfficeReview['reasons'][number],
): { text: string; facts: string[] } {
  const raw = pick(locale, reason.explanationDe, reason.explanationEn)
  const match = /\s*\(([^()]*)\)\s*$/.exec(raw)
  if (!match) return { text: raw, facts: [] }
  const names = (match[1] ?? '').split(',').map((entry) => entry.trim())
  const facts = names.map((name) => FactSchema.safeParse(name))
  // Only a trailing list of known facts is technical; any other bracket belongs to the explanation.
  if (facts.some((fact) => !fact.success)) return { text: raw, facts: [] }
  return {
    text: raw.slice(0, match.index),
    facts: facts.flatMap((fact) => (fact.success ? [factLabel(t, fact.data)] : [])),
  }
}

/** The badge colour of a review status. */
export function reviewStatusTone(
  status: ReviewStatus,
  isOverdue: boolean,
): 'info' | 'warning' | 'success' | 'danger' | 'neutral' {
  if (isOverdue) return 'danger'
  switch (status) {
    case 'completed':
      return 'success'
    case 'waiting_for_information':
      return 'warning'
    case 'cancelled':
      return 'neutral'
    default:
      return 'info'
  }
}

/** The badge colour of a recommendation. */
export function recommendationTone(recommendation: Recommendation): 'success' | 'warning' | 'danger' {
  if (recommendation === 'no_objection') return 'success'
  return recommendation === 'conditions' ? 'warning' : 'danger'
}
