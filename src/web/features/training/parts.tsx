import type { Locale, Office } from '../../../modules/organisation/organisation.schema.js'
import type {
  TrainingState,
  TrainingStatusItem,
  TrainingTopic,
} from '../../../modules/training/training.schema.js'
import { Badge } from '../../components/Feedback.js'
import type { TextKey } from '../../i18n/de.js'
import { formatDate, pick, useLocale, useT } from '../../i18n/i18n.js'
import { countryName } from '../collaborations/labels.js'

type Translate = (key: TextKey, values?: Record<string, string | number>) => string

const stateTones: Record<TrainingState, 'success' | 'warning' | 'danger' | 'neutral'> = {
  completed: 'success',
  expiring: 'warning',
  expired: 'danger',
  missing: 'neutral',
}

/** The state of a required training as a coloured label. */
export function StateBadge({ state }: { state: TrainingState }) {
  const t = useT()
  return <Badge tone={stateTones[state]}>{t(`training.state.${state}`)}</Badge>
}

/** "valid until …", "expired on …" or "due now" for a status item. */
export function dueLine(
  t: Translate,
  locale: Locale,
  item: Pick<TrainingStatusItem, 'state' | 'validUntil'>,
): string {
  if (item.state === 'missing') return t('training.dueNow')
  if (item.state === 'expired') return t('training.expiredOn', { date: formatDate(locale, item.validUntil) })
  return t('training.validUntil', { date: formatDate(locale, item.validUntil) })
}

/** Why a training is required, in words: `role:office_reviewer:export_control`, `partner_country:CN`, `collaboration`. */
export function reasonLabel(
  t: Translate,
  locale: Locale,
  reason: string,
  offices: readonly Office[] = [],
): string {
  const [kind, first, second] = reason.split(':')
  if (kind === 'collaboration') return t('training.reason.collaboration')
  if (kind === 'partner_country' && first)
    return t('training.reason.partnerCountry', { country: countryName(locale, first) })
  if (kind === 'role' && first) {
    const office = second ? offices.find((candidate) => candidate.key === second) : undefined
    const role = office
      ? t('role.officeReviewerFor', { office: pick(locale, office.nameDe, office.nameEn) })
      : t(`role.${first}` as TextKey)
    return t('training.reason.role', { role })
  }
  return reason
}

/** The topic of a module as a small label. */
export function TopicBadge({ topic }: { topic: TrainingTopic }) {
  const t = useT()
  return <span className="training-topic">{t(`training.topic.${topic}`)}</span>
}

/** A percentage for display (0.8 → "80"). */
export function percent(share: number): string {
  return String(Math.round(share * 100))
}

/** The module title in the current language. */
export function useTitle(): (title: { de: string; en: string }) => string {
  const { locale } = useLocale()
  return (title) => pick(locale, title.de, title.en)
}
